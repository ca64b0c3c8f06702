package dev.berth.engine.transport;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP/1.1 request. {@code target} is the path and query ({@code /v1.41/containers/json?all=1}).
 * A body is either bytes (sent with Content-Length) or a {@link BodyWriter} (sent chunked, so a build
 * context is streamed rather than held in memory). {@code readTimeout} null means the client's default;
 * {@link Duration#ZERO} waits forever (for streams that may stay quiet).
 */
public record HttpRequest(String method, String target, Map<String, String> headers, byte[] body,
                          BodyWriter bodyWriter, Duration readTimeout) {

    /** Writes a streamed request body. */
    @FunctionalInterface
    public interface BodyWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    public HttpRequest {
        headers = Map.copyOf(headers);
    }

    public static HttpRequest get(String target) {
        return new HttpRequest("GET", target, Map.of(), null, null, null);
    }

    public static HttpRequest of(String method, String target) {
        return new HttpRequest(method, target, Map.of(), null, null, null);
    }

    public HttpRequest withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new HttpRequest(method, target, copy, body, bodyWriter, readTimeout);
    }

    public HttpRequest withJsonBody(byte[] json) {
        return withHeader("Content-Type", "application/json").withBody(json);
    }

    public HttpRequest withBody(byte[] bytes) {
        return new HttpRequest(method, target, headers, bytes, null, readTimeout);
    }

    public HttpRequest withStreamedBody(String contentType, BodyWriter writer) {
        return new HttpRequest(method, target, headers, null, writer, readTimeout).withHeader("Content-Type", contentType);
    }

    public HttpRequest withReadTimeout(Duration timeout) {
        return new HttpRequest(method, target, headers, body, bodyWriter, timeout);
    }

    /**
     * Method, target and header names, the values of {@code X-Registry-Auth} and {@code X-Registry-Config} masked:
     * they carry registry passwords (base64 is not encryption), and a record's own toString would print them and
     * the body into any message or log line that names the request.
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(method).append(' ').append(target);
        headers.forEach((name, value) -> text.append(", ").append(name).append(": ")
                .append(name.regionMatches(true, 0, "X-Registry-", 0, 11) ? "••••••" : value));
        if (body != null) {
            text.append(", ").append(body.length).append(" bytes");
        }
        return text.toString();
    }

    byte[] head(String hostHeader) {
        StringBuilder head = new StringBuilder(128);
        head.append(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: ").append(hostHeader).append("\r\n");
        head.append("User-Agent: Berth\r\n");
        for (Map.Entry<String, String> header : headers.entrySet()) {
            head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
        }
        if (bodyWriter != null) {
            head.append("Transfer-Encoding: chunked\r\n");
        } else if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        } else if (method.equals("POST") || method.equals("PUT")) {
            head.append("Content-Length: 0\r\n");
        }
        head.append("\r\n");
        return head.toString().getBytes(StandardCharsets.UTF_8);
    }
}
