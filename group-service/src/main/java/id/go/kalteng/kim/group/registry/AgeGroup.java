package id.go.kalteng.kim.group.registry;

/** A member's age group (a targeting dimension): youth, adult, elder (orang tua). */
public enum AgeGroup {

	REMAJA, DEWASA, LANSIA

}
