package id.go.kalteng.kim.activity.planning;

/** The techniques of community empowerment an activity type belongs to. */
public enum ActivityCategory {

	/** Information dissemination. */
	DISEMINASI_INFORMASI,

	/** Education and training. */
	PENDIDIKAN_LATIHAN,

	/** Advocacy. */
	ADVOKASI,

	/** Mediation. */
	MEDIASI,

	/** Consultation or counselling. */
	KONSULTASI

}
