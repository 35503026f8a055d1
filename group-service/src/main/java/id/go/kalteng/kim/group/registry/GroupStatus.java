package id.go.kalteng.kim.group.registry;

/** The lifecycle of a KIM group. */
public enum GroupStatus {

	FORMING, ACTIVE, SUSPENDED, DISSOLVED

}
