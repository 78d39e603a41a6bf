package io.tollgate.engine;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * A request Spring MVC itself cannot take (JSON that does not parse, a parameter of the wrong type or missing, an
 * unsupported method or media type) answers in {@link ApiProblem}'s shape too, with Spring's status and reason; so
 * does an {@link InvalidRequestException} from any use case (400).
 */
@RestControllerAdvice
class ApiRequestErrors extends ResponseEntityExceptionHandler {

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ApiProblem> invalid(InvalidRequestException e) {
        return ResponseEntity.badRequest().body(ApiProblem.of(e.field(), e.getMessage()));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ApiProblem> notFound(NotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiProblem.of(e.getMessage()));
    }

    /** A body that is missing, not UTF-8, not JSON, or JSON whose values do not fit the request's fields. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        return new ResponseEntity<>(UnreadableBodies.explain(e), headers, status);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String parameter = e instanceof MethodArgumentTypeMismatchException m ? m.getName() : e.getPropertyName();
        String name = parameter == null ? "a parameter" : "'" + parameter + "'";
        Class<?> required = e.getRequiredType();
        String several = "";
        if (e instanceof MethodArgumentTypeMismatchException m && required != null
                && (required.isArray() || java.util.Collection.class.isAssignableFrom(required))) {
            required = m.getParameter().nested().getNestedParameterType();
            several = " (the parameter may be repeated)";
        }
        String type = required == null ? "another type" : UnreadableBodies.describe(required);
        Object value = e.getValue() instanceof Object[] values && values.length == 1 ? values[0]
                : e.getValue() instanceof Object[] values ? java.util.Arrays.toString(values) : e.getValue();
        return new ResponseEntity<>(ApiProblem.of(parameter, name + " must be " + type + several + ", not '" + value
                + "'"), headers, status);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
                                                          WebRequest request) {
        String message = body instanceof ProblemDetail problem && problem.getDetail() != null ? problem.getDetail()
                : "the request could not be read (HTTP " + status.value() + ")";
        return new ResponseEntity<>(ApiProblem.of(message), headers, status);
    }
}
