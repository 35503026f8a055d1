package id.go.kalteng.kim.notification.web;

import java.util.List;

/**
 * One page of a listing, shaped as every KIM API pages: {@code items}, {@code page} (from
 * 0), {@code size} and the {@code total} number of matches.
 */
public record PageView<T>(List<T> items, int page, int size, long total) {

}
