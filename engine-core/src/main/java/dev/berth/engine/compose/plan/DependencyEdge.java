package dev.berth.engine.compose.plan;

/**
 * One thing a service waits for before it starts: another service, and the condition it must meet. Every
 * edge of the service graph is one (links, {@code network_mode: service:x}, {@code volumes_from} and the like
 * wait for {@code service_started} and are required).
 *
 * @param service   the service waited for
 * @param condition {@code service_started}, {@code service_healthy} or {@code service_completed_successfully}
 * @param required  false for {@code depends_on} entries with {@code required: false}: their failure is a warning
 */
public record DependencyEdge(String service, String condition, boolean required) {

    public static final String STARTED = "service_started";
    public static final String HEALTHY = "service_healthy";
    public static final String COMPLETED = "service_completed_successfully";

    public static DependencyEdge started(String service) {
        return new DependencyEdge(service, STARTED, true);
    }
}
