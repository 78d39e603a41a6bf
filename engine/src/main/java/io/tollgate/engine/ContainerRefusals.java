package io.tollgate.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * What Tomcat refuses itself, before any filter or controller runs (a path with an encoded slash {@code %2F}, a
 * backslash {@code %5C}, a NUL {@code %00} or a malformed %-escape), answered on {@code /api} and {@code /engine-rest}
 * in the API's one JSON shape ({@link ApiProblem}) instead of Tomcat's HTML error page; other paths keep Tomcat's
 * page, without its report or server version. Replaces the host's error report valve (also the one Spring Boot adds),
 * so that exactly one writes the answer.
 */
@Component
class ContainerRefusals implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    private final ObjectMapper json;

    ContainerRefusals(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            Container host = context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.getPipeline().removeValve(valve);
                }
            }
            host.getPipeline().addValve(new JsonForApi(json));
            if (host instanceof StandardHost standard) {
                standard.setErrorReportValveClass(JsonForApi.class.getName());
            }
        });
    }

    /** After Spring Boot's own customizer, which adds an error report valve of its own. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    static boolean isApi(String uri) {
        return uri != null && (uri.startsWith("/api/") || uri.startsWith("/engine-rest"));
    }

    /** Tomcat's error report, in JSON for the APIs' paths. */
    static final class JsonForApi extends ErrorReportValve {

        private final ObjectMapper json;

        JsonForApi(ObjectMapper json) {
            this.json = json;
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            String uri = request.getRequestURI();
            boolean unread = uri == null || uri.isEmpty();
            if (!unread && !isApi(uri)) {
                super.report(request, response, throwable);
                return;
            }
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            String why = throwable == null || throwable.getMessage() == null ? ""
                    : throwable.getMessage().toLowerCase(java.util.Locale.ROOT);
            String message = status != HttpStatus.BAD_REQUEST.value()
                    ? HttpStatus.resolve(status) == null ? "refused" : HttpStatus.resolve(status).getReasonPhrase()
                    : why.contains("header") && why.contains("large")
                    ? "the request's headers are larger than Tollgate reads (8 KB in all); send fewer or shorter ones"
                    // a request line the container could not read has no path to tell a page from an API by
                    : unread ? "the request line cannot be read: its path and query are longer than Tollgate reads"
                    + " (8 KB with the headers), or hold characters that must be %-encoded"
                    : "the request's path cannot be read: an encoded slash (%2F) or backslash (%5C), a NUL (%00) or a"
                    + " malformed %-escape is refused; send an identifier as it is, or %-encode it once, properly";
            try {
                response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                byte[] body = json.writeValueAsBytes(ApiProblem.of(message).withStatus(status));
                response.setContentLength(body.length);
                OutputStream out = response.getOutputStream();
                out.write(body);
                out.flush();
            } catch (IOException | IllegalStateException e) {
                // the client has gone, or the response cannot take a body any more: nothing left to tell anyone
            }
        }
    }
}
