package io.tollgate.engine;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Query parameters mean exactly what they say, as bodies do ({@link StrictRequestBodies}): on every {@code /api}
 * endpoint, a parameter the endpoint does not take, a parameter given twice where it takes one value, and a body on
 * an endpoint that reads none are refused with 400 naming them, never dropped in silence. A typo
 * ({@code ?form=} for {@code from}) answered with the unfiltered default; {@code ?actor=a&actor=b} searched for the
 * actor "a,b"; the reason sent with a withdrawal was read by nothing.
 */
@Configuration(proxyBeanMethods = false)
class StrictRequestParameters implements WebMvcConfigurer {

    /** The largest body an endpoint that reads none is looked at: anything larger is not an empty object either. */
    private static final int LOOKED_AT = 4096;

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new Check()).addPathPatterns("/api/**");
    }

    /** What a handler method takes: its parameters (and whether each takes several values), and whether a body. */
    record Taken(Map<String, Boolean> parameters, boolean anyParameter, boolean readsBody) {

        private static final DefaultParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();

        static Taken of(HandlerMethod handler) {
            Map<String, Boolean> parameters = new LinkedHashMap<>();
            boolean anyParameter = false;
            boolean readsBody = false;
            for (MethodParameter parameter : handler.getMethodParameters()) {
                parameter.initParameterNameDiscovery(NAMES);
                Class<?> type = parameter.getParameterType();
                RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
                if (param != null) {
                    if (Map.class.isAssignableFrom(type)) {
                        anyParameter = true;
                        continue;
                    }
                    String name = !param.name().isEmpty() ? param.name() : !param.value().isEmpty() ? param.value()
                            : parameter.getParameterName();
                    if (name == null) {
                        // compiled without parameter names: not known, so nothing is refused as unknown
                        anyParameter = true;
                        continue;
                    }
                    parameters.put(name, type.isArray() || Collection.class.isAssignableFrom(type));
                }
                if (parameter.hasParameterAnnotation(RequestBody.class) || ServletRequest.class.isAssignableFrom(type)
                        || InputStream.class.isAssignableFrom(type)) {
                    // a request handed over whole may read its body (its parameters are read as declared)
                    readsBody = true;
                }
            }
            return new Taken(Map.copyOf(parameters), anyParameter, readsBody);
        }

        String listed() {
            return parameters.isEmpty() ? "this request takes no parameters"
                    : "the parameters are " + String.join(", ", parameters.keySet());
        }
    }

    static final class Check implements HandlerInterceptor {

        private static final ObjectMapper JSON = new ObjectMapper();
        /** Set by Tomcat when it could not decode a parameter, which it then leaves out. */
        private static final String PARSE_FAILED = "org.apache.catalina.parameter_parse_failed";
        /** What a decoder makes of bytes that are not UTF-8. */
        private static final char REPLACEMENT = '\uFFFD';
        private final Map<Method, Taken> taken = new ConcurrentHashMap<>();

        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
                throws IOException {
            if (!(handler instanceof HandlerMethod method) || request.getDispatcherType() != DispatcherType.REQUEST) {
                return true;
            }
            Taken takes = taken.computeIfAbsent(method.getMethod(), m -> Taken.of(method));
            Map<String, String[]> parameters = request.getParameterMap();
            if (request.getAttribute(PARSE_FAILED) != null || parameters.values().stream()
                    .anyMatch(values -> Arrays.stream(values).anyMatch(v -> v.indexOf(REPLACEMENT) >= 0))) {
                // Tomcat leaves out a value with a broken escape, and decodes bytes that are not UTF-8 as U+FFFD:
                // either way what would be used is not what was sent
                throw new InvalidRequestException("a query parameter cannot be read (a broken %-escape, a % not"
                        + " followed by two hex digits, or bytes that are not UTF-8), and would have been left out;"
                        + " %-encode each value once, properly");
            }
            for (Map.Entry<String, String[]> given : parameters.entrySet()) {
                String name = given.getKey();
                Boolean several = takes.parameters().get(name);
                if (several == null && !takes.anyParameter()) {
                    throw new InvalidRequestException(name, "unknown parameter " + name + ": " + takes.listed());
                }
                if (Boolean.FALSE.equals(several) && given.getValue().length > 1) {
                    throw new InvalidRequestException(name, "'" + name + "' is given " + given.getValue().length
                            + " times: give it once");
                }
            }
            if (!takes.readsBody()) {
                requireNoBody(request);
            }
            return true;
        }

        /** A body where none is read: nothing, or an empty JSON object (what a client sends to make a write JSON). */
        private static void requireNoBody(HttpServletRequest request) throws IOException {
            if (request.getContentLengthLong() == 0 || request.getContentLengthLong() < 0
                    && request.getHeader("Transfer-Encoding") == null) {
                return;
            }
            byte[] body = request.getInputStream().readNBytes(LOOKED_AT + 1);
            if (new String(body, StandardCharsets.UTF_8).isBlank()) {
                return;
            }
            JsonNode read;
            try {
                read = body.length > LOOKED_AT ? null : JSON.readTree(body);
            } catch (JsonProcessingException e) {
                read = null;
            }
            if (read != null && read.isObject() && read.isEmpty()) {
                return;
            }
            Iterator<String> fields = read != null && read.isObject() ? read.fieldNames() : null;
            String field = fields != null && fields.hasNext() ? fields.next() : null;
            throw new InvalidRequestException(field, (field == null ? "this request reads no body"
                    : "'" + field + "' is not a field of this request: it reads no body")
                    + "; send none, or {} where a JSON body marks the write as Tollgate's");
        }
    }
}
