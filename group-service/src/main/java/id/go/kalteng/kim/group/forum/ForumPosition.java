package id.go.kalteng.kim.group.forum;

/**
 * A coordinator's place in a Forum KIM: one of the three officers, or an ordinary one.
 */
enum ForumPosition {

	KETUA, SEKRETARIS, BENDAHARA, ANGGOTA;

	/** Whether a forum may have only one coordinator in this position. */
	public boolean isOfficer() {
		return this != ANGGOTA;
	}

}
