package dev.berth.app.gui.engine;

import dev.berth.app.gui.graph.ServiceState;
import dev.berth.engine.compose.ContainerState;
import dev.berth.engine.compose.LastExit;
import dev.berth.engine.compose.ServiceContainer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a project's typed containers into what each graph card shows: one state per
 * service (the most telling of its replicas) and a "running/total" count. Pure, so it is tested without an
 * engine; the feed calls it after each burst of container events.
 */
public final class ServiceStates {

    /**
     * A service as its card shows it. {@code detail} says what the state alone hides, from the containers'
     * inspect details: "restarted 12× · OOM killed" for a crash loop, "OOM killed" under "exited (137)"; empty when nothing is worth saying.
     */
    public record Observed(ServiceState state, String replicas, String detail) {

        public Observed(ServiceState state, String replicas) {
            this(state, replicas, "");
        }
    }

    private ServiceStates() {}

    /**
     * @param containers the project's containers (one-off ones are ignored)
     * @param declared   services known from the compose file with their wanted replica count; those
     *                   without containers are "not created"
     */
    public static Map<String, Observed> of(List<ServiceContainer> containers, Map<String, Integer> declared) {
        return of(containers, declared, Map.of());
    }

    /** @param details what inspect said, per container id (containers without an entry say nothing more) */
    public static Map<String, Observed> of(List<ServiceContainer> containers, Map<String, Integer> declared,
                                           Map<String, ContainerDetails> details) {
        Map<String, List<ServiceContainer>> byService = new LinkedHashMap<>();
        declared.keySet().forEach(service -> byService.put(service, new ArrayList<>()));
        for (ServiceContainer container : containers) {
            if (!container.oneOff() && !container.service().isEmpty()) {
                byService.computeIfAbsent(container.service(), key -> new ArrayList<>()).add(container);
            }
        }
        Map<String, Observed> result = new LinkedHashMap<>();
        byService.forEach((service, list) -> {
            int wanted = Math.max(declared.getOrDefault(service, 0), list.size());
            long running = list.stream().filter(c -> c.state() == ContainerState.RUNNING).count();
            ServiceState state = combine(list.stream().map(ServiceStates::stateOf).toList());
            result.put(service, new Observed(state, running + "/" + wanted, detail(state, list, details)));
        });
        return result;
    }

    /** One container's state as a card reads it, health included ("Up 3 s (health: starting)" is starting). */
    public static ServiceState stateOf(ServiceContainer container) {
        return switch (container.state()) {
            case RUNNING -> switch (container.health()) {
                case HEALTHY -> ServiceState.HEALTHY;
                case UNHEALTHY -> ServiceState.UNHEALTHY;
                case STARTING -> ServiceState.STARTING;
                case NONE -> ServiceState.RUNNING;
            };
            case CREATED -> ServiceState.CREATED;
            case RESTARTING -> ServiceState.RESTARTING;
            case PAUSED -> ServiceState.PAUSED;
            case EXITED, DEAD -> ServiceState.exited(container.exitCode());
            case REMOVING, UNKNOWN -> ServiceState.NOT_CREATED;
        };
    }

    /** What a crash loop looks like: the most restarted replica's count, its last exit code, an OOM kill. */
    static String detail(ServiceState state, List<ServiceContainer> replicas, Map<String, ContainerDetails> details) {
        ContainerDetails worst = null;
        for (ServiceContainer container : replicas) {
            ContainerDetails d = details.get(container.id());
            if (d != null && (worst == null || d.restartCount() > worst.restartCount()
                    || d.restartCount() == worst.restartCount() && d.oomKilled() && !worst.oomKilled())) {
                worst = d;
            }
        }
        if (worst == null) {
            return "";
        }
        // an exited card already reads "exited (137)"; a running or restarting one hides how it last ended
        return new LastExit(worst.restartCount(), worst.exitCode(), worst.oomKilled()).detail(state.kind() == ServiceState.Kind.EXITED);
    }

    /**
     * The replica states folded into one: trouble first (unhealthy, restarting, a failed exit), then
     * progress (starting), then the calm states; a service with no containers is "not created".
     */
    static ServiceState combine(Collection<ServiceState> states) {
        if (states.isEmpty()) {
            return ServiceState.NOT_CREATED;
        }
        ServiceState best = null;
        for (ServiceState state : states) {
            if (best == null || rank(state) < rank(best)) {
                best = state;
            }
        }
        return best;
    }

    private static int rank(ServiceState state) {
        return switch (state.kind()) {
            case UNHEALTHY -> 0;
            case RESTARTING -> 1;
            case EXITED -> state.exitCode() != 0 ? 2 : 8;
            case STARTING -> 3;
            case CREATED -> 4;
            case PAUSED -> 5;
            case RUNNING -> 6;
            case HEALTHY -> 7;
            case NOT_CREATED -> 9;
        };
    }
}
