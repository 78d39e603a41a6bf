package io.tollgate.engine;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.servlet.error.DefaultErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;

/**
 * What the API answers when something failed that no handler took (a database refusing a write, a bug): Spring Boot's
 * error page, on {@code /api/}, in {@link ApiProblem}'s shape like every other refusal, saying that the server failed
 * and when, never the exception's text (which may name tables, hosts or values); the log has the rest. Other paths
 * keep Spring Boot's attributes.
 */
@Component
class ApiServerErrors extends DefaultErrorAttributes {

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Map<String, Object> attributes = super.getErrorAttributes(request, options);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI, RequestAttributes.SCOPE_REQUEST);
        if (!(uri instanceof String path) || !path.startsWith(request.getContextPath() + "/api/")) {
            return attributes;
        }
        int status = attributes.get("status") instanceof Integer code ? code : 500;
        HttpStatus known = HttpStatus.resolve(status);
        String message = known != null && known.is4xxClientError()
                ? "the request was refused (" + known.getReasonPhrase() + ")"
                : "Tollgate could not complete this request because of an error on the server (logged at "
                + Instant.now() + "); look at what it was about before trying again";
        ApiProblem problem = ApiProblem.of(message).withStatus(status);
        Map<String, Object> shaped = new LinkedHashMap<>();
        shaped.put("status", problem.status());
        shaped.put("error", problem.error());
        shaped.put("message", problem.message());
        shaped.put("field", null);
        shaped.put("problems", List.of());
        return shaped;
    }
}
