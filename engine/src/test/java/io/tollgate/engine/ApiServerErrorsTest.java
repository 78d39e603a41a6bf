package io.tollgate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;

class ApiServerErrorsTest {

    private final ApiServerErrors errors = new ApiServerErrors();

    @Test
    void aFailureOnTheApiIsAnsweredInTheApisShapeWithoutTheExceptionsText() {
        Map<String, Object> answer = errors.getErrorAttributes(failed("/api/v1/tickets/T-1/decision", 500),
                ErrorAttributeOptions.defaults());

        assertThat(answer).containsOnlyKeys("status", "error", "message", "field", "problems")
                .containsEntry("status", 500).containsEntry("error", "Internal Server Error")
                .containsEntry("field", null).containsEntry("problems", java.util.List.of());
        assertThat((String) answer.get("message")).contains("error on the server").doesNotContain("COMMENT_TEXT");
    }

    @Test
    void otherPathsKeepSpringBootsAttributes() {
        Map<String, Object> answer = errors.getErrorAttributes(failed("/tickets/T-1", 500),
                ErrorAttributeOptions.defaults());

        assertThat(answer).containsKeys("timestamp", "path").doesNotContainKey("problems");
    }

    private static ServletWebRequest failed(String uri, int status) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/error");
        request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, uri);
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, status);
        request.setAttribute(RequestDispatcher.ERROR_EXCEPTION,
                new IllegalStateException("Value too long for column COMMENT_TEXT"));
        return new ServletWebRequest(request);
    }
}
