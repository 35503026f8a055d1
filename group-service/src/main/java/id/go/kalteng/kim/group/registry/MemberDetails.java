package id.go.kalteng.kim.group.registry;

/**
 * What describes a member; {@code phone} is already in E.164.
 *
 * @param name the member's name (personal data)
 * @param phone the mobile number in E.164 (personal data)
 * @param gender gender
 * @param ageGroup age group
 * @param occupation occupation
 * @param role officer role or ANGGOTA
 * @param whatsapp whether the number uses WhatsApp
 * @param language preferred language (BCP 47, default {@code id})
 */
public record MemberDetails(String name, String phone, Gender gender, AgeGroup ageGroup, Occupation occupation,
		MemberRole role, boolean whatsapp, String language) {

}
