package id.go.kalteng.kim.support.security;

/** Who a caller is in the KIM network; carried in the token's {@code roles} claim. */
public enum Role {

	/** The provincial operations team: sees and does everything. */
	OPERATOR,
	/** A kabupaten/kota agency: sees only its own kabupaten. */
	AGENCY,
	/** A KIM officer: manages its own group. */
	COORDINATOR

}
