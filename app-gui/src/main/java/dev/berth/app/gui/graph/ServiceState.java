package dev.berth.app.gui.graph;

import java.util.Locale;

/**
 * What a service looks like on the engine right now, as the graph shows it. {@code exitCode} only means
 * something for {@link Kind#EXITED}.
 */
public record ServiceState(Kind kind, int exitCode) {

    public enum Kind { NOT_CREATED, CREATED, STARTING, RUNNING, HEALTHY, UNHEALTHY, EXITED, RESTARTING, PAUSED }

    public static final ServiceState NOT_CREATED = new ServiceState(Kind.NOT_CREATED, 0);
    public static final ServiceState CREATED = new ServiceState(Kind.CREATED, 0);
    public static final ServiceState STARTING = new ServiceState(Kind.STARTING, 0);
    public static final ServiceState RUNNING = new ServiceState(Kind.RUNNING, 0);
    public static final ServiceState HEALTHY = new ServiceState(Kind.HEALTHY, 0);
    public static final ServiceState UNHEALTHY = new ServiceState(Kind.UNHEALTHY, 0);
    public static final ServiceState RESTARTING = new ServiceState(Kind.RESTARTING, 0);
    public static final ServiceState PAUSED = new ServiceState(Kind.PAUSED, 0);

    public static ServiceState exited(int code) {
        return new ServiceState(Kind.EXITED, code);
    }

    /** How the card reads it: "running", "exited (137)", "not created". */
    public String label() {
        String name = kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return kind == Kind.EXITED ? name + " (" + exitCode + ")" : name;
    }

    /** The CSS pseudo-class colouring the card ({@code .graph-node:exited-error}); a clean exit is not an error. */
    public String cssState() {
        if (kind == Kind.EXITED) {
            return exitCode == 0 ? "exited-clean" : "exited-error";
        }
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
