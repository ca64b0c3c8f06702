package dev.berth.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;

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
        WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                () -> robot.lookup("#engine-unavailable").query().isVisible());
        assertThat(robot.lookup("No container engine is reachable").tryQuery()).isPresent();
        assertThat(robot.lookup("#engine-tried").queryAs(javafx.scene.control.TextArea.class).getText()).contains("nowhere.sock");
        assertThat(robot.lookup("#engine-status").queryAs(javafx.scene.control.Label.class).getText()).contains("retrying in");
        assertThat(robot.lookup("#button-up").query().isDisabled()).isTrue();
    }

    @Test
    void losingTheEngineShowsABannerAndGreysTheLastStateInsteadOfClearingIt(FxRobot robot) throws Exception {
        BerthApplication app = application;
        robot.interact(app::stop); // no more real connection states: this one is put in place of a dying engine
        robot.interact(() -> app.panes().connection(new dev.berth.app.gui.feed.EngineConnection(
                dev.berth.app.gui.feed.EngineConnection.Kind.LOST, "Lost the engine — retrying in 2 s", "The engine stopped answering.")));
        WaitForAsyncUtils.waitFor(5, java.util.concurrent.TimeUnit.SECONDS, () -> robot.lookup("#engine-lost").query().isVisible());
        assertThat(robot.lookup("#engine-lost").queryAs(javafx.scene.control.Label.class).getText()).contains("last known state");
        assertThat(robot.lookup("#engine-unavailable").query().isVisible()).isFalse();
        assertThat(robot.lookup("#detail-tabs").query().getOpacity()).isLessThan(1);
    }

    @Test
    void f1OpensTheShortcutHelpAndEscapeClosesIt(FxRobot robot) {
        robot.press(javafx.scene.input.KeyCode.F1).release(javafx.scene.input.KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#help-overlay").query().isVisible()).isTrue();
        assertThat(robot.lookup("Up: create and start the project").tryQuery()).isPresent();

        robot.press(javafx.scene.input.KeyCode.ESCAPE).release(javafx.scene.input.KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#help-overlay").query().isVisible()).isFalse();
    }

    @Test
    void f1ListsEveryAcceleratorOfTheMenusAndTheEditorsKeys(FxRobot robot) {
        javafx.scene.control.MenuBar bar = robot.lookup(".menu-bar").queryAs(javafx.scene.control.MenuBar.class);
        java.util.List<String> accelerators = new java.util.ArrayList<>();
        java.util.function.Consumer<java.util.List<javafx.scene.control.MenuItem>>[] walk = new java.util.function.Consumer[1];
        walk[0] = items -> items.forEach(item -> {
            if (item instanceof javafx.scene.control.Menu menu) {
                walk[0].accept(menu.getItems());
            } else if (item.getAccelerator() != null) {
                accelerators.add(item.getAccelerator().getDisplayText());
            }
        });
        bar.getMenus().forEach(menu -> walk[0].accept(menu.getItems()));
        dev.berth.app.gui.look.HelpOverlay help = robot.lookup("#help-overlay").queryAs(dev.berth.app.gui.look.HelpOverlay.class);
        java.util.List<String> listed = help.rows().stream().map(dev.berth.app.gui.look.HelpOverlay.Row::keys).toList();

        assertThat(accelerators).hasSizeGreaterThan(10).contains("Ctrl+E", "F5", "Shift+F5");
        assertThat(listed).containsAll(accelerators).contains("Ctrl+Enter", "Ctrl+Space", "Ctrl+S", "Shift+F10 / Enter");
    }
}
