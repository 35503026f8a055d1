package id.go.kalteng.kim.group.membership;

import id.go.kalteng.kim.group.registry.AgeGroup;
import id.go.kalteng.kim.group.registry.Gender;
import id.go.kalteng.kim.group.registry.Member;
import id.go.kalteng.kim.group.registry.MemberDetails;
import id.go.kalteng.kim.group.registry.MemberRole;
import id.go.kalteng.kim.group.registry.Occupation;

/**
 * Member fields to change; null leaves a field as it is. {@code phone} is already E.164.
 *
 * @param name name
 * @param phone mobile number in E.164
 * @param gender gender
 * @param ageGroup age group
 * @param occupation occupation
 * @param role officer role or ANGGOTA
 * @param whatsapp whether the number uses WhatsApp
 * @param language preferred language
 */
record MemberPatch(String name, String phone, Gender gender, AgeGroup ageGroup, Occupation occupation, MemberRole role,
		Boolean whatsapp, String language) {

	MemberDetails applyTo(Member m) {
		return new MemberDetails(or(this.name, m.getName()), or(this.phone, m.getPhone()),
				or(this.gender, m.getGender()), or(this.ageGroup, m.getAgeGroup()),
				or(this.occupation, m.getOccupation()), or(this.role, m.getRole()), or(this.whatsapp, m.isWhatsapp()),
				or(this.language, m.getLanguage()));
	}

	private static <T> T or(T value, T fallback) {
		return (value != null) ? value : fallback;
	}

}
