package id.go.kalteng.kim.group.registry;

import java.time.Instant;

import id.go.kalteng.kim.contracts.group.ChannelConsent;

import org.springframework.data.annotation.PersistenceCreator;

/**
 * A member of a KIM group, kept inside the group's document so the group can guard its
 * size, officers and unique numbers in one write.
 */
public class Member {

	private final String id;

	private String name;

	private String phone;

	private Gender gender;

	private AgeGroup ageGroup;

	private Occupation occupation;

	private MemberRole role;

	private boolean whatsapp;

	private ChannelConsent consent;

	private String language;

	private final Instant joinedAt;

	private Instant updatedAt;

	private long version;

	@PersistenceCreator
	Member(String id, String name, String phone, Gender gender, AgeGroup ageGroup, Occupation occupation,
			MemberRole role, boolean whatsapp, ChannelConsent consent, String language, Instant joinedAt,
			Instant updatedAt, long version) {
		this.id = id;
		this.name = name;
		this.phone = phone;
		this.gender = gender;
		this.ageGroup = ageGroup;
		this.occupation = occupation;
		this.role = role;
		this.whatsapp = whatsapp;
		this.consent = consent;
		this.language = language;
		this.joinedAt = joinedAt;
		this.updatedAt = updatedAt;
		this.version = version;
	}

	static Member join(String id, MemberDetails details, ChannelConsent consent, Instant now) {
		Member member = new Member(id, null, null, null, null, null, null, false, consent, null, now, now, 0);
		member.apply(details, now);
		return member;
	}

	void apply(MemberDetails details, Instant now) {
		this.name = details.name();
		this.phone = details.phone();
		this.gender = details.gender();
		this.ageGroup = details.ageGroup();
		this.occupation = details.occupation();
		this.role = details.role();
		this.whatsapp = details.whatsapp();
		this.language = details.language();
		touch(now);
	}

	void consent(ChannelConsent consent, Instant now) {
		this.consent = consent;
		touch(now);
	}

	private void touch(Instant now) {
		this.updatedAt = now;
		this.version++;
	}

	MemberDetails details() {
		return new MemberDetails(this.name, this.phone, this.gender, this.ageGroup, this.occupation, this.role,
				this.whatsapp, this.language);
	}

	public String getId() {
		return this.id;
	}

	public String getName() {
		return this.name;
	}

	public String getPhone() {
		return this.phone;
	}

	public Gender getGender() {
		return this.gender;
	}

	public AgeGroup getAgeGroup() {
		return this.ageGroup;
	}

	public Occupation getOccupation() {
		return this.occupation;
	}

	public MemberRole getRole() {
		return this.role;
	}

	public boolean isWhatsapp() {
		return this.whatsapp;
	}

	public ChannelConsent getConsent() {
		return this.consent;
	}

	public String getLanguage() {
		return this.language;
	}

	public Instant getJoinedAt() {
		return this.joinedAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

	/** Changes of this member since it joined; the member's ETag. */
	public long getVersion() {
		return this.version;
	}

}
