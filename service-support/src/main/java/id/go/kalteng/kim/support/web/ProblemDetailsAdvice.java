package id.go.kalteng.kim.support.web;

import java.net.URI;
import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import com.mongodb.MongoException;
import id.go.kalteng.kim.support.domain.DomainException;
import id.go.kalteng.kim.support.domain.FieldViolation;
import id.go.kalteng.kim.support.messaging.TransientFailures;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Renders every refusal as {@code application/problem+json} (RFC 9457) with a
 * {@code type}, a {@code title}, a {@code detail} and, for validation, an {@code errors}
 * list naming each bad field, query parameter, header or part: Spring MVC's own refusals
 * (missing or mistyped parameters, method validation, unreadable bodies, wrong content
 * types, unknown paths) as well as the platform's {@link ApiException}s.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	@ExceptionHandler(ApiException.class)
	ResponseEntity<ProblemDetail> api(ApiException ex) {
		ProblemDetail problem = Problems.of(ex.status(), ex.type(), ex.title(), ex.getMessage());
		if (!ex.errors().isEmpty()) {
			problem.setProperty("errors", ex.errors());
		}
		return respond(problem);
	}

	/**
	 * The domain's refusals: one status per kind, the rule as the problem's type, the
	 * same answer an {@link ApiException} of that kind gives.
	 */
	@ExceptionHandler(DomainException.class)
	ResponseEntity<ProblemDetail> domain(DomainException ex) {
		ProblemDetail problem = Problems.of(statusOf(ex.kind()), ex.type(), titleOf(ex.kind()), ex.getMessage());
		if (!ex.errors().isEmpty()) {
			problem.setProperty("errors", ex.errors());
		}
		return respond(problem);
	}

	static HttpStatus statusOf(DomainException.Kind kind) {
		return switch (kind) {
			case INVALID -> HttpStatus.BAD_REQUEST;
			case NOT_FOUND -> HttpStatus.NOT_FOUND;
			case FORBIDDEN -> HttpStatus.FORBIDDEN;
			case RULE_VIOLATED -> HttpStatus.CONFLICT;
			case STALE_VERSION -> HttpStatus.PRECONDITION_FAILED;
		};
	}

	private static String titleOf(DomainException.Kind kind) {
		return switch (kind) {
			case INVALID -> "Invalid request";
			case NOT_FOUND -> "Not found";
			case FORBIDDEN -> "Forbidden";
			case RULE_VIOLATED -> "Rule violated";
			case STALE_VERSION -> "Precondition failed";
		};
	}

	@ExceptionHandler(OptimisticLockingFailureException.class)
	ResponseEntity<ProblemDetail> concurrentChange(OptimisticLockingFailureException ex) {
		return respond(Problems.of(HttpStatus.CONFLICT, "concurrent-change", "Concurrent change",
				"The resource was changed by another request at the same time; read it again and retry"));
	}

	/**
	 * The database failed under a request: 503 with {@code Retry-After} when the failure
	 * passes by itself ({@link TransientFailures}: unreachable, timed out), otherwise
	 * 500; both as problems that tell nothing of the database, the cause in the log.
	 */
	@ExceptionHandler({ DataAccessException.class, MongoException.class })
	ResponseEntity<ProblemDetail> database(RuntimeException ex) {
		if (TransientFailures.isTransient(ex)) {
			log.warn("Request failed, the database is unavailable: {}", ex.toString());
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.headers(problemHeaders())
				.header(HttpHeaders.RETRY_AFTER, "1")
				.body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Service unavailable",
						"The service cannot reach its data right now; retry in a moment"));
		}
		log.error("Request failed in the database", ex);
		return respond(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
				"The request failed; it was logged for the operators"));
	}

	@ExceptionHandler(AccessDeniedException.class)
	ResponseEntity<ProblemDetail> accessDenied(AccessDeniedException ex) {
		return respond(Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "Your role may not do this"));
	}

	/**
	 * Constraints checked by a {@code @Validated} bean's proxy rather than by MVC (which
	 * raises {@link HandlerMethodValidationException} instead).
	 */
	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException ex) {
		List<FieldViolation> errors = ex.getConstraintViolations()
			.stream()
			.map((violation) -> FieldViolation.of(fieldOf(violation), violation.getMessage()))
			.sorted((a, b) -> a.field().compareTo(b.field()))
			.toList();
		return respondInvalid(errors);
	}

	/** A multipart body the server cannot take apart. */
	@ExceptionHandler(MultipartException.class)
	ResponseEntity<ProblemDetail> unreadableMultipart(MultipartException ex) {
		log.debug("Unreadable multipart request: {}", ex.getMessage());
		return respond(Problems.of(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed request body",
				"The multipart/form-data body cannot be read"));
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = (ex instanceof MethodArgumentTypeMismatchException argument) ? argument.getName()
				: ex.getPropertyName();
		return invalidEntity(List.of(FieldViolation.of(name, expected(ex.getRequiredType()))));
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return invalidEntity(List.of(FieldViolation.of(ex.getParameterName(), "is required")));
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestPart(MissingServletRequestPartException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return invalidEntity(List.of(FieldViolation.of(ex.getRequestPartName(), "is required (a multipart part)")));
	}

	@Override
	protected ResponseEntity<Object> handleServletRequestBindingException(ServletRequestBindingException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (ex instanceof MissingRequestHeaderException header) {
			return invalidEntity(List.of(FieldViolation.of(header.getHeaderName(), "is a required header")));
		}
		return super.handleServletRequestBindingException(ex, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String sent = (ex.getContentType() != null) ? ex.getContentType().toString() : "none";
		String accepted = listed(ex.getSupportedMediaTypes());
		ProblemDetail problem = Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
				"Unsupported media type", "Content-Type " + sent + " is not accepted here; send one of: " + accepted);
		problem.setProperty("errors",
				List.of(FieldViolation.of(HttpHeaders.CONTENT_TYPE, "must be one of: " + accepted)));
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(HttpMediaTypeNotAcceptableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String offered = listed(ex.getSupportedMediaTypes());
		ProblemDetail problem = Problems.of(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "Not acceptable",
				"The answer can only be one of: " + offered);
		problem.setProperty("errors", List.of(FieldViolation.of(HttpHeaders.ACCEPT, "must allow one of: " + offered)));
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldViolation> errors = new ArrayList<>();
		for (ObjectError error : ex.getBindingResult().getAllErrors()) {
			String field = (error instanceof FieldError fieldError) ? fieldError.getField() : "body";
			errors.add(FieldViolation.of(field, error.getDefaultMessage()));
		}
		return invalidEntity(errors);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldViolation> errors = new ArrayList<>();
		for (ParameterValidationResult result : ex.getParameterValidationResults()) {
			String prefix = nameOf(result.getMethodParameter()) + elementOf(result);
			if (result instanceof ParameterErrors nested) {
				for (ObjectError error : nested.getAllErrors()) {
					String field = (error instanceof FieldError fieldError) ? join(prefix, fieldError.getField())
							: prefix;
					errors.add(FieldViolation.of(field.isEmpty() ? "body" : field, error.getDefaultMessage()));
				}
			}
			else {
				for (MessageSourceResolvable error : result.getResolvableErrors()) {
					errors.add(FieldViolation.of(prefix.isEmpty() ? "body" : prefix, error.getDefaultMessage()));
				}
			}
		}
		return invalidEntity(errors);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		log.debug("Unreadable request body: {}", ex.getMessage());
		if (ex.getMostSpecificCause() instanceof JacksonException json && !json.getPath().isEmpty()) {
			// valid JSON, but a field's value has the wrong type or is not an accepted
			// value
			return invalidEntity(List.of(FieldViolation.of(fieldOf(json), mismatch(json))));
		}
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed request body",
				"The body is not valid JSON of the expected shape" + reason(ex));
		return new ResponseEntity<>(problem, problemHeaders(), HttpStatus.BAD_REQUEST);
	}

	/**
	 * Every problem Spring MVC renders itself (405, 406, 404 of an unknown path, 413,
	 * ...) gets a platform type and the problem+json content type too.
	 */
	@Override
	protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
			WebRequest request) {
		HttpHeaders problemHeaders = new HttpHeaders();
		problemHeaders.putAll(headers);
		if (body instanceof ProblemDetail problem) {
			if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
				problem.setType(URI.create(Problems.TYPE_BASE + typeOf(statusCode)));
			}
			problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		}
		return new ResponseEntity<>(body, problemHeaders, statusCode);
	}

	private static String typeOf(HttpStatusCode statusCode) {
		HttpStatus status = HttpStatus.resolve(statusCode.value());
		return (status != null) ? status.getReasonPhrase().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
				: "status-" + statusCode.value();
	}

	/** How the request names a method parameter: its query parameter, header, part... */
	private static String nameOf(MethodParameter parameter) {
		if (parameter.hasParameterAnnotation(RequestBody.class)) {
			return "";
		}
		RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
		if (param != null && !param.name().isEmpty()) {
			return param.name();
		}
		PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
		if (path != null && !path.name().isEmpty()) {
			return path.name();
		}
		RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
		if (header != null && !header.name().isEmpty()) {
			return header.name();
		}
		RequestPart part = parameter.getParameterAnnotation(RequestPart.class);
		if (part != null && !part.name().isEmpty()) {
			return part.name();
		}
		String name = parameter.getParameterName();
		return (name != null) ? name : "arg" + parameter.getParameterIndex();
	}

	private static String elementOf(ParameterValidationResult result) {
		if (result.getContainerIndex() != null) {
			return "[" + result.getContainerIndex() + "]";
		}
		if (result.getContainerKey() != null) {
			return "[" + result.getContainerKey() + "]";
		}
		return "";
	}

	private static String join(String prefix, String field) {
		if (prefix.isEmpty()) {
			return field;
		}
		return field.startsWith("[") ? prefix + field : prefix + "." + field;
	}

	/**
	 * The field of a violation as the request names it: a method's parameter without the
	 * method, a request body's field without the parameter.
	 */
	private static String fieldOf(ConstraintViolation<?> violation) {
		List<Path.Node> nodes = new ArrayList<>();
		violation.getPropertyPath().forEach(nodes::add);
		StringBuilder field = new StringBuilder();
		for (int i = 0; i < nodes.size(); i++) {
			Path.Node node = nodes.get(i);
			ElementKind kind = node.getKind();
			if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR || kind == ElementKind.CROSS_PARAMETER
					|| kind == ElementKind.RETURN_VALUE) {
				continue;
			}
			if (kind == ElementKind.PARAMETER && i + 1 < nodes.size() && !nodes.get(i + 1).isInIterable()) {
				continue;
			}
			if (node.isInIterable()) {
				field.append('[').append((node.getIndex() != null) ? node.getIndex() : node.getKey()).append(']');
			}
			if (node.getName() != null && kind != ElementKind.CONTAINER_ELEMENT) {
				field.append((field.length() > 0) ? "." : "").append(node.getName());
			}
		}
		return (field.length() > 0) ? field.toString() : violation.getPropertyPath().toString();
	}

	private static String listed(List<MediaType> types) {
		return types.isEmpty() ? "none" : types.stream().map(Object::toString).collect(Collectors.joining(", "));
	}

	private static String expected(Class<?> type) {
		if (type == null) {
			return "has an invalid value";
		}
		if (type.isEnum()) {
			return "must be one of " + Arrays.toString(type.getEnumConstants());
		}
		if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
			return "must be a whole number";
		}
		if (type == boolean.class || type == Boolean.class) {
			return "must be true or false";
		}
		if (type == LocalDate.class) {
			return "must be a date, e.g. 2026-12-03";
		}
		if (Temporal.class.isAssignableFrom(type)) {
			return "must be a date and time, e.g. 2026-12-03T09:00:00+07:00";
		}
		return "must be a valid " + type.getSimpleName();
	}

	/** The field as the request names it: {@code target.kabupaten[0]}. */
	private static String fieldOf(JacksonException ex) {
		StringBuilder field = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				field.append((field.length() > 0) ? "." : "").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				field.append('[').append(reference.getIndex()).append(']');
			}
		}
		return field.toString();
	}

	private static String mismatch(JacksonException ex) {
		if (ex instanceof MismatchedInputException input && input.getTargetType() != null) {
			Class<?> type = input.getTargetType();
			if (type.isEnum()) {
				return "must be one of " + Arrays.toString(type.getEnumConstants());
			}
			return "must be " + type.getSimpleName().toLowerCase(Locale.ROOT);
		}
		return "has a value that cannot be read";
	}

	private static String reason(HttpMessageNotReadableException ex) {
		Throwable cause = ex.getMostSpecificCause();
		String message = cause.getMessage();
		if (message == null) {
			return "";
		}
		int cut = message.indexOf('\n');
		return ": " + ((cut > 0) ? message.substring(0, cut) : message);
	}

	private static ProblemDetail invalid(List<FieldViolation> errors) {
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "validation", "Invalid request",
				"The request has invalid fields");
		problem.setProperty("errors", errors);
		return problem;
	}

	private static ResponseEntity<Object> invalidEntity(List<FieldViolation> errors) {
		return new ResponseEntity<>(invalid(errors), problemHeaders(), HttpStatus.BAD_REQUEST);
	}

	private static ResponseEntity<ProblemDetail> respondInvalid(List<FieldViolation> errors) {
		return respond(invalid(errors));
	}

	private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
		return ResponseEntity.status(problem.getStatus()).headers(problemHeaders()).body(problem);
	}

	private static HttpHeaders problemHeaders() {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return headers;
	}

}
