package id.go.kalteng.kim.group.registry;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many members a group needs to be active and may have at most (provincial rule
 * 3..30; local practice may differ).
 *
 * @param min members needed to be ACTIVE ({@code KIM_GROUP_MIN_MEMBERS})
 * @param max members allowed ({@code KIM_GROUP_MAX_MEMBERS})
 */
@ConfigurationProperties("kim.group.members")
public record GroupLimits(@DefaultValue("3") int min, @DefaultValue("30") int max) {

	public GroupLimits {
		if (min < 1 || max < min) {
			throw new IllegalArgumentException("member bounds must satisfy 1 <= min <= max, got " + min + ".." + max);
		}
	}

}
