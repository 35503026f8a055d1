package id.go.kalteng.kim.group.registry;

/** A member's place in the group: one of the three officers, or an ordinary member. */
public enum MemberRole {

	KETUA, SEKRETARIS, BENDAHARA, ANGGOTA;

	/** Whether a group may have only one member in this role. */
	public boolean isOfficer() {
		return this != ANGGOTA;
	}

}
