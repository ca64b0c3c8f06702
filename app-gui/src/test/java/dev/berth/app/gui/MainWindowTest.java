package dev.berth.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.gui.feed.EngineConnection;
import dev.berth.app.gui.look.HelpOverlay;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The window as a user first sees it: titled "Berth", with the app icon. Runs headless on Monocle. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    private Stage stage;
    private BerthApplication application;

    @TempDir
    static Path config;

    @Start
    void start(Stage stage) {
        System.setProperty("berth.config.dir", config.toString());
        // No engine answers there: the window must say so instead of showing empty panes.
        System.setProperty("berth.host", "unix://" + config.resolve("nowhere.sock"));
        this.stage = stage;
        application = new BerthApplication();
        application.start(stage);
    }

    @Test
    void opensAWindowTitledBerthWithTheAppIcon(FxRobot robot) {
        assertThat(stage.getTitle()).isEqualTo("Berth");
        assertThat(stage.getIcons()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(stage.getIcons()).allSatisfy(icon -> assertThat(icon.isError()).isFalse());
        assertThat(robot.lookup("PROJECTS").tryQuery()).isPresent();
    }

    @Test
    void withoutAnEngineSaysWhatWasTriedAndThatItRetriesInsteadOfShowingEmptyPanes(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> robot.lookup("#engine-unavailable").query().isVisible());
        assertThat(robot.lookup("No container engine is reachable").tryQuery()).isPresent();
        // the CLI's sentence, word for word (fault 3 of docs/RELIABILITY.md): what is wrong and the fix
        assertThat(robot.lookup("#engine-tried").queryAs(TextArea.class).getText()).contains("nowhere.sock")
                .startsWith("No container engine answered (-H/--host): No engine socket at").contains("start the engine")
                .contains("DOCKER_HOST or --context");
        snapshot(stage, Path.of("target/screenshots/engine-unavailable-socket.png"));
        assertThat(robot.lookup("#engine-status").queryAs(Label.class).getText()).contains("retrying in");
        assertThat(robot.lookup("#button-up").query().isDisabled()).isTrue();
    }

    @Test
    void losingTheEngineShowsABannerAndGreysTheLastStateInsteadOfClearingIt(FxRobot robot) throws Exception {
        BerthApplication app = application;
        robot.interact(app::stop); // no more real connection states: this one is put in place of a dying engine
        robot.interact(() -> app.panes().connection(new EngineConnection(
                EngineConnection.Kind.LOST, "Lost the engine — retrying in 2 s", "The engine stopped answering.")));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#engine-lost").query().isVisible());
        assertThat(robot.lookup("#engine-lost").queryAs(Label.class).getText()).contains("last known state");
        assertThat(robot.lookup("#engine-unavailable").query().isVisible()).isFalse();
        assertThat(robot.lookup("#detail-tabs").query().getOpacity()).isLessThan(1);
    }

    @Test
    void f1OpensTheShortcutHelpAndEscapeClosesIt(FxRobot robot) {
        robot.press(KeyCode.F1).release(KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#help-overlay").query().isVisible()).isTrue();
        assertThat(robot.lookup("Up: create and start the project").tryQuery()).isPresent();

        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#help-overlay").query().isVisible()).isFalse();
    }

    @Test
    void f1ListsEveryAcceleratorOfTheMenusAndTheEditorsKeys(FxRobot robot) {
        MenuBar bar = robot.lookup(".menu-bar").queryAs(MenuBar.class);
        List<String> accelerators = new ArrayList<>();
        Consumer<List<MenuItem>>[] walk = new Consumer[1];
        walk[0] = items -> items.forEach(item -> {
            if (item instanceof Menu menu) {
                walk[0].accept(menu.getItems());
            } else if (item.getAccelerator() != null) {
                accelerators.add(item.getAccelerator().getDisplayText());
            }
        });
        bar.getMenus().forEach(menu -> walk[0].accept(menu.getItems()));
        HelpOverlay help = robot.lookup("#help-overlay").queryAs(HelpOverlay.class);
        List<String> listed = help.rows().stream().map(HelpOverlay.Row::keys).toList();

        assertThat(accelerators).hasSizeGreaterThan(10).contains("Ctrl+E", "F5", "Shift+F5");
        assertThat(listed).containsAll(accelerators).contains("Ctrl+Enter", "Ctrl+Space", "Ctrl+S", "Shift+F10 / Enter");
    }

    @Test
    void helpAboutShowsTheRootPomVersionTheJavaRuntimeAndTheEngineState(FxRobot robot) throws Exception {
        robot.clickOn("Help").clickOn("About Berth");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#about-lines").tryQuery().isPresent());
        List<String> lines = robot.lookup("#about-lines").queryAs(VBox.class).getChildren().stream()
                .map(node -> ((Label) node).getText()).toList();
        // The version Maven filtered in from the root pom (what `berth version` prints too), not a fallback.
        assertThat(lines.getFirst()).matches("Berth \\d+\\.\\d+\\.\\d+.*").doesNotContain("unknown").doesNotContain("${");
        assertThat(lines.get(1)).startsWith("Java " + System.getProperty("java.runtime.version"));
        assertThat(lines.get(2)).startsWith("Engine: not connected");
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
    }

    /** The window as a PNG under target/ (looked at by hand; the chosen ones go to docs/screenshots). */
    private static void snapshot(Stage window, Path file) throws Exception {
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> window.getScene().snapshot(null)).get(10, TimeUnit.SECONDS);
        BufferedImage png = new BufferedImage((int) image.getWidth(), (int) image.getHeight(),
                BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < png.getHeight(); y++) {
            for (int x = 0; x < png.getWidth(); x++) {
                png.setRGB(x, y, image.getPixelReader().getArgb(x, y));
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(png, "png", file.toFile());
    }
}
