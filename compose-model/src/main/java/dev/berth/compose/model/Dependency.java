package dev.berth.compose.model;

/** One {@code depends_on} entry: wait for {@code service} to reach {@code condition}. */
public record Dependency(String service, String condition, boolean required, boolean restart) {

    public static final String STARTED = "service_started";
    public static final String HEALTHY = "service_healthy";
    public static final String COMPLETED = "service_completed_successfully";
}
