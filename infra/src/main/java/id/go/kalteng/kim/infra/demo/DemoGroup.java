package id.go.kalteng.kim.infra.demo;

import java.util.List;

/**
 * A KIM group of the demo data set, shaped like the body of {@code POST /api/groups},
 * with the members to add to it.
 *
 * @param key a stable name for the group, the base of its idempotency keys
 * @param name the group's name
 * @param kabupaten the kabupaten/kota code, e.g. {@code 62.71}
 * @param kecamatan the district
 * @param desa the village or urban ward (kelurahan)
 * @param setting {@code PERKOTAAN} or {@code PERDESAAN}
 * @param members the members, first the officers
 */
public record DemoGroup(String key, String name, String kabupaten, String kecamatan, String desa, String setting,
		List<DemoMember> members) {

	/**
	 * A member, shaped like the body of {@code POST /api/groups/{id}/members}.
	 *
	 * @param name full name
	 * @param phone Indonesian mobile number as people write it, e.g.
	 * {@code 0812-3456-7890}
	 * @param gender {@code PRIA} or {@code WANITA}
	 * @param ageGroup {@code REMAJA}, {@code DEWASA} or {@code LANSIA}
	 * @param occupation {@code PELAJAR}, {@code MAHASISWA}, {@code PEDAGANG},
	 * {@code PETANI}, {@code NELAYAN} or {@code LAINNYA}
	 * @param role {@code KETUA}, {@code SEKRETARIS}, {@code BENDAHARA} or {@code ANGGOTA}
	 * @param whatsapp whether the number is on WhatsApp
	 */
	public record DemoMember(String name, String phone, String gender, String ageGroup, String occupation, String role,
			boolean whatsapp) {
	}

}
