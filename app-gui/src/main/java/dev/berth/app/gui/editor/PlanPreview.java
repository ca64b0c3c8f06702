package dev.berth.app.gui.editor;

import dev.berth.engine.compose.plan.Cause;
import dev.berth.engine.compose.plan.FieldChange;
import dev.berth.engine.compose.plan.Operation;
import dev.berth.engine.compose.plan.Plan;
import dev.berth.engine.compose.progress.ResourceKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The orchestrator's plan as the editor shows it before Up: one row per service (create, recreate,
 * remove, start, unchanged) with, for a recreate, the fields that changed ({@code environment.FOO a → b});
 * then networks and volumes that would be created.
 */
public record PlanPreview(String project, List<Row> rows, List<String> warnings) {

    /** One service (or resource) and what Up does to it. */
    public record Row(String name, String action, List<String> details) {

        /** {@code recreate web: environment.FOO a → b}. */
        public String headline() {
            return action + " " + name + (details.isEmpty() ? "" : ": " + String.join(", ", details));
        }
    }

    public static PlanPreview of(Plan plan) {
        Map<String, Row> services = new LinkedHashMap<>();
        List<Row> resources = new ArrayList<>();
        for (Operation op : plan.operations()) {
            if (op.kind() == ResourceKind.CONTAINER && op.service() != null) {
                Row row = new Row(op.service(), op.action().verb(), details(op));
                Row before = services.get(op.service());
                if (before == null || rank(row.action()) > rank(before.action())) {
                    services.put(op.service(), row);
                }
            } else if (!op.isNoop() && op.action() != Operation.Action.CHECK_EXISTS) {
                resources.add(new Row(op.kind().label().toLowerCase(Locale.ROOT) + " " + op.name(), op.action().verb(), List.of()));
            }
        }
        List<Row> rows = new ArrayList<>(services.values());
        rows.addAll(resources);
        return new PlanPreview(plan.project(), rows, plan.warnings());
    }

    public boolean changesNothing() {
        return rows.stream().allMatch(r -> r.action().equals(Operation.Action.NONE.verb()));
    }

    /** Every row's headline, one per line. */
    public String render() {
        StringBuilder text = new StringBuilder();
        for (Row row : rows) {
            text.append(row.headline()).append('\n');
        }
        return text.toString();
    }

    private static List<String> details(Operation op) {
        List<String> out = new ArrayList<>();
        for (Cause cause : op.causes()) {
            switch (cause) {
                case Cause.ConfigChanged changed when !changed.changes().isEmpty() ->
                        changed.changes().stream().map(FieldChange::describe).forEach(out::add);
                case Cause.UpToDate up -> { }
                case Cause.Missing missing -> { }
                default -> out.add(cause.describe());
            }
        }
        return out;
    }

    private static int rank(String action) {
        return switch (action) {
            case "recreate" -> 5;
            case "create" -> 4;
            case "remove" -> 3;
            case "start", "restart" -> 2;
            default -> 1;
        };
    }
}
