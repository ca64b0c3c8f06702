package dev.berth.app.gui.engine;

import dev.berth.engine.api.model.ContainerInspect;
import dev.berth.engine.api.model.ContainerInspectState;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * What only an inspect tells about a container (the listing does not): when it started, how often its
 * restart policy restarted it, how it last ended. Read once per container and again only after an engine
 * event that changes it (start, die, oom, restart), never per listing.
 *
 * @param startedAt null when it never started
 * @param exitCode  the last exit code (0 also when it never exited)
 */
public record ContainerDetails(Instant startedAt, int restartCount, int exitCode, boolean oomKilled, String error) {

    public static final ContainerDetails UNKNOWN = new ContainerDetails(null, 0, 0, false, "");

    static ContainerDetails of(ContainerInspect inspect) {
        ContainerInspectState state = inspect.state();
        if (state == null) {
            return UNKNOWN;
        }
        return new ContainerDetails(instant(state.startedAt()), inspect.restartCount() == null ? 0 : inspect.restartCount(),
                state.exitCode() == null ? 0 : state.exitCode(), Boolean.TRUE.equals(state.oomKilled()),
                state.error() == null ? "" : state.error());
    }

    /** The engine writes "0001-01-01T00:00:00Z" for "never". */
    private static Instant instant(String text) {
        if (text == null || text.isEmpty() || text.startsWith("0001-")) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
