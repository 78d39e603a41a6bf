package io.tollgate.engine;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * A request Spring MVC itself cannot take (JSON that does not parse, a parameter of the wrong type or missing, an
 * unsupported method or media type) answers in {@link ApiProblem}'s shape too, with Spring's status and reason; so
 * does an {@link InvalidRequestException} from any use case (400). Every answer is JSON whatever the request's
 * {@code Accept} asked for ({@link ApiProblem#answer}).
 */
@RestControllerAdvice
class ApiRequestErrors extends ResponseEntityExceptionHandler {

    /** How much of a client's header a refusal repeats. */
    private static final int MAX_ECHO = 200;

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ApiProblem> invalid(InvalidRequestException e) {
        return new ApiProblem(null, null, e.getMessage(), e.field(), e.problems()).answer(HttpStatus.BAD_REQUEST);
    }

    /**
     * Two requests acting on the same ticket, change or task at the same moment (an approval and a withdrawal, two
     * Execute presses): the engine commits one and refuses the other's stale write. Nothing of the loser happened;
     * it is told so, not given a 500.
     */
    @ExceptionHandler(org.camunda.bpm.engine.OptimisticLockingException.class)
    ResponseEntity<ApiProblem> concurrent(org.camunda.bpm.engine.OptimisticLockingException e) {
        return ApiProblem.of("someone else acted on this at the same moment, and their action went first; nothing of"
                + " yours was done: look again and decide on what is there now").answer(HttpStatus.CONFLICT);
    }

    /**
     * The same race met in the database: a request that waited for another's lock on the same row past the server's
     * lock wait, or lost a deadlock to it. Its transaction was rolled back whole.
     */
    @ExceptionHandler(org.springframework.dao.PessimisticLockingFailureException.class)
    ResponseEntity<ApiProblem> locked(org.springframework.dao.PessimisticLockingFailureException e) {
        return concurrent(null);
    }

    /**
     * The same race, met while the engine flushed its writes: a deadlock or a lock wait the database rolled back (SQL
     * state class 40), which the engine wraps as a failure of its persistence (a helper's withdrawal raced an approval
     * and got a 500). Any other failure to persist stays a server error, declined here for the error page's shape.
     */
    @ExceptionHandler(org.camunda.bpm.engine.ProcessEnginePersistenceException.class)
    ResponseEntity<ApiProblem> persisting(org.camunda.bpm.engine.ProcessEnginePersistenceException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof java.sql.SQLTransactionRollbackException
                    || cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("40")) {
                return concurrent(null);
            }
        }
        throw e;
    }

    /**
     * The same race, met by a message or a task lookup instead of a stale write: a withdrawal whose process an approval
     * moved on a moment before (its message no longer awaited), an Execute pressed twice (the task completed by the
     * first). Any other null the engine refuses is a fault, and stays a 500.
     */
    @ExceptionHandler(org.camunda.bpm.engine.MismatchingMessageCorrelationException.class)
    ResponseEntity<ApiProblem> raced(org.camunda.bpm.engine.MismatchingMessageCorrelationException e) {
        return concurrent(null);
    }

    /**
     * An admin suspended the process of the ticket or change (Cockpit): nothing of it moves until they activate it
     * again; or suspended its process definition, so that no new one starts (a submission). Said so, not a 500 with
     * the engine's words.
     */
    @ExceptionHandler(org.camunda.bpm.engine.SuspendedEntityInteractionException.class)
    ResponseEntity<ApiProblem> suspended(org.camunda.bpm.engine.SuspendedEntityInteractionException e) {
        if (e.getMessage() != null && e.getMessage().contains("Process Definition with id")) {
            return ApiProblem.of("an admin suspended this kind of request's process definition in Cockpit: no new"
                    + " one starts, and nothing of yours was saved, until it is activated again")
                    .answer(HttpStatus.CONFLICT);
        }
        return ApiProblem.of("an admin suspended this process in Cockpit: nothing of it moves, and nothing of yours"
                + " was done, until it is activated again").answer(HttpStatus.CONFLICT);
    }

    @ExceptionHandler(org.camunda.bpm.engine.exception.NullValueException.class)
    ResponseEntity<ApiProblem> gone(org.camunda.bpm.engine.exception.NullValueException e) {
        if (e.getMessage() != null && e.getMessage().contains("Cannot find")) {
            return concurrent(null);
        }
        org.slf4j.LoggerFactory.getLogger(ApiRequestErrors.class).error("the engine refused a request", e);
        return ApiProblem.of("the engine refused this request: " + e.getMessage())
                .answer(HttpStatus.INTERNAL_SERVER_ERROR);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ApiProblem> notFound(NotFoundException e) {
        return ApiProblem.of(e.getMessage()).answer(HttpStatus.NOT_FOUND);
    }

    /** A body that is missing, not UTF-8, not JSON, or JSON whose values do not fit the request's fields. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        return json(UnreadableBodies.explain(e), headers, status);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        return json(ApiProblem.of(e), headers, status);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
                                                          WebRequest request) {
        String message = body instanceof ProblemDetail problem && problem.getDetail() != null ? problem.getDetail()
                : "the request could not be read (HTTP " + status.value() + ")";
        return json(ApiProblem.of(message), headers, status);
    }

    /** A method the path does not take: said so with the methods it does take (Spring's words named neither). */
    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(
            org.springframework.web.HttpRequestMethodNotSupportedException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String path = request instanceof ServletWebRequest servlet ? servlet.getRequest().getRequestURI() : "this path";
        java.util.Set<org.springframework.http.HttpMethod> allowed = e.getSupportedHttpMethods();
        String takes = allowed == null || allowed.isEmpty() ? "" : "; it takes " + String.join(", ",
                new java.util.TreeSet<>(allowed.stream().map(org.springframework.http.HttpMethod::name).toList()));
        return json(ApiProblem.of(e.getMethod() + " is not a method of " + path + takes), headers, status);
    }

    /** A client that accepts no JSON: every answer of this API is JSON, this one too. */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(HttpMediaTypeNotAcceptableException e,
                                                                      HttpHeaders headers, HttpStatusCode status,
                                                                      WebRequest request) {
        String asked = request.getHeader(HttpHeaders.ACCEPT);
        if (asked != null && asked.length() > MAX_ECHO) {
            asked = asked.substring(0, MAX_ECHO) + "...";
        }
        return json(ApiProblem.of("this API answers in JSON: ask for " + MediaType.APPLICATION_JSON_VALUE
                + (asked == null ? "" : ", not '" + asked + "'")), headers, status);
    }

    /** A path nothing answers: named with its method, in the API's words rather than Spring's "static resource". */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException e, HttpHeaders headers,
                                                                    HttpStatusCode status, WebRequest request) {
        String path = request instanceof ServletWebRequest servlet ? servlet.getRequest().getRequestURI()
                : "/" + e.getResourcePath();
        return json(ApiProblem.of((path.startsWith("/api/") ? "no API endpoint " : "nothing at ")
                + e.getHttpMethod().name() + " " + path), headers, status);
    }

    /** Spring's headers (Allow, Accept) kept; the content type preset, so that no Accept header can refuse it. */
    private static ResponseEntity<Object> json(ApiProblem problem, HttpHeaders headers, HttpStatusCode status) {
        HttpHeaders answer = new HttpHeaders();
        if (headers != null) {
            answer.putAll(headers);
        }
        answer.setContentType(MediaType.APPLICATION_JSON);
        return new ResponseEntity<>(problem, answer, status);
    }
}
