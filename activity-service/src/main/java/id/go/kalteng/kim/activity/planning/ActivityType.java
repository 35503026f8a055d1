package id.go.kalteng.kim.activity.planning;

/** What kind of empowerment activity takes place; each belongs to one category. */
public enum ActivityType {

	WORKSHOP(ActivityCategory.DISEMINASI_INFORMASI), TEMU_WICARA(ActivityCategory.DISEMINASI_INFORMASI),
	SARASEHAN(ActivityCategory.DISEMINASI_INFORMASI), LOKAKARYA(ActivityCategory.DISEMINASI_INFORMASI),
	ANJANGSANA(ActivityCategory.DISEMINASI_INFORMASI), DISKUSI(ActivityCategory.DISEMINASI_INFORMASI),
	DIALOG(ActivityCategory.DISEMINASI_INFORMASI), WIDYAWISATA(ActivityCategory.DISEMINASI_INFORMASI),
	DIKLAT(ActivityCategory.PENDIDIKAN_LATIHAN), LITIGASI(ActivityCategory.ADVOKASI),
	PARALEGAL(ActivityCategory.ADVOKASI), MEDIASI(ActivityCategory.MEDIASI), KONSULTASI(ActivityCategory.KONSULTASI),
	KONSELING(ActivityCategory.KONSULTASI);

	private final ActivityCategory category;

	ActivityType(ActivityCategory category) {
		this.category = category;
	}

	public ActivityCategory category() {
		return this.category;
	}

}
