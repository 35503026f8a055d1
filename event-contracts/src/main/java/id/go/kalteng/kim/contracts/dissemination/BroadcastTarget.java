package id.go.kalteng.kim.contracts.dissemination;

import java.util.List;

/** Who a broadcast reaches; an empty list puts no restriction on that dimension. */
public record BroadcastTarget(List<String> kabupaten, List<String> groups, List<String> gender, List<String> ageGroup,
		List<String> occupation, List<String> setting) {

}
