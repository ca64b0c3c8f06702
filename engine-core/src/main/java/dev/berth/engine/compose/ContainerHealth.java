package dev.berth.engine.compose;

import java.util.Locale;

/**
 * A container's health as its listing tells it. {@code /containers/json} has no health field, only the status
 * text ({@code Up 3 minutes (healthy)}, {@code Up 2 seconds (health: starting)}): it is read here, once.
 */
public enum ContainerHealth {
    /** No health check (or none reported yet). */
    NONE,
    STARTING,
    HEALTHY,
    UNHEALTHY;

    /** The health a status text reports. */
    public static ContainerHealth ofStatus(String status) {
        if (status == null) {
            return NONE;
        }
        if (status.contains("(healthy)")) {
            return HEALTHY;
        }
        if (status.contains("(unhealthy)")) {
            return UNHEALTHY;
        }
        if (status.contains("(health: starting)")) {
            return STARTING;
        }
        return NONE;
    }

    /** Compose's word for it in {@code ps --format json}: {@code healthy}, {@code starting}, or empty. */
    public String composeName() {
        return this == NONE ? "" : name().toLowerCase(Locale.ROOT);
    }
}
