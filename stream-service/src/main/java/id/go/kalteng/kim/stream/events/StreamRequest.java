package id.go.kalteng.kim.stream.events;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What one caller asked to stream: the kabupaten (already scoped to what it may see), the
 * event types (empty: all), where to resume, and where a fresh stream starts.
 */
record StreamRequest(List<String> kabupaten, Set<String> types, Optional<StreamPosition> resumeAfter,
		boolean fromOldest) {

}
