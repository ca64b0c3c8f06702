package dev.berth.compose.graph;

/**
 * {@code from} needs {@code to}: start {@code to} first and wait for {@code condition}
 * ({@code service_started}, {@code service_healthy}, {@code service_completed_successfully}).
 */
public record Edge(String from, String to, EdgeKind kind, String condition, boolean required, boolean restart) {}
