package io.tollgate.engine;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Spring Boot's error page for a failure on {@code /api/} (what no handler took: {@link ApiServerErrors} shapes it)
 * answers JSON whatever the client accepts: a browser's {@code Accept: text/html} got the "Whitelabel Error Page", an
 * {@code Accept} of XML, CSV or text an empty body. The error dispatch of an API request is read as asking for JSON.
 */
@Configuration(proxyBeanMethods = false)
class ApiErrorPages {

    @Bean
    FilterRegistrationBean<Filter> apiErrorPagesAnswerJson() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new AskForJson());
        registration.setDispatcherTypes(DispatcherType.ERROR);
        registration.addUrlPatterns("/*");
        registration.setName("apiErrorPagesAnswerJson");
        return registration;
    }

    /** On the error dispatch of an API request, the request asks for JSON. */
    static final class AskForJson implements Filter {

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            if (request instanceof HttpServletRequest http && request.getDispatcherType() == DispatcherType.ERROR
                    && request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri
                    && uri.startsWith(http.getContextPath() + "/api/")) {
                chain.doFilter(new JsonAccepted(http), response);
                return;
            }
            chain.doFilter(request, response);
        }
    }

    private static final class JsonAccepted extends HttpServletRequestWrapper {

        JsonAccepted(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? MediaType.APPLICATION_JSON_VALUE : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return HttpHeaders.ACCEPT.equalsIgnoreCase(name)
                    ? Collections.enumeration(List.of(MediaType.APPLICATION_JSON_VALUE)) : super.getHeaders(name);
        }
    }
}
