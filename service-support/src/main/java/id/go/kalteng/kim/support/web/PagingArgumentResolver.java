package id.go.kalteng.kim.support.web;

import java.util.Arrays;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves the {@link PageNumber} and {@link PageSize} parameters of a listing from the
 * {@code page} and {@code size} query parameters, both checked at once by {@link Paging}
 * (a bad pair is one 400 naming each bad parameter).
 */
public class PagingArgumentResolver implements HandlerMethodArgumentResolver {

	/** The query parameter of the page number. */
	public static final String PAGE = "page";

	/** The query parameter of the page size. */
	public static final String SIZE = "size";

	private static final String RESOLVED = PagingArgumentResolver.class.getName() + ".paging";

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.hasParameterAnnotation(PageNumber.class) || parameter.hasParameterAnnotation(PageSize.class);
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
		Paging paging = (Paging) webRequest.getAttribute(RESOLVED, RequestAttributes.SCOPE_REQUEST);
		if (paging == null) {
			SizeRule size = sizeOf(parameter);
			paging = Paging.of(webRequest.getParameter(PAGE), webRequest.getParameter(SIZE), size.byDefault(),
					size.max());
			webRequest.setAttribute(RESOLVED, paging, RequestAttributes.SCOPE_REQUEST);
		}
		return parameter.hasParameterAnnotation(PageNumber.class) ? paging.page() : paging.size();
	}

	/** The listing's size rule: its {@link PageSize} parameter's, or the default one. */
	static SizeRule sizeOf(MethodParameter parameter) {
		return Arrays.stream(parameter.getExecutable().getParameters())
			.map((p) -> p.getAnnotation(PageSize.class))
			.filter((annotation) -> annotation != null)
			.findFirst()
			.map((annotation) -> new SizeRule(annotation.value(), annotation.max()))
			.orElse(SizeRule.DEFAULT);
	}

	/**
	 * The size of a page when none is asked for, and the largest.
	 *
	 * @param byDefault the size when the client asks for none
	 * @param max the largest size
	 */
	record SizeRule(int byDefault, int max) {

		static final SizeRule DEFAULT = new SizeRule(20, 100);

	}

}
