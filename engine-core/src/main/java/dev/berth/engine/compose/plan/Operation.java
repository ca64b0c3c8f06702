package dev.berth.engine.compose.plan;

import dev.berth.engine.compose.ServiceContainer;
import dev.berth.engine.compose.progress.ResourceKind;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One thing the executor will do to one resource, and why. The executor makes no decisions of its own:
 * everything it needs is here.
 *
 * @param action   what to do
 * @param kind     the resource kind
 * @param name     the engine name of the resource (container, network or volume name)
 * @param service  the service, for containers; null otherwise
 * @param number   the container number (1-based) for containers; 0 otherwise
 * @param causes   why, never empty
 * @param existing the observed container it acts on (its id and state), or null: for creates, networks, volumes
 */
public record Operation(Action action, ResourceKind kind, String name, String service, int number, List<Cause> causes,
                        ServiceContainer existing) {

    public Operation {
        causes = List.copyOf(causes);
        if (causes.isEmpty()) {
            throw new IllegalArgumentException("an operation needs a cause: " + action + " " + name);
        }
    }

    /** An operation on nothing observed yet (a create, a network, a volume). */
    public Operation(Action action, ResourceKind kind, String name, String service, int number, List<Cause> causes) {
        this(action, kind, name, service, number, causes, null);
    }

    /** True when the executor has nothing to do for this operation. */
    public boolean isNoop() {
        return action == Action.NONE;
    }

    /** {@code recreate  Container demo-web-1  (configuration changed: image a → b)}. */
    public String describe() {
        return String.format("%-9s %s %s  (%s)", action.verb(), kind.label(), name,
                causes.stream().map(Cause::describe).collect(Collectors.joining("; ")));
    }

    public enum Action {
        CREATE("create"),
        RECREATE("recreate"),
        START("start"),
        RESTART("restart"),
        REMOVE("remove"),
        CHECK_EXISTS("check"),
        NONE("unchanged");

        private final String verb;

        Action(String verb) {
            this.verb = verb;
        }

        public String verb() {
            return verb;
        }
    }
}
