package dev.berth.app.gui.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.gui.BerthApplication;
import dev.berth.app.gui.feed.EngineConnection;
import dev.berth.app.gui.graph.GraphNodeModel;
import dev.berth.app.gui.graph.ServiceState;
import dev.berth.app.gui.main.ProjectPanes;
import dev.berth.testkit.RequiresEngine;
import dev.berth.testkit.TestEngine;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The main window on the real engine, headless: open a project, F5, watch the graph turn healthy and logs
 * arrive, select a service and see its processes and stats, Shift+F5, see everything gone.
 */
@RequiresEngine
@ExtendWith(ApplicationExtension.class)
class EngineProjectIT {

    @TempDir
    static Path home;

    private final String project = "gui-it-" + UUID.randomUUID().toString().substring(0, 8);
    private BerthApplication app;

    @Start
    void start(Stage stage) {
        System.setProperty("berth.config.dir", home.resolve("config").toString());
        System.setProperty("berth.host", "unix://" + TestEngine.socket());
        app = new BerthApplication();
        app.start(stage);
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(app::stop).get(10, TimeUnit.SECONDS);
        TestProjects.remove(project);
    }

    @Test
    void upShowsHealthyServicesLogsTopAndStatsAndDownRemovesEverything(FxRobot robot) throws Exception {
        Path dir = Files.createDirectories(home.resolve(project));
        Files.writeString(dir.resolve("compose.yaml"), """
                name: %s
                services:
                  db:
                    image: %s
                    command: ["sh", "-c", "echo db ready; while true; do sleep 1; done"]
                    healthcheck:
                      test: ["CMD", "true"]
                      interval: 1s
                      retries: 10
                  web:
                    image: %s
                    command: ["sh", "-c", "while true; do echo web says hello; sleep 0.3; done"]
                    depends_on:
                      db: {condition: service_healthy}
                """.formatted(project, TestEngine.BUSYBOX_IMAGE, TestEngine.BUSYBOX_IMAGE));
        ProjectPanes panes = app.panes();
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !robot.lookup("#button-up").tryQuery().isEmpty()
                && panes.connectionProperty().get().kind() == EngineConnection.Kind.CONNECTED);
        robot.interact(() -> app.window().opened(dir.toFile()));
        waitFor(15, () -> project.equals(selectedProject(panes)) && panes.graph().node("web").isPresent());
        assertThat(state(panes, "web")).isEqualTo(ServiceState.NOT_CREATED);

        robot.press(KeyCode.F5).release(KeyCode.F5);
        waitFor(60, () -> state(panes, "db").kind() == ServiceState.Kind.HEALTHY && state(panes, "web").kind() == ServiceState.Kind.RUNNING);
        assertThat(panes.graph().node("web").orElseThrow().replicasProperty().get()).isEqualTo("1/1");
        waitFor(20, () -> panes.logs().lines().stream().anyMatch(l -> l.source().equals("web") && l.text().contains("web says hello")));
        waitFor(10, () -> panes.containers().totalRows() == 2);

        Node webCard = robot.lookup(".graph-node").match((Node n) -> n.getAccessibleText() != null && n.getAccessibleText().equals("web")).query();
        robot.clickOn(webCard);
        robot.press(KeyCode.ALT, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.ALT);
        waitFor(15, () -> !panes.top().processes().isEmpty());
        assertThat(panes.top().containerProperty().get()).isEqualTo(project + "-web-1");
        assertThat(panes.top().processes()).anyMatch(row -> String.join(" ", row).contains("sleep") || String.join(" ", row).contains("sh"));
        waitFor(15, () -> panes.stats().rows().stream().anyMatch(r -> r.name().equals(project + "-web-1") && r.latestProperty().get() != null));
        waitFor(10, () -> panes.inspect().titleProperty().get() != null && panes.inspect().titleProperty().get().contains("web"));

