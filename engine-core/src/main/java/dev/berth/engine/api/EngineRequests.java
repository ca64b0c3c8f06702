package dev.berth.engine.api;

import dev.berth.engine.stream.DecodingStream;
import dev.berth.engine.stream.EngineStream;
import dev.berth.engine.stream.LogDecoder;
import dev.berth.engine.stream.OutputLine;
import dev.berth.engine.transport.HttpRequest;
import dev.berth.engine.transport.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * The shared request plumbing ({@link EngineCalls}) opened to engine-core's other API packages (the swarm
 * endpoints live in {@code dev.berth.engine.swarm}): versioned paths, JSON in and out as trees, and the same
 * typed failures as every other call. Paths are written without the version prefix ({@code /services}).
 */
public final class EngineRequests {

    private final EngineCalls calls;

    EngineRequests(EngineCalls calls) {
        this.calls = calls;
    }

    /** {@code GET path}, the answer as a JSON tree. */
    public JsonNode get(String path, String what) {
        return calls.tree(HttpRequest.get(calls.path(path)), what);
    }

    /** {@code method path} with {@code body} as JSON (or none when null); the answer as a tree (empty for no body). */
    public JsonNode send(String method, String path, Object body, String what) {
        byte[] answer = calls.bytes(calls.jsonRequest(method, path, body), what);
        return answer.length == 0 ? EngineJson.MAPPER.missingNode() : EngineJson.MAPPER.readTree(answer);
    }

    /** Like {@link #send} with one extra header (e.g. {@code X-Registry-Auth}). */
    public JsonNode send(String method, String path, Object body, String header, String value, String what) {
        byte[] answer = calls.bytes(calls.jsonRequest(method, path, body).withHeader(header, value), what);
        return answer.length == 0 ? EngineJson.MAPPER.missingNode() : EngineJson.MAPPER.readTree(answer);
    }

    /** A log stream ({@code /services/{id}/logs}, {@code /tasks/{id}/logs}): multiplexed frames unless {@code tty}. */
    public EngineStream<OutputLine> logs(String pathAndQuery, boolean follow, boolean tty, boolean timestamps, String what) {
        HttpResponse response = calls.send(HttpRequest.get(calls.path(pathAndQuery))
                .withReadTimeout(follow ? Duration.ZERO : null), what);
        return new DecodingStream<>(new LogDecoder(response.body(), !tty, timestamps), response,
                e -> EngineErrors.translate(e, calls.endpoint()));
    }

    /** A path segment, URL-encoded. */
    public static String segment(String part) {
        return Query.segment(part);
    }

    /** {@code ?filters=...} for the filters, or nothing when there are none. */
    public static String filters(Filters filters) {
        return Query.of().filters(filters).toString();
    }
}
