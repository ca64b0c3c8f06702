package dev.berth.engine.compose.plan;

import dev.berth.engine.compose.plan.DesiredState.DesiredService;
import dev.berth.engine.compose.progress.ResourceKind;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What {@code up} will do: networks and volumes first, then containers per service in dependency order,
 * then orphans. A value: the GUI previews it, {@code up --dry-run} prints it, the executor runs it.
 *
 * @param project    the project name
 * @param operations every operation, including the no-ops (so previews can say "unchanged")
 * @param warnings   things the user should know that are not operations (e.g. orphans kept)
 * @param services   the services converged, dependencies first, with what they wait for, their configuration
 *                   and image: with the operations, everything the executor needs (it recomputes nothing)
 */
public record Plan(String project, List<Operation> operations, List<String> warnings, List<DesiredService> services) {

    public Plan {
        operations = List.copyOf(operations);
        warnings = List.copyOf(warnings);
        services = List.copyOf(services);
    }

    /** A plan of operations only (a preview, a test): no service to converge. */
    public Plan(String project, List<Operation> operations, List<String> warnings) {
        this(project, operations, warnings, List.of());
    }

    /** The plan without its container operations and services: the networks and volumes only. */
    public Plan resourcesOnly() {
        return new Plan(project, operations.stream().filter(op -> op.kind() != ResourceKind.CONTAINER).toList(), List.of());
    }

    /** The operations that do something. */
    public List<Operation> changes() {
        return operations.stream().filter(operation -> !operation.isNoop()).toList();
    }

    public boolean isEmpty() {
        return changes().isEmpty();
    }

    /** The container operations for one service, in container-number order. */
    public List<Operation> forService(String service) {
        return operations.stream()
                .filter(operation -> operation.kind() == ResourceKind.CONTAINER && service.equals(operation.service()))
                .toList();
    }

    /** The plan as text, one operation per line; what {@code up --dry-run} prints and golden tests compare. */
    public String render() {
        StringBuilder text = new StringBuilder();
        text.append("Plan for project ").append(project).append(": ")
                .append(changes().size()).append(changes().size() == 1 ? " change" : " changes").append('\n');
        text.append(operations.stream().map(operation -> "  " + operation.describe()).collect(Collectors.joining("\n")));
        if (!operations.isEmpty()) {
            text.append('\n');
        }
        for (String warning : warnings) {
            text.append("  warning: ").append(warning).append('\n');
        }
        return text.toString();
    }
}
