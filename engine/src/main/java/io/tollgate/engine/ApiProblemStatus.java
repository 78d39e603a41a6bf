package io.tollgate.engine;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Fills in an {@link ApiProblem}'s {@code status} and {@code error} from the status its controller answers with, so
 * that the code refusing a request says why, and the status is written in one place.
 */
@ControllerAdvice
class ApiProblemStatus implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (body instanceof ApiProblem problem && problem.status() == null
                && response instanceof ServletServerHttpResponse servlet) {
            return problem.withStatus(servlet.getServletResponse().getStatus());
        }
        return body;
    }
}
