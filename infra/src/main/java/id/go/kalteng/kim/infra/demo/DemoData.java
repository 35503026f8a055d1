package id.go.kalteng.kim.infra.demo;

import java.util.List;

import id.go.kalteng.kim.infra.demo.DemoGroup.DemoMember;

/**
 * The demo data set: KIM groups in four kabupaten/kota of Kalimantan Tengah, urban and
 * rural, whose members vary along every dimension a broadcast can target.
 */
public final class DemoData {

	private DemoData() {
	}

	/**
	 * The demo groups; the first one is the coordinator's.
	 * @return groups in a fixed order
	 */
	public static List<DemoGroup> groups() {
		return List.of(betangPalangkaRaya(), handepKapuas(), bahalapPulangPisau(), habaringSampit());
	}

	private static DemoGroup betangPalangkaRaya() {
		return new DemoGroup("betang-informasi", "KIM Betang Informasi", "62.71", "Jekan Raya", "Bukit Tunggal",
				"PERKOTAAN",
				List.of(member("Yohanes Nyahu", "0812-5110-2301", "PRIA", "DEWASA", "LAINNYA", "KETUA", true),
						member("Siti Rahmawati", "0813-4920-1187", "WANITA", "DEWASA", "PEDAGANG", "SEKRETARIS", true),
						member("Agustina Ranying", "0852-4711-3098", "WANITA", "DEWASA", "LAINNYA", "BENDAHARA", true),
						member("Rizky Pratama", "0821-5560-7412", "PRIA", "REMAJA", "MAHASISWA", "ANGGOTA", true),
						member("Nurul Hidayah", "0857-5123-8846", "WANITA", "REMAJA", "PELAJAR", "ANGGOTA", true),
						member("Ahmad Fauzan", "0811-5207-6634", "PRIA", "DEWASA", "PEDAGANG", "ANGGOTA", false),
						member("Marlina Dewi", "0878-1042-5590", "WANITA", "LANSIA", "LAINNYA", "ANGGOTA", false)));
	}

	private static DemoGroup handepKapuas() {
		return new DemoGroup("handep-hapakat", "KIM Handep Hapakat", "62.03", "Selat", "Selat Hilir", "PERDESAAN",
				List.of(member("Darius Ampah", "0813-4982-5521", "PRIA", "LANSIA", "PETANI", "KETUA", false),
						member("Evi Kristina", "0822-5519-0347", "WANITA", "DEWASA", "LAINNYA", "SEKRETARIS", true),
						member("Muhammad Iqbal", "0853-4813-2765", "PRIA", "DEWASA", "NELAYAN", "BENDAHARA", true),
						member("Rusmiati", "0812-5061-9982", "WANITA", "DEWASA", "PETANI", "ANGGOTA", false),
						member("Kristian Hadinata", "0896-5212-4470", "PRIA", "REMAJA", "PELAJAR", "ANGGOTA", true)));
	}

	private static DemoGroup bahalapPulangPisau() {
		return new DemoGroup("bahalap-bereng", "KIM Bahalap Bereng", "62.11", "Kahayan Hilir", "Bereng", "PERDESAAN",
				List.of(member("Sri Wahyuni", "0813-5287-6613", "WANITA", "DEWASA", "PEDAGANG", "KETUA", true),
						member("Paulus Nyangkal", "0852-5240-1938", "PRIA", "LANSIA", "PETANI", "SEKRETARIS", false),
						member("Hendra Saputra", "0819-5308-7725", "PRIA", "DEWASA", "NELAYAN", "BENDAHARA", true)));
	}

	private static DemoGroup habaringSampit() {
		return new DemoGroup("habaring-hurung", "KIM Habaring Hurung", "62.02", "Mentawa Baru Ketapang",
				"Mentawa Baru Hulu", "PERKOTAAN",
				List.of(member("Abdul Rahman", "0811-5290-3346", "PRIA", "DEWASA", "PEDAGANG", "KETUA", true),
						member("Yuliana Sari", "0821-5071-6629", "WANITA", "DEWASA", "LAINNYA", "SEKRETARIS", true),
						member("Fitriani", "0856-5409-2281", "WANITA", "DEWASA", "PEDAGANG", "BENDAHARA", true),
						member("Gusti Randa", "0877-1524-8803", "PRIA", "REMAJA", "MAHASISWA", "ANGGOTA", true),
						member("Hairul Anwar", "0852-4830-5516", "PRIA", "LANSIA", "NELAYAN", "ANGGOTA", false),
						member("Maya Angelina", "0838-5163-9470", "WANITA", "REMAJA", "PELAJAR", "ANGGOTA", true)));
	}

	private static DemoMember member(String name, String phone, String gender, String ageGroup, String occupation,
			String role, boolean whatsapp) {
		return new DemoMember(name, phone, gender, ageGroup, occupation, role, whatsapp);
	}

}