        robot.press(KeyCode.SHIFT, KeyCode.F5).release(KeyCode.F5, KeyCode.SHIFT);
        waitFor(60, () -> state(panes, "web").kind() == ServiceState.Kind.NOT_CREATED
                && state(panes, "db").kind() == ServiceState.Kind.NOT_CREATED && panes.containers().totalRows() == 0);
        assertThat(TestProjects.containersOf(project)).isZero();
    }

    @Test
    void listsAProjectStartedOutsideBerthAndDrawsItsGraphFromTheLabels(FxRobot robot) throws Exception {
        Path dir = Files.createDirectories(home.resolve(project + "-outside"));
        Files.writeString(dir.resolve("compose.yaml"), """
                name: %s
                services:
                  db:
                    image: %s
                    command: ["sh", "-c", "while true; do sleep 1; done"]
                  app:
                    image: %s
                    command: ["sh", "-c", "echo app started; while true; do sleep 1; done"]
                    depends_on:
                      db: {condition: service_started}
                """.formatted(project, TestEngine.BUSYBOX_IMAGE, TestEngine.BUSYBOX_IMAGE));
        ProjectPanes panes = app.panes();
        waitFor(15, () -> panes.connectionProperty().get().kind() == EngineConnection.Kind.CONNECTED);
        // Started by another client (here: the orchestrator directly), never opened in the window.
        TestProjects.up(dir);
        waitFor(20, () -> panes.projects().projects().stream().anyMatch(p -> p.name().equals(project) && p.running() == 2));
        robot.interact(() -> panes.projects().projects().stream().filter(p -> p.name().equals(project)).findFirst()
                .ifPresent(panes.projects().selectedProperty()::set));
        waitFor(20, () -> state(panes, "app").kind() == ServiceState.Kind.RUNNING && state(panes, "db").kind() == ServiceState.Kind.RUNNING);
        assertThat(panes.graph().edgeLabel("app", "db")).isEqualTo("service_started");
        assertThat(panes.graph().node("network:default")).isPresent();
        waitFor(20, () -> panes.logs().lines().stream().anyMatch(l -> l.source().equals("app") && l.text().contains("app started")));

        // Stopping it elsewhere shows up through the engine's events.
        TestProjects.stop(project);
        waitFor(30, () -> state(panes, "app").kind() == ServiceState.Kind.EXITED && state(panes, "db").kind() == ServiceState.Kind.EXITED);
    }

    @Test
    void aFailedUpIsShownWithItsDetails(FxRobot robot) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path dir = Files.createDirectories(home.resolve(project + "-fails"));
            Files.writeString(dir.resolve("compose.yaml"), """
                    name: %s
                    services:
                      web:
                        image: %s
                        command: ["sh", "-c", "while true; do sleep 1; done"]
                        ports: ["127.0.0.1:%d:80"]
                    """.formatted(project, TestEngine.BUSYBOX_IMAGE, taken.getLocalPort()));
            ProjectPanes panes = app.panes();
            waitFor(15, () -> panes.connectionProperty().get().kind() == EngineConnection.Kind.CONNECTED);
            robot.interact(() -> app.window().opened(dir.toFile()));
            waitFor(15, () -> project.equals(selectedProject(panes)) && panes.graph().node("web").isPresent());

            robot.press(KeyCode.F5).release(KeyCode.F5);

            waitFor(60, () -> robot.lookup("#failure-details").tryQuery().isPresent());
            String details = robot.lookup("#failure-details").queryAs(TextArea.class).getText();
            assertThat(details).contains(Integer.toString(taken.getLocalPort()));
            assertThat(robot.lookup(".dialog-pane .header-panel .label").queryAs(Label.class).getText())
                    .startsWith("Up " + project);
            robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        }
    }

    private static String selectedProject(ProjectPanes panes) {
        var selected = panes.projects().selectedProperty().get();
        return selected == null ? null : selected.name();
    }

    private static ServiceState state(ProjectPanes panes, String service) {
        return panes.graph().node(service).map(GraphNodeModel::stateProperty).map(p -> p.get()).orElse(ServiceState.NOT_CREATED);
    }

    private static void waitFor(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get(5, TimeUnit.SECONDS));
    }
}
