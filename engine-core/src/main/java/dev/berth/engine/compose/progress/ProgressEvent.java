package dev.berth.engine.compose.progress;

import java.time.Instant;
import java.util.Objects;

/**
 * One step of work on one resource, as the CLI and the GUI show it: "Container demo-web-1 Started".
 * The orchestrator emits these; renderers (tty, plain, json) and the GUI consume the same stream.
 *
 * @param kind     what sort of resource
 * @param name     the resource's engine name, e.g. {@code demo-web-1}
 * @param service  the service the resource belongs to, or null (networks, volumes)
 * @param status   working, done, warning or error
 * @param text     the action in words, e.g. {@code Creating}, {@code Started}, {@code Pulling}
 * @param detail   extra words (an error message, a layer status), may be empty
 * @param current  progress so far (bytes, layers), or -1 when there is no measurable progress
 * @param total    the total for {@code current}, or -1
 * @param at       when it happened
 */
public record ProgressEvent(
        ResourceKind kind,
        String name,
        String service,
        Status status,
        String text,
        String detail,
        long current,
        long total,
        Instant at) {

    public ProgressEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(text, "text");
        detail = detail == null ? "" : detail;
        at = at == null ? Instant.now() : at;
    }

    public static ProgressEvent working(ResourceKind kind, String name, String service, String text) {
        return new ProgressEvent(kind, name, service, Status.WORKING, text, "", -1, -1, Instant.now());
    }

    public static ProgressEvent done(ResourceKind kind, String name, String service, String text) {
        return new ProgressEvent(kind, name, service, Status.DONE, text, "", -1, -1, Instant.now());
    }

    public static ProgressEvent warning(ResourceKind kind, String name, String service, String text, String detail) {
        return new ProgressEvent(kind, name, service, Status.WARNING, text, detail, -1, -1, Instant.now());
    }

    public static ProgressEvent error(ResourceKind kind, String name, String service, String text, String detail) {
        return new ProgressEvent(kind, name, service, Status.ERROR, text, detail, -1, -1, Instant.now());
    }

    /** The same event with measurable progress attached. */
    public ProgressEvent withProgress(long current, long total) {
        return new ProgressEvent(kind, name, service, status, text, detail, current, total, at);
    }

    /** The identity renderers group by: one line per resource, e.g. {@code Container demo-web-1}. */
    public String id() {
        return kind.label() + " " + name;
    }

    public enum Status {
        WORKING,
        DONE,
        WARNING,
        ERROR;

        public boolean isFinal() {
            return this != WORKING;
        }
    }
}
