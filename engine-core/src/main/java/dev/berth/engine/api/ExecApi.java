package dev.berth.engine.api;

import dev.berth.engine.api.model.ExecCreateRequest;
import dev.berth.engine.api.model.ExecInspect;
import dev.berth.engine.stream.HijackedSession;
import dev.berth.engine.transport.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Running processes inside containers: create, start (a bidirectional session), resize, inspect. */
public final class ExecApi {

    /** A finished command: exit code and what it printed. */
    public record ExecResult(int exitCode, String stdout, String stderr) {}

    private final EngineCalls calls;

    ExecApi(EngineCalls calls) {
        this.calls = calls;
    }

    /** Creates an exec instance and returns its id. */
    public String create(String container, ExecCreateRequest request) {
        JsonNode node = calls.tree(calls.jsonRequest("POST", "/containers/" + Query.segment(container) + "/exec", request),
                "Creating exec in " + container);
        return node.get("Id").asString();
    }

    /** Starts an exec and returns its live session (stdin/stdout/stderr over one hijacked connection). */
    public HijackedSession start(String execId, boolean tty) {
        HttpResponse response = calls.upgrade(calls.jsonRequest("POST", "/exec/" + execId + "/start",
                Map.of("Detach", false, "Tty", tty)).withReadTimeout(Duration.ZERO), "Starting exec " + execId);
        if (response.upgraded() == null) {
            response.close();
            throw new EngineException("Starting exec " + execId + " failed: the engine did not switch to a raw stream (HTTP " + response.status() + ")");
        }
        return new HijackedSession(response.upgraded(), tty, e -> EngineErrors.translate(e, calls.endpoint()));
    }

    /** Resizes the exec's TTY. */
    public void resize(String execId, int height, int width) {
        calls.call("POST", "/exec/" + execId + "/resize" + Query.of().add("h", height).add("w", width), null, "Resizing exec " + execId);
    }

    public ExecInspect inspect(String execId) {
        return calls.get("/exec/" + execId + "/json", ExecInspect.class, "Inspecting exec " + execId);
    }

    /** Runs a command to completion (no stdin, no TTY) and returns its exit code and output. */
    public ExecResult run(String container, List<String> command) {
        String id = create(container, ExecCreateRequest.builder().cmd(command).attachStdout(true).attachStderr(true).build());
        HijackedSession.Output output;
        try (HijackedSession session = start(id, false)) {
            output = session.readAll();
        }
        // The output ends a moment before the engine records the exit code.
        ExecInspect inspect = inspect(id);
        for (int i = 0; i < 50 && Boolean.TRUE.equals(inspect.running()); i++) {
            sleep();
            inspect = inspect(id);
        }
        return new ExecResult(inspect.exitCode() == null ? -1 : inspect.exitCode(), output.stdout(), output.stderr());
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
