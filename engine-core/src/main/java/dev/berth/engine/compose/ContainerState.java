package dev.berth.engine.compose;

import java.util.Locale;

/**
 * A container's state as the engine reports it ({@code State} of {@code /containers/json}), typed once so
 * nobody compares strings. The questions the verbs ask are methods here, so each has one answer.
 */
public enum ContainerState {
    CREATED, RUNNING, PAUSED, RESTARTING, REMOVING, EXITED, DEAD, UNKNOWN;

    /** The state from the engine's word for it; anything unknown (or null) is {@link #UNKNOWN}. */
    public static ContainerState of(String engineState) {
        if (engineState == null) {
            return UNKNOWN;
        }
        return switch (engineState.toLowerCase(Locale.ROOT)) {
            case "created" -> CREATED;
            case "running" -> RUNNING;
            case "paused" -> PAUSED;
            case "restarting" -> RESTARTING;
            case "removing" -> REMOVING;
            case "exited" -> EXITED;
            case "dead" -> DEAD;
            default -> UNKNOWN;
        };
    }

    /** The engine's word: {@code running}, {@code exited}, ... */
    public String engineName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Running, or being restarted by its restart policy: what {@code ps} lists and {@code rm} leaves alone. */
    public boolean isUp() {
        return this == RUNNING || this == RESTARTING;
    }

    /** Has a process to stop (running, restarting or paused): what {@code stop} and {@code down} act on. */
    public boolean isStoppable() {
        return this == RUNNING || this == RESTARTING || this == PAUSED;
    }

    @Override
    public String toString() {
        return engineName();
    }
}
