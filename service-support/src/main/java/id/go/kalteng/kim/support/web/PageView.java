package id.go.kalteng.kim.support.web;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a listing, shaped as every KIM API pages: {@code items}, {@code page} (from
 * 0), {@code size} and the {@code total} number of matches.
 */
public record PageView<T>(List<T> items, int page, int size, long total) {

	/** The same page with each item turned into another (an aggregate into its view). */
	public <R> PageView<R> map(Function<? super T, ? extends R> mapper) {
		return new PageView<>(this.items.stream().<R>map(mapper).toList(), this.page, this.size, this.total);
	}

}
