package io.tollgate.engine;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
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
        return ResponseEntity.badRequest().body(ApiProblem.of(e.getMessage()));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String parameter = e instanceof MethodArgumentTypeMismatchException m ? m.getName() : e.getPropertyName();
        String name = parameter == null ? "a parameter" : "'" + parameter + "'";
        String type = e.getRequiredType() == null ? "another type" : describe(e.getRequiredType());
        return new ResponseEntity<>(ApiProblem.of(name + " must be " + type + ", not '" + e.getValue() + "'"),
                headers, status);
    }

    private static String describe(Class<?> type) {
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        return "a " + type.getSimpleName();
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
                                                          WebRequest request) {
        String message = body instanceof ProblemDetail problem && problem.getDetail() != null ? problem.getDetail()
                : "the request could not be read (HTTP " + status.value() + ")";
        return new ResponseEntity<>(ApiProblem.of(message), headers, status);
    }
}
