package dev.berth.app.gui.engine;

import dev.berth.app.gui.graph.ServiceState;
import dev.berth.engine.api.model.ContainerSummary;
import dev.berth.engine.compose.ComposeLabels;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the engine's listing of a project's containers into what each graph card shows: one state per
 * service (the most telling of its replicas) and a "running/total" count. Pure, so it is tested without an
 * engine; the feed calls it after each burst of container events.
 */
public final class ServiceStates {

    /** A service as its card shows it. */
    public record Observed(ServiceState state, String replicas) {}

    private static final Pattern EXIT_CODE = Pattern.compile("Exited \\((-?\\d+)\\)");

    private ServiceStates() {}

    /**
     * @param containers the project's containers (one-off ones are ignored)
     * @param declared   services known from the compose file with their wanted replica count; those
     *                   without containers are "not created"
     */
    public static Map<String, Observed> of(List<ContainerSummary> containers, Map<String, Integer> declared) {
        Map<String, List<ContainerSummary>> byService = new LinkedHashMap<>();
        declared.keySet().forEach(service -> byService.put(service, new ArrayList<>()));
        for (ContainerSummary container : containers) {
            Map<String, String> labels = container.labels() == null ? Map.of() : container.labels();
            if (ComposeLabels.TRUE.equalsIgnoreCase(labels.get(ComposeLabels.ONEOFF))) {
                continue;
            }
            String service = labels.get(ComposeLabels.SERVICE);
            if (service != null) {
                byService.computeIfAbsent(service, key -> new ArrayList<>()).add(container);
            }
        }
        Map<String, Observed> result = new LinkedHashMap<>();
        byService.forEach((service, list) -> {
            int wanted = Math.max(declared.getOrDefault(service, 0), list.size());
            long running = list.stream().filter(c -> "running".equals(c.state())).count();
            result.put(service, new Observed(combine(list.stream().map(ServiceStates::stateOf).toList()), running + "/" + wanted));
        });
        return result;
    }

    /** One container's state, health included ("Up 3 s (health: starting)" is starting). */
    public static ServiceState stateOf(ContainerSummary container) {
        String state = container.state() == null ? "" : container.state();
        String status = container.status() == null ? "" : container.status();
        return switch (state) {
            case "running" -> status.contains("(healthy)") ? ServiceState.HEALTHY
                    : status.contains("(unhealthy)") ? ServiceState.UNHEALTHY
                    : status.contains("health: starting") ? ServiceState.STARTING
                    : ServiceState.RUNNING;
            case "created" -> ServiceState.CREATED;
            case "restarting" -> ServiceState.RESTARTING;
            case "paused" -> ServiceState.PAUSED;
            case "exited", "dead" -> ServiceState.exited(exitCode(status));
            default -> ServiceState.NOT_CREATED;
        };
    }

    static int exitCode(String status) {
        Matcher matcher = EXIT_CODE.matcher(status);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
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
