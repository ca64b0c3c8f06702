package dev.berth.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The window as a user first sees it: titled "Berth", with the app icon. Runs headless on Monocle. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        new BerthApplication().start(stage);
    }

    @Test
    void opensAWindowTitledBerthWithTheAppIcon(FxRobot robot) {
        assertThat(stage.getTitle()).isEqualTo("Berth");
        assertThat(stage.getIcons()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(stage.getIcons()).allSatisfy(icon -> assertThat(icon.isError()).isFalse());
        assertThat(robot.lookup("Projects").tryQuery()).isPresent();
    }
}
