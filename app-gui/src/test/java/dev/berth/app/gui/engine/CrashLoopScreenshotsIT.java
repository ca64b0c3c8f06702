package dev.berth.app.gui.engine;

import dev.berth.app.gui.main.ProjectPanes;
import dev.berth.app.gui.shots.ScreenshotDriver;
import dev.berth.testkit.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableRow;
import javafx.scene.input.ContextMenuEvent;

/**
 * Looks at issue 12's engine-fed defects on the real window under Xvfb: a crash-looping service next to a
 * calm one, opened by its file; saves the graph (the card's restart line), the containers tab and the
 * inspect pane. Run like {@code tools/screenshots tour}, with {@code -Dit.test=CrashLoopScreenshotsIT}.
 */
@org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "berth.screenshots", matches = ".+")
@dev.berth.testkit.RequiresEngine
class CrashLoopScreenshotsIT {

    @org.junit.jupiter.api.Test
    void savesTheCrashLoopGraphContainersInspectAndLogs() throws Exception {
        Path out = Path.of(System.getProperty("berth.screenshots"));
        String project = "crashshots" + Long.toHexString(System.nanoTime() & 0xffffL);
        Path dir = Files.createDirectories(Files.createTempDirectory("berth-crash").resolve(project));
        Files.writeString(dir.resolve("compose.yaml"), """
                name: %s
                services:
                  crash:
                    image: %s
                    command: ["sh", "-c", "echo starting; sleep 0.5; echo out of memory >&2; exit 3"]
                    restart: always
                  calm:
                    image: %s
                    command: ["sh", "-c", "for i in $$(seq 1 30); do echo calm line $$i; done; while true; do sleep 1; done"]
                    depends_on: [crash]
                  oom:
                    image: %s
                    command: ["sh", "-c", "echo filling 8 MiB; x=a; while :; do x=$$x$$x; done"]
                    mem_limit: 8m
                    memswap_limit: 8m
                """.formatted(project, TestEngine.BUSYBOX_IMAGE, TestEngine.BUSYBOX_IMAGE, TestEngine.BUSYBOX_IMAGE));
        System.setProperty("berth.host", "unix://" + TestEngine.socket());
        TestProjects.up(dir);
        try (ScreenshotDriver driver = ScreenshotDriver.launch(1280, 800, out)) {
            ProjectPanes panes = driver.app().panes();
            driver.fx(() -> driver.app().window().opened(dir.toFile()));
            driver.waitUntil("the crash loop's detail", () -> panes.graph().node("crash")
                    .map(n -> n.detailProperty().get().contains("restarted")).orElse(false), Duration.ofSeconds(60));
            driver.waitUntil("the OOM kill on its card (fault 6)", () -> panes.graph().node("oom")
                    .map(n -> n.detailProperty().get().equals("OOM killed")).orElse(false), Duration.ofSeconds(60));
            driver.fx(() -> panes.graph().selectedNodeProperty().set("crash"));
            driver.save("crash-loop-graph");
            driver.fx(() -> driver.<TabPane>lookup("#detail-tabs").getSelectionModel().select(
                    driver.<TabPane>lookup("#detail-tabs").getTabs().stream()
                            .filter(t -> "tab-containers".equals(t.getId())).findFirst().orElseThrow()));
            driver.await("#containers-table", Duration.ofSeconds(10));
            driver.save("crash-loop-containers");
            driver.fx(() -> {
                for (Node node : driver.<Node>lookup("#containers-table").lookupAll(".table-row-cell")) {
                    if (node instanceof TableRow<?> row && row.getItem() != null && row.getContextMenu() != null) {
                        Bounds b = row.localToScreen(row.getBoundsInLocal());
                        row.getContextMenu().show(row, b.getMinX() + 120, b.getMaxY());
                        break;
                    }
                }
            });
            driver.saveDialog("crash-loop-container-menu");
            driver.fx(() -> panes.graph().selectedNodeProperty().set("calm"));
            driver.fx(() -> driver.<TabPane>lookup("#detail-tabs").getSelectionModel().select(
                    driver.<TabPane>lookup("#detail-tabs").getTabs().stream()
                            .filter(t -> "tab-inspect".equals(t.getId())).findFirst().orElseThrow()));
            Thread.sleep(1500);
            driver.save("crash-loop-inspect");
            driver.fx(() -> driver.<TabPane>lookup("#detail-tabs").getSelectionModel().select(0));
            driver.save("crash-loop-logs");
            // a narrow window, one service shown and a search typed: the count stays visible with its matches
            driver.fx(() -> {
                panes.graph().selectedNodeProperty().set("calm");
                panes.logs().searchQueryProperty().set("line 1");
                driver.<Node>lookup("#logs-search").getScene().getWindow().setWidth(900);
            });
            driver.save("crash-loop-logs-filtered");
            driver.fx(() -> {
                panes.logs().searchQueryProperty().set("");
                driver.<Node>lookup("#logs-search").getScene().getWindow().setWidth(1280);
            });
            // the card menu of the running service: Stop, no Start, no Build (no build: section)
            driver.fx(() -> {
                Node card = driver.lookup(".graph-node");
                for (Node node : card.getScene().getRoot().lookupAll(".graph-node")) {
                    if ("calm".equals(node.getAccessibleText())) {
                        card = node;
                    }
                }
                Bounds b = card.localToScreen(card.getBoundsInLocal());
                card.fireEvent(new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED,
                        b.getWidth() / 2, b.getHeight() / 2, b.getCenterX(), b.getCenterY(), false, null));
            });
            driver.saveDialog("crash-loop-card-menu");
        } finally {
            TestProjects.remove(project);
        }
    }
}
