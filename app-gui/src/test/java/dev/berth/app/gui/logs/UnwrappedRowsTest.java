package dev.berth.app.gui.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.gui.fx.DirectUiScheduler;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import javafx.application.Application;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ScrollBar;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Unwrapped rows lay out only what the view can show (issue 17 fault 7: a flood of 1 MiB lines spent the FX
 * thread on text past the right edge), yet the horizontal scroll bar still reaches the end of the longest line,
 * and scrolling there shows it, up to the row's 2,048 characters and the "line truncated" marker.
 */
@ExtendWith(ApplicationExtension.class)
class UnwrappedRowsTest {

    private final LogsViewModel model = new LogsViewModel(new DirectUiScheduler(), Runnable::run, 100, ZoneOffset.UTC);

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        Scene scene = new Scene(new LogsView(model), 1000, 400);
        scene.getStylesheets().add(LogsView.class.getResource("/dev/berth/app/gui/berth.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void aLongLineIsLaidOutAsFarAsTheViewShowsAndScrollingRightShowsTheRest(FxRobot robot) {
        String flood = "\u001b[31mred\u001b[0m ".repeat(500); // 2,000 characters in 1,000 colour changes
        robot.interact(() -> {
            model.wrapProperty().set(false);
            model.append(new LogLine("web", Instant.EPOCH, LogLine.Stream.STDOUT, "L".repeat(1 << 20) + " end"));
            model.append(new LogLine("web", Instant.EPOCH, LogLine.Stream.STDOUT, flood));
            model.append(new LogLine("web", Instant.EPOCH, LogLine.Stream.STDOUT, "short"));
        });
        WaitForAsyncUtils.waitForFxEvents();

        List<String> rows = rowTexts(robot);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).as("the 1 MiB line: a view's width of it, then the marker (off screen)")
                .startsWith("web | LLLL").endsWith("… line truncated, 1,024 KB").hasSizeLessThan(400);
        assertThat(rows.get(1)).startsWith("web | red red").hasSizeLessThan(400);
        assertThat(rows.get(2)).isEqualTo("web | short");
        ScrollBar hbar = robot.lookup(".scroll-bar").queryAllAs(ScrollBar.class).stream()
                .filter(bar -> bar.getOrientation() == Orientation.HORIZONTAL).findFirst().orElseThrow();
        double columnWidth = new Text("0").getLayoutBounds().getWidth();
        assertThat(hbar.getMax()).as("the bar spans the longest line's 2,048 characters, not what is laid out")
                .isGreaterThan((LogRow.DISPLAY_CHARS - 200) * columnWidth * 0.8);

        robot.interact(() -> hbar.setValue(hbar.getMax()));
        WaitForAsyncUtils.waitForFxEvents();
        rows = rowTexts(robot);
        assertThat(rows.get(0)).as("scrolled to the end: all 2,048 characters and the marker")
                .hasSize("web | ".length() + LogRow.DISPLAY_CHARS + "  … line truncated, 1,024 KB".length());
        assertThat(rows.get(1)).isEqualTo("web | " + "red ".repeat(500));
        assertThat(robot.lookup(".log-line").queryAllAs(LogRow.class)).as("rows as wide as their text, not twice")
                .allMatch(row -> row.getWidth() < (LogRow.DISPLAY_CHARS + 100) * columnWidth * 1.1);

        robot.interact(() -> {
            hbar.setValue(0);
            model.wrapProperty().set(true);
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> model.wrapProperty().set(false)); // rows keep the 2,048 characters the wrapped view laid out
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".log-line").queryAllAs(LogRow.class)).as("after wrapping and back")
                .allMatch(row -> row.getWidth() < (LogRow.DISPLAY_CHARS + 100) * columnWidth * 1.1);
    }

    private static List<String> rowTexts(FxRobot robot) {
        return robot.lookup(".log-line").queryAllAs(LogRow.class).stream().filter(Node::isVisible)
                .sorted(Comparator.comparingDouble(Node::getLayoutY))
                .map(row -> row.getChildren().stream().map(n -> n instanceof Text t ? t.getText() : "").collect(Collectors.joining()))
                .toList();
    }
}
