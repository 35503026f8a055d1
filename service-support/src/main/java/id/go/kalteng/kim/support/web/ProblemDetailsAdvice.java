package id.go.kalteng.kim.support.web;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Renders every refusal as {@code application/problem+json} (RFC 9457) with a
 * {@code type}, a {@code title}, a {@code detail} and, for validation, an {@code errors}
 * list naming each bad field.
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

	@ExceptionHandler(OptimisticLockingFailureException.class)
	ResponseEntity<ProblemDetail> concurrentChange(OptimisticLockingFailureException ex) {
		return respond(Problems.of(HttpStatus.CONFLICT, "concurrent-change", "Concurrent change",
				"The resource was changed by another request at the same time; read it again and retry"));
	}

	@ExceptionHandler(AccessDeniedException.class)
	ResponseEntity<ProblemDetail> accessDenied(AccessDeniedException ex) {
		return respond(Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "Your role may not do this"));
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException ex) {
		return respondInvalid(List.of(FieldViolation.of(ex.getName(), "has an invalid value")));
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldViolation> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((error) -> new FieldViolation(error.getField(), error.getDefaultMessage(), null))
			.toList();
		return new ResponseEntity<>(invalid(errors), problemHeaders(), HttpStatus.BAD_REQUEST);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldViolation> errors = ex.getParameterValidationResults()
			.stream()
			.flatMap((result) -> result.getResolvableErrors()
				.stream()
				.map((error) -> FieldViolation.of(result.getMethodParameter().getParameterName(),
						error.getDefaultMessage())))
			.toList();
		return new ResponseEntity<>(invalid(errors), problemHeaders(), HttpStatus.BAD_REQUEST);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		log.debug("Unreadable request body: {}", ex.getMessage());
		if (ex.getMostSpecificCause() instanceof JacksonException json && !json.getPath().isEmpty()) {
			// valid JSON, but a field's value has the wrong type or is not an accepted
			// value
			return new ResponseEntity<>(invalid(List.of(FieldViolation.of(fieldOf(json), mismatch(json)))),
					problemHeaders(), HttpStatus.BAD_REQUEST);
		}
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed request body",
				"The body is not valid JSON of the expected shape" + reason(ex));
		return new ResponseEntity<>(problem, problemHeaders(), HttpStatus.BAD_REQUEST);
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
