package id.go.kalteng.kim.group.registry;

/** A member's gender (a targeting dimension). */
public enum Gender {

	PRIA, WANITA

}
