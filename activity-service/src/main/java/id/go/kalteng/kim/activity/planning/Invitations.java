package id.go.kalteng.kim.activity.planning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import id.go.kalteng.kim.activity.group.GroupView;
import id.go.kalteng.kim.activity.group.KnownGroups;
import id.go.kalteng.kim.support.domain.DomainException;
import id.go.kalteng.kim.support.domain.FieldViolation;

import org.springframework.stereotype.Component;

/**
 * Checks invited groups against the projected groups: each must exist, not be dissolved,
 * and lie in the activity's kabupaten unless the province organises it.
 */
@Component
class Invitations {

	private final KnownGroups groups;

	Invitations(KnownGroups groups) {
		this.groups = groups;
	}

	void check(Activity.Details details) {
		List<String> invited = (details.invitedGroups() != null) ? details.invitedGroups() : List.of();
		Map<String, GroupView> known = this.groups.findAll(invited)
			.stream()
			.collect(Collectors.toMap(GroupView::id, Function.identity()));
		List<FieldViolation> errors = new ArrayList<>();
		for (int i = 0; i < invited.size(); i++) {
			String problem = problemOf(known.get(invited.get(i)), details.kabupaten());
			if (problem != null) {
				errors.add(new FieldViolation("invitedGroups[" + i + "]", problem, invited.get(i)));
			}
		}
		if (!errors.isEmpty()) {
			throw DomainException.invalid(errors);
		}
	}

	private static String problemOf(GroupView group, String kabupaten) {
		if (group == null || group.status() == null) {
			return "is not a known KIM group";
		}
		if (GroupView.DISSOLVED.equals(group.status())) {
			return "is dissolved";
		}
		if (!Activity.PROVINCE.equals(kabupaten) && !kabupaten.equals(group.kabupaten())) {
			return "is not a group of kabupaten " + kabupaten;
		}
		return null;
	}

}
