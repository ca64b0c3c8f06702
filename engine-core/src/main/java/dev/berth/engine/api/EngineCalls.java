package dev.berth.engine.api;

import dev.berth.engine.stream.DecodingStream;
import dev.berth.engine.stream.EngineStream;
import dev.berth.engine.stream.JsonLinesDecoder;
import dev.berth.engine.transport.HttpClient;
import dev.berth.engine.transport.HttpRequest;
import dev.berth.engine.transport.HttpResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;

/**
 * The plumbing every API group shares: versioned paths, JSON in and out, engine errors turned into
 * {@link EngineApiException}s and transport errors into the other {@link EngineException}s.
 */
final class EngineCalls {

    private final HttpClient http;
    private final String endpoint;
    private volatile String prefix = "";
    private volatile boolean podman;

    EngineCalls(HttpClient http, String endpoint) {
        this.http = http;
        this.endpoint = endpoint;
    }

    void useVersion(ApiVersion version) {
        prefix = "/v" + version;
    }

    /** Set once the handshake recognised Podman; a few calls take another path there (see {@link PodmanCompat}). */
    void podman(boolean isPodman) {
        podman = isPodman;
    }

    boolean podman() {
        return podman;
    }

    String endpoint() {
        return endpoint;
    }

    HttpClient http() {
        return http;
    }

    String path(String path) {
        return prefix + path;
    }

    static JavaType listOf(Class<?> element) {
        return EngineJson.MAPPER.getTypeFactory().constructCollectionType(List.class, element);
    }

    static JavaType type(Class<?> type) {
        return EngineJson.MAPPER.constructType(type);
    }

    /** Sends and checks the status; the caller reads and closes the response. */
    HttpResponse send(HttpRequest request, String what) {
        HttpResponse response;
        try {
            response = http.send(request);
        } catch (IOException e) {
            throw EngineErrors.translate(e, endpoint);
        }
        return check(response, what);
    }

    HttpResponse upgrade(HttpRequest request, String what) {
        HttpResponse response;
        try {
            response = http.upgrade(request);
        } catch (IOException e) {
            throw EngineErrors.translate(e, endpoint);
        }
        return check(response, what);
    }

    private HttpResponse check(HttpResponse response, String what) {
        if (response.status() < 400) {
            return response;
        }
        String message;
        try {
            byte[] body = response.readAllBytes();
            message = engineMessage(body);
        } catch (IOException e) {
            message = null;
        }
        throw new EngineApiException(response.status(), message, what);
    }

    static String engineMessage(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            JsonNode node = EngineJson.MAPPER.readTree(body);
            JsonNode message = node.get("message");
            return message != null ? message.asString() : new String(body, StandardCharsets.UTF_8).strip();
        } catch (JacksonException e) {
            return new String(body, StandardCharsets.UTF_8).strip();
        }
    }

    byte[] bytes(HttpRequest request, String what) {
        try (HttpResponse response = send(request, what)) {
            return response.readAllBytes();
        } catch (IOException e) {
            throw EngineErrors.translate(e, endpoint);
        }
    }

    <T> T json(HttpRequest request, JavaType type, String what) {
        byte[] body = bytes(request, what);
        try {
            return EngineJson.MAPPER.readValue(body, type);
        } catch (JacksonException e) {
            throw new EngineException(what + " failed: the engine's answer could not be read (" + e.getOriginalMessage() + ")", e);
        }
    }

    <T> T get(String path, Class<T> type, String what) {
        return json(HttpRequest.get(path(path)), type(type), what);
    }

    <T> List<T> getList(String path, Class<T> element, String what) {
        return json(HttpRequest.get(path(path)), listOf(element), what);
    }

    <T> T post(String path, Object body, Class<T> type, String what) {
        return json(jsonRequest("POST", path, body), type(type), what);
    }

    /** A call whose answer has no useful body. */
    void call(String method, String path, Object body, String what) {
        bytes(jsonRequest(method, path, body), what);
    }

    /** Like {@link #call} with a longer read timeout: stop/restart/wait block inside the engine. */
    void call(String method, String path, Duration readTimeout, String what) {
        bytes(HttpRequest.of(method, path(path)).withReadTimeout(readTimeout), what);
    }

    HttpRequest jsonRequest(String method, String path, Object body) {
        HttpRequest request = HttpRequest.of(method, path(path));
        return body == null ? request : request.withJsonBody(EngineJson.MAPPER.writeValueAsBytes(body));
    }

    <T> EngineStream<T> jsonStream(HttpRequest request, Class<T> type, String what) {
        HttpResponse response = send(request.withReadTimeout(Duration.ZERO), what);
        return new DecodingStream<>(new JsonLinesDecoder<>(response.body(),
                (bytes, offset, length) -> EngineJson.MAPPER.readValue(bytes, offset, length, type)),
                response, e -> EngineErrors.translate(e, endpoint));
    }

    JsonNode tree(HttpRequest request, String what) {
        return json(request, type(JsonNode.class), what);
    }
}
