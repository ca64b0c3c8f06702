package dev.berth.app.gui.controls;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class AddressDialogTest {

    private Stage owner;

    @Start
    void start(Stage stage) {
        owner = stage;
        stage.setScene(new Scene(new StackPane(), 300, 200));
        stage.show();
    }

    @Test
    void showsWhyAndTheAddressWithACopyButton(FxRobot robot) {
        robot.interact(() -> AddressDialog.show(owner, "http://127.0.0.1:18080", "xdg-open is not installed."));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#address-to-copy").queryAs(TextField.class).getText()).isEqualTo("http://127.0.0.1:18080");
        robot.clickOn("#copy-address");
        assertThat(clipboard()).isEqualTo("http://127.0.0.1:18080");
        assertThat(robot.lookup("#copy-address").queryButton().getText()).isEqualTo("Copied");
    }

    private static String clipboard() {
        try {
            return WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
