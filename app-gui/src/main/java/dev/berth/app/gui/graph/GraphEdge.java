package dev.berth.app.gui.graph;

import java.util.Objects;

/**
 * {@code from} depends on (or, for a network or volume, uses) {@code to}. {@code label} is the condition —
 * {@code service_started}, {@code service_healthy}, {@code service_completed_successfully} — or empty.
 */
public record GraphEdge(String from, String to, String label) {

    public GraphEdge {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        label = label == null ? "" : label;
    }
}
