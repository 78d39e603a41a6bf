package io.tollgate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/** A tiny HTTP client for tests against the running application; redirects are not followed. */
public final class Http {

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;

    public Http(int port) {
        this.base = "http://localhost:" + port;
    }

    public HttpResponse<String> get(String path, String user, String password) throws Exception {
        return send(request(path, user, password).GET().build());
    }

    public HttpResponse<String> post(String path, String user, String password) throws Exception {
        return send(request(path, user, password).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    public HttpResponse<String> postJson(String path, String user, String password, String json) throws Exception {
        return send(request(path, user, password).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** A JSON POST without a Content-Length (chunked), as a client streaming a body of unknown size sends it. */
    public HttpResponse<String> postJsonChunked(String path, String user, String password, String json)
            throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return send(request(path, user, password).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))).build());
    }

    /** A POST of raw bytes with the given content type (bytes that are not UTF-8, say). */
    public HttpResponse<String> postBytes(String path, String user, String password, String contentType, byte[] body)
            throws Exception {
        return send(request(path, user, password).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    public HttpResponse<String> delete(String path, String user, String password) throws Exception {
        return send(request(path, user, password).DELETE().build());
    }

    /**
     * Any method, with a JSON body when {@code json} is not null, and extra headers as name, value pairs (a session
     * cookie and Cockpit's CSRF token, say); a header named here replaces the default one (Accept, say).
     */
    public HttpResponse<String> send(String method, String path, String user, String password, String json,
                                     String... headers) throws Exception {
        HttpRequest.Builder builder = request(path, user, password);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.setHeader(headers[i], headers[i + 1]);
        }
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        return send(builder.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** A multipart/form-data POST with text fields and one file, as Camunda Modeler sends a deployment. */
    public HttpResponse<String> postMultipart(String path, String user, String password, String[][] fields,
                                              String fileName, byte[] file) throws Exception {
        return postMultipart(path, user, password, fields, fileName, file, false);
    }

    /** {@code chunked}: without a Content-Length, as a client streaming a file of unknown size sends it. */
    public HttpResponse<String> postMultipart(String path, String user, String password, String[][] fields,
                                              String fileName, byte[] file, boolean chunked, String... headers)
            throws Exception {
        String boundary = "----tollgate" + UUID.randomUUID();
        StringBuilder head = new StringBuilder();
        for (String[] field : fields) {
            head.append("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"").append(field[0]).append("\"\r\n\r\n")
                    .append(field[1]).append("\r\n");
        }
        head.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(fileName).append("\"; filename=\"")
                .append(fileName).append("\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[headBytes.length + file.length + tail.length];
        System.arraycopy(headBytes, 0, body, 0, headBytes.length);
        System.arraycopy(file, 0, body, headBytes.length, file.length);
        System.arraycopy(tail, 0, body, headBytes.length + file.length, tail.length);
        HttpRequest.Builder builder = request(path, user, password);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.setHeader(headers[i], headers[i + 1]);
        }
        return send(builder
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))
                        : HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** Cockpit's CSRF header: its webapps want the token they handed out on every write. */
    public static final String CSRF_HEADER = "X-XSRF-TOKEN";

    /** A Cockpit browser session of one person: its cookies and the CSRF token Camunda's webapps want on every write. */
    public record Cockpit(Http http, String user, String password, String cookies, String token) {

        public HttpResponse<String> postMultipart(String path, String[][] fields, String fileName, byte[] file)
                throws Exception {
            return http.postMultipart(path, user, password, fields, fileName, file, false, "Cookie", cookies,
                    CSRF_HEADER, token);
        }

        public HttpResponse<String> send(String method, String path, String json) throws Exception {
            return http.send(method, path, user, password, json, "Cookie", cookies, CSRF_HEADER, token);
        }
    }

    /** Opens Cockpit's engine API as Cockpit does: a read hands out the session and its CSRF token. */
    public Cockpit cockpit(String user, String password) throws Exception {
        HttpResponse<String> opened = get("/camunda/api/engine/engine/default/process-definition/count", user,
                password);
        if (opened.statusCode() != 200) {
            throw new IllegalStateException("Cockpit did not open for " + user + ": " + opened.statusCode() + " "
                    + opened.body());
        }
        String token = opened.headers().firstValue(CSRF_HEADER).orElseThrow();
        String cookies = String.join("; ", opened.headers().allValues("Set-Cookie").stream()
                .map(c -> c.split(";", 2)[0]).toList());
        return new Cockpit(this, user, password, cookies, token);
    }

    private HttpRequest.Builder request(String path, String user, String password) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json");
        if (user != null) {
            builder.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
