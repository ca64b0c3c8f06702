package dev.berth.app.gui;

import dev.berth.app.gui.engine.TestProjects;
import dev.berth.app.gui.feed.EngineConnection;
import dev.berth.app.gui.graph.GraphNodeModel;
import dev.berth.app.gui.graph.ServiceState;
import dev.berth.app.gui.look.ThemeMode;
import dev.berth.app.gui.main.ProjectPanes;
import dev.berth.testkit.RequiresEngine;
import dev.berth.testkit.TestEngine;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Orientation;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The screenshot driver behind {@code docs/screenshots/}: brings a sample multi-service project up on the
 * real engine through the window (F5), waits for it to settle, and saves the window with each pane shown;
 * then starts a second window with no engine reachable. Runs only when {@code berth.screenshots} names the
 * output folder — {@code tools/screenshots} runs it under Xvfb.
 */
@RequiresEngine
@EnabledIfSystemProperty(named = "berth.screenshots", matches = ".+")
@ExtendWith(ApplicationExtension.class)
class ScreenshotTourIT {

    @TempDir
    static Path home;

    private final String project = "shop-" + UUID.randomUUID().toString().substring(0, 6);
    private final Path out = Path.of(System.getProperty("berth.screenshots", "target/screenshots")).toAbsolutePath();
    private BerthApplication app;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        System.setProperty("berth.config.dir", home.resolve("config").toString());
        System.setProperty("berth.host", "unix://" + TestEngine.socket());
        System.setProperty("berth.theme", "light");
        app = new BerthApplication();
        app.start(stage);
        stage.setWidth(1440);
        stage.setHeight(900);
        stage.setX(0);
        stage.setY(0);
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(app::stop).get(10, TimeUnit.SECONDS);
        TestProjects.remove(project);
    }

    @Test
    void takesAScreenshotOfEveryPane(FxRobot robot) throws Exception {
        Files.createDirectories(out);
        Path dir = TestProjects.sample(home, project);
        ProjectPanes panes = app.panes();
        waitFor(20, () -> panes.connectionProperty().get().kind() == EngineConnection.Kind.CONNECTED);
        robot.interact(() -> app.window().opened(dir.resolve("compose.yaml").toFile()));
        waitFor(20, () -> panes.graph().node("api").isPresent());
        robot.press(KeyCode.F5).release(KeyCode.F5);
        waitFor(120, () -> state(panes, "api") == ServiceState.Kind.HEALTHY && state(panes, "proxy") == ServiceState.Kind.RUNNING
                && state(panes, "migrate") == ServiceState.Kind.EXITED && "2/2".equals(replicas(panes, "web")));
        Thread.sleep(12_000); // logs and a few stats samples accumulate
        divider(robot, 0.6);
        shoot(robot, "main-window.png");

        robot.interact(() -> panes.logs().searchQueryProperty().set("orders"));
        shoot(robot, "logs.png");
        robot.interact(() -> panes.logs().searchQueryProperty().set(""));

        divider(robot, 0.4);
        tab(robot, 1);
        shoot(robot, "stats.png");

        robot.interact(() -> panes.graph().select("worker"));
        tab(robot, 2);
        waitFor(20, () -> !panes.top().processes().isEmpty());
        shoot(robot, "top.png");

        robot.interact(() -> panes.graph().select("api"));
        tab(robot, 3);
        waitFor(20, () -> panes.inspect().titleProperty().get() != null && panes.inspect().titleProperty().get().contains("api"));
        shoot(robot, "inspect.png");

        robot.interact(() -> panes.graph().select(null));
        tab(robot, 4);
        divider(robot, 0.33);
        shoot(robot, "containers.png");

        tab(robot, 0);
        divider(robot, 0.6);
        robot.interact(() -> app.theme().modeProperty().set(ThemeMode.DARK));
        shoot(robot, "main-window-dark.png");
        robot.interact(() -> app.theme().modeProperty().set(ThemeMode.LIGHT));

        robot.press(KeyCode.SHIFT, KeyCode.F5).release(KeyCode.F5, KeyCode.SHIFT);
        waitFor(90, () -> panes.containers().totalRows() == 0);

        // A second window whose engine does not answer: the "no engine" panel.
        System.setProperty("berth.host", "unix://" + home.resolve("no-engine-here.sock"));
        BerthApplication offline = new BerthApplication();
        Stage[] second = new Stage[1];
        robot.interact(() -> {
            second[0] = new Stage();
            offline.start(second[0]);
            second[0].setWidth(1440);
            second[0].setHeight(900);
        });
        waitFor(20, () -> offline.panes().connectionProperty().get().kind() == EngineConnection.Kind.UNAVAILABLE);
        save(robot, second[0], "engine-unavailable.png");
        robot.interact(() -> {
            offline.stop();
            second[0].close();
        });
    }

    /** Shows a detail tab (the screenshot driver selects directly: key chords under Xvfb can reach the menu bar). */
    private static void tab(FxRobot robot, int index) {
        robot.interact(() -> robot.lookup("#detail-tabs").queryAs(TabPane.class).getSelectionModel().select(index));
    }

    /** Moves the divider between the graph and the detail tabs, then fits the graph into its new room. */
    private static void divider(FxRobot robot, double position) {
        robot.interact(() -> robot.lookup(".split-pane").queryAll().stream().map(SplitPane.class::cast)
                .filter(pane -> pane.getOrientation() == Orientation.VERTICAL).findFirst()
                .ifPresent(pane -> pane.setDividerPositions(position)));
        WaitForAsyncUtils.waitForFxEvents();
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT0).release(KeyCode.DIGIT0, KeyCode.CONTROL);
    }

    private static ServiceState.Kind state(ProjectPanes panes, String service) {
        return panes.graph().node(service).map(GraphNodeModel::stateProperty).map(p -> p.get().kind()).orElse(ServiceState.Kind.NOT_CREATED);
    }

    private static String replicas(ProjectPanes panes, String service) {
        return panes.graph().node(service).map(n -> n.replicasProperty().get()).orElse("");
    }

    private void shoot(FxRobot robot, String name) throws Exception {
        save(robot, stage, name);
    }

    /** Waits for two quiet pulses, then writes the window's scene as a PNG. */
    private void save(FxRobot robot, Stage window, String name) throws Exception {
        Thread.sleep(1_500);
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> window.getScene().snapshot(null)).get(10, TimeUnit.SECONDS);
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        BufferedImage png = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                png.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        try {
            ImageIO.write(png, "png", out.resolve(name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("screenshot: " + out.resolve(name));
    }

    private static void waitFor(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get(5, TimeUnit.SECONDS));
    }
}
