package dev.berth.app.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.berth.app.gui.look.WindowStateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
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
 * The window at 800×600 and back: the graph and the logs keep their minimum room, and the divider the user
 * chose comes back when the window grows again and is what is remembered. Demo data (no engine needed).
 */
@ExtendWith(ApplicationExtension.class)
class WindowSizesTest {

    @TempDir
    static Path config;

    private BerthApplication app;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Files.deleteIfExists(config.resolve("window.properties")); // each test arranges the window from scratch
        System.setProperty("berth.config.dir", config.toString());
        System.setProperty("berth.demo", "true");
        try {
            app = new BerthApplication();
            app.start(stage);
        } finally {
            System.clearProperty("berth.demo");
        }
        stage.setWidth(1280);
        stage.setHeight(800);
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(app::stop).get();
    }

    private SplitPane center(FxRobot robot) {
        return robot.lookup(".split-pane").queryAllAs(SplitPane.class).stream()
                .filter(pane -> pane.getOrientation() == Orientation.VERTICAL && pane.getItems().size() == 2
                        && "detail-tabs".equals(pane.getItems().get(1).getId()))
                .findFirst().orElseThrow();
    }

    private void resize(FxRobot robot, double width, double height) {
        robot.interact(() -> {
            stage.setWidth(width);
            stage.setHeight(height);
        });
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.sleep(200, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void smallWindowsKeepRoomForGraphAndLogsAndTheChosenDividerComesBack(FxRobot robot) throws Exception {
        SplitPane split = center(robot);
        Node divider = robot.from(split).lookup(".split-pane-divider").query();
        robot.drag(divider).moveBy(0, 90).drop();
        WaitForAsyncUtils.waitForFxEvents();
        double chosen = split.getDividerPositions()[0];
        assertThat(chosen).isGreaterThan(0.55);

        resize(robot, 800, 600);
        Node graph = split.getItems().get(0);
        Node details = split.getItems().get(1);
        assertThat(graph.getLayoutBounds().getHeight()).isGreaterThanOrEqualTo(169);
        assertThat(details.getLayoutBounds().getHeight()).isGreaterThanOrEqualTo(219);

        resize(robot, 1280, 800);
        assertThat(split.getDividerPositions()[0]).isCloseTo(chosen, within(0.01));

        resize(robot, 800, 600);
        robot.interact(stage::close);
        double[] remembered = new WindowStateStore(config.resolve("window.properties")).load().dividers().get("center");
        assertThat(remembered[0]).isCloseTo(chosen, within(0.01));
    }

    @Test
    void eachWindowSizeGetsBackTheDividerChosenAtThatSize(FxRobot robot) throws Exception {
        SplitPane split = center(robot);
        Node divider = robot.from(split).lookup(".split-pane-divider").query();
        robot.drag(divider).moveBy(0, 90).drop();
        WaitForAsyncUtils.waitForFxEvents();
        double atMedium = split.getDividerPositions()[0];

        resize(robot, 800, 600);
        robot.drag(divider).moveBy(0, -60).drop();
        WaitForAsyncUtils.waitForFxEvents();
        double atSmall = split.getDividerPositions()[0];
        assertThat(atSmall).isLessThan(atMedium - 0.05);

        resize(robot, 1280, 800);
        assertThat(split.getDividerPositions()[0]).as("back to the 1280×800 choice").isCloseTo(atMedium, within(0.01));
        resize(robot, 800, 600);
        assertThat(split.getDividerPositions()[0]).as("back to the 800×600 choice").isCloseTo(atSmall, within(0.01));

        robot.interact(stage::close);
        var dividers = new WindowStateStore(config.resolve("window.properties")).load().dividers();
        assertThat(dividers.get("center.small")[0]).isCloseTo(atSmall, within(0.01));
        assertThat(dividers.get("center.medium")[0]).isCloseTo(atMedium, within(0.01));
        assertThat(dividers).doesNotContainKey("center.large");
    }
}
