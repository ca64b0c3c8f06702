package dev.berth.app.gui.editor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.engine.compose.plan.Cause;
import dev.berth.engine.compose.plan.FieldChange;
import dev.berth.engine.compose.plan.Operation;
import dev.berth.engine.compose.plan.Operation.Action;
import dev.berth.engine.compose.plan.Plan;
import dev.berth.engine.compose.progress.ResourceKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanPreviewTest {

    @Test
    void showsOneRowPerServiceWithTheChangedFieldsAndNewResources() {
        Plan plan = new Plan("demo", List.of(
                new Operation(Action.CREATE, ResourceKind.NETWORK, "demo_default", null, 0, List.of(new Cause.Missing())),
                new Operation(Action.NONE, ResourceKind.CONTAINER, "demo-db-1", "db", 1, List.of(new Cause.UpToDate())),
                new Operation(Action.RECREATE, ResourceKind.CONTAINER, "demo-web-1", "web", 1,
                        List.of(new Cause.ConfigChanged(List.of(new FieldChange("environment.FOO", "a", "b"))))),
                new Operation(Action.CREATE, ResourceKind.CONTAINER, "demo-cache-1", "cache", 1, List.of(new Cause.Missing())),
                new Operation(Action.REMOVE, ResourceKind.CONTAINER, "demo-old-1", "old", 1, List.of(new Cause.Orphan("old")))),
                List.of());

        PlanPreview preview = PlanPreview.of(plan);

        assertThat(preview.render()).isEqualTo("""
                unchanged db
                recreate web: environment.FOO a → b
                create cache
                remove old: orphan: service old is not in the project
                create network demo_default
                """);
        assertThat(preview.changesNothing()).isFalse();
    }

    @Test
    void keepsTheStrongestActionWhenAServiceHasSeveralContainers() {
        Plan plan = new Plan("demo", List.of(
                new Operation(Action.NONE, ResourceKind.CONTAINER, "demo-web-1", "web", 1, List.of(new Cause.UpToDate())),
                new Operation(Action.CREATE, ResourceKind.CONTAINER, "demo-web-2", "web", 2, List.of(new Cause.ScaleUp(2)))),
                List.of());
        assertThat(PlanPreview.of(plan).render()).isEqualTo("create web: scale up to 2\n");
    }
}
