package id.go.kalteng.kim.infra.bench;

/**
 * The CSV roster the benchmark uploads for each of its groups: the header group-service
 * documents, semicolon-separated, every member an ANGGOTA (blank {@code jabatan}) on
 * WhatsApp ({@code whatsapp} ya, so a WhatsApp broadcast reaches them all; an SMS one
 * goes by SMS) with a mobile number no other member of the run has.
 */
public final class RosterCsv {

	static final String HEADER = "nama;no_hp;jenis_kelamin;kelompok_usia;pekerjaan;jabatan;whatsapp";

	private RosterCsv() {
	}

	/**
	 * @param runPrefix three digits that set this run's numbers apart from earlier runs'
	 * @param group the group's index in the run (0-based, below 10,000)
	 * @param members members of the group (below 100)
	 * @return the roster, one line per member after the header
	 */
	public static String roster(int runPrefix, int group, int members) {
		if (runPrefix < 0 || runPrefix > 999 || group < 0 || group > 9999 || members < 1 || members > 99) {
			throw new IllegalArgumentException(
					"run prefix 0..999, group 0..9999, members 1..99: " + runPrefix + ", " + group + ", " + members);
		}
		StringBuilder csv = new StringBuilder(HEADER).append('\n');
		for (int member = 0; member < members; member++) {
			csv.append("Warga Uji ")
				.append(group)
				.append('-')
				.append(member)
				.append(';')
				.append(phone(runPrefix, group, member))
				.append(';')
				.append((member % 2 == 0) ? 'L' : 'P')
				.append(";Dewasa;Petani;;ya\n");
		}
		return csv.toString();
	}

	/**
	 * A local mobile number, 0813 + run prefix + group + member: 13 digits, unique per
	 * run.
	 */
	public static String phone(int runPrefix, int group, int member) {
		return "0813%03d%04d%02d".formatted(runPrefix, group, member);
	}

}
