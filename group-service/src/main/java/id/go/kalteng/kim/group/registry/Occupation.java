package id.go.kalteng.kim.group.registry;

/** A member's occupation (a targeting dimension). */
public enum Occupation {

	PELAJAR, MAHASISWA, PEDAGANG, PETANI, NELAYAN, LAINNYA

}
