package id.go.kalteng.kim.group.consent;

import java.time.Clock;

import id.go.kalteng.kim.group.registry.Groups;
import id.go.kalteng.kim.support.observability.Masking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Records a channel opt-out or opt-in reported by notification-service on every
 * membership of that number, so every group's members carry their current consent.
 */
@Service
class ConsentRecorder {

	private static final Logger log = LoggerFactory.getLogger(ConsentRecorder.class);

	private final Groups groups;

	private final Clock clock;

	ConsentRecorder(Groups groups, Clock clock) {
		this.groups = groups;
		this.clock = clock;
	}

	void record(String phone, String channel, boolean allowed, String reason) {
		Groups.Changed groups = this.groups.changeEachWithMember(phone,
				(group) -> group.changeConsent(phone, channel, allowed, reason, this.clock.instant()));
		log.info("{} {} for {}: consent changed in {} of {} groups", allowed ? "opt-in" : "opt-out", channel,
				Masking.phone(phone), groups.changed(), groups.of());
	}

}
