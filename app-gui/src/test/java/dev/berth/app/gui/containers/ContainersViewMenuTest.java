package dev.berth.app.gui.containers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.gui.controls.Confirmations;
import dev.berth.app.gui.feed.ContainerAction;
import dev.berth.engine.compose.ContainerHealth;
import dev.berth.engine.compose.ContainerState;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Side;
import javafx.scene.Scene;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableRow;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Issue 20: a container row's menu offers Open shell, Open shell with… and Attach on a running container only. */
@ExtendWith(ApplicationExtension.class)
class ContainersViewMenuTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private final List<String> ran = new ArrayList<>();

    @Start
    void start(Stage stage) {
        ContainersViewModel model = new ContainersViewModel(url -> { }, Clock.fixed(NOW, ZoneOffset.UTC));
        model.setCommands(new ContainersViewModel.Commands() {
            @Override public void showLogs(ContainerRow row) { }
            @Override public void inspect(ContainerRow row) { }
            @Override public void run(ContainerAction action, ContainerRow row) { }
            @Override public void openShell(ContainerRow row) { ran.add("shell " + row.id()); }
            @Override public void openShellWith(ContainerRow row) { ran.add("shell-with " + row.id()); }
            @Override public void attach(ContainerRow row) { ran.add("attach " + row.id()); }
        }, request -> Confirmations.Answer.NO);
        model.setAll(List.of(row("1", "web", ContainerState.RUNNING), row("2", "worker", ContainerState.EXITED)));
        stage.setScene(new Scene(new ContainersView(model), 900, 400));
        stage.show();
    }

    private static ContainerRow row(String id, String service, ContainerState state) {
        return new ContainerRow(id, "shop-" + service + "-1", service, state, ContainerHealth.NONE, "busybox", List.of(),
                NOW.minusSeconds(60), 0, 0, 0);
    }

    private ContextMenu openMenu(FxRobot robot, String id) throws Exception {
        TableRow<?> row = robot.lookup(".table-row-cell").queryAllAs(TableRow.class).stream()
                .map(r -> (TableRow<?>) r)
                .filter(r -> r.getItem() instanceof ContainerRow container && container.id().equals(id)).findFirst().orElseThrow();
        // Shown as a right-click shows it (its onShowing picks the row's container); a robot's right-click does
        // not reach the headless toolkit's popup machinery reliably.
        robot.interact(() -> row.getContextMenu().show(row, Side.BOTTOM, 0, 0));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> row.getContextMenu() != null && row.getContextMenu().isShowing());
        return row.getContextMenu();
    }

    private static MenuItem item(ContextMenu menu, String id) {
        return menu.getItems().stream().filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
    }

    @Test
    void attachAndOpenShellWithActOnTheRunningRowAndAreOffForAStoppedOne(FxRobot robot) throws Exception {
        ContextMenu menu = openMenu(robot, "1");
        assertThat(menu.getItems()).extracting(MenuItem::getText).containsSubsequence("Open shell", "Open shell with…", "Attach");
        for (String id : List.of("container-open-shell", "container-open-shell-with", "container-attach")) {
            assertThat(item(menu, id).isDisable()).as(id).isFalse();
        }
        robot.interact(() -> item(menu, "container-attach").fire());
        robot.interact(() -> item(menu, "container-open-shell-with").fire());
        robot.interact(menu::hide);
        assertThat(ran).containsExactly("attach 1", "shell-with 1");

        ContextMenu stopped = openMenu(robot, "2");
        for (String id : List.of("container-open-shell", "container-open-shell-with", "container-attach")) {
            assertThat(item(stopped, id).isDisable()).as(id + " on an exited container").isTrue();
        }
        robot.interact(stopped::hide);
    }
}
