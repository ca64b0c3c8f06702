package dev.berth.engine.stack;

import dev.berth.compose.Diagnostic;
import java.util.ArrayList;
import java.util.List;

/**
 * What a deploy will do, service by service, before it does it ({@code stack deploy --dry-run} prints it,
 * the deploy executes it): the networks, secrets and configs to create, and per service create, update with
 * the fields that changed, unchanged, or remove (with {@code --prune}).
 */
public record StackPlan(String stack, List<Step> resources, List<ServiceStep> services, List<Diagnostic> diagnostics) {

    public enum Action { CREATE, UPDATE, UNCHANGED, REMOVE, EXISTS }

    /** A network, secret or config: {@code kind} is {@code network}, {@code secret} or {@code config}. */
    public record Step(String kind, String name, Action action) {}

    /** One field of a service spec that changes: {@code before}/{@code after} null when added/removed. */
    public record FieldChange(String field, String before, String after) {
        @Override
        public String toString() {
            return field + " " + (before == null ? "(none)" : before) + " → " + (after == null ? "(none)" : after);
        }
    }

    /** {@code id} of the existing service (update, unchanged, remove), null for a create. */
    public record ServiceStep(String key, String name, Action action, List<FieldChange> changes, String id) {}

    public boolean changesNothing() {
        return resources.stream().allMatch(s -> s.action() == Action.EXISTS)
                && services.stream().allMatch(s -> s.action() == Action.UNCHANGED);
    }

    /** The plan as {@code stack deploy --dry-run} prints it: one line per object, the changed fields indented below. */
    public List<String> render() {
        List<String> lines = new ArrayList<>();
        for (Step step : resources) {
            if (step.action() != Action.EXISTS) {
                lines.add(word(step.action()) + " " + step.kind() + " " + step.name());
            }
        }
        for (ServiceStep step : services) {
            lines.add(word(step.action()) + " service " + step.name());
            for (FieldChange change : step.changes()) {
                lines.add("    " + change);
            }
        }
        return lines;
    }

    private static String word(Action action) {
        return switch (action) {
            case CREATE -> "create";
            case UPDATE -> "update";
            case UNCHANGED -> "unchanged";
            case REMOVE -> "remove";
            case EXISTS -> "exists";
        };
    }
}
