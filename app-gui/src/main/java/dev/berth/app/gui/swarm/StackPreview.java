package dev.berth.app.gui.swarm;

import dev.berth.compose.Diagnostic;
import dev.berth.engine.stack.StackPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A stack deploy's plan as the GUI shows it before "Deploy", in the shape of the editor's Up preview: one row
 * per service (create / update with the changed fields / unchanged / remove), then the networks, secrets and
 * configs to create; and the keys a swarm ignores as warnings with the position they were written at.
 */
public record StackPreview(String stack, List<Row> rows, List<String> warnings, boolean changesNothing) {

    /** One service (or {@code network demo_default}) and what the deploy does to it. */
    public record Row(String name, String action, List<String> details) {}

    public static StackPreview of(StackPlan plan, List<Diagnostic> diagnostics) {
        List<Row> rows = new ArrayList<>();
        String prefix = plan.stack() + "_";
        for (StackPlan.ServiceStep step : plan.services()) {
            String name = step.name().startsWith(prefix) ? step.name().substring(prefix.length()) : step.name();
            rows.add(new Row(name, verb(step.action()), step.changes().stream().map(StackPlan.FieldChange::toString).toList()));
        }
        for (StackPlan.Step step : plan.resources()) {
            if (step.action() != StackPlan.Action.EXISTS) {
                rows.add(new Row(step.kind() + " " + step.name(), verb(step.action()), List.of()));
            }
        }
        List<String> warnings = new ArrayList<>();
        for (Diagnostic diagnostic : diagnostics) {
            warnings.add(diagnostic.toString()); // FILE:LINE:COL: warning: build is ignored…
        }
        for (Diagnostic diagnostic : plan.diagnostics()) {
            if (!diagnostics.contains(diagnostic)) {
                warnings.add(diagnostic.toString());
            }
        }
        return new StackPreview(plan.stack(), List.copyOf(rows), List.copyOf(warnings), plan.changesNothing());
    }

    private static String verb(StackPlan.Action action) {
        return action.name().toLowerCase(Locale.ROOT);
    }

    /** The row of a service by its short name ({@code web}), for tests. */
    public Row row(String name) {
        return rows.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
    }
}
