package dev.berth.app.gui.controls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The shared confirmation dialog, driven by the keyboard: Enter and Escape keep the data, only the action button removes. */
@ExtendWith(ApplicationExtension.class)
class DialogConfirmationsTest {

    private Stage owner;

    @Start
    void start(Stage stage) {
        owner = stage;
        stage.setScene(new Scene(new StackPane(), 300, 200));
        stage.show();
    }

    private Future<Confirmations.Answer> ask() {
        DialogConfirmations confirmations = new DialogConfirmations(() -> owner);
        Future<Confirmations.Answer> answer = WaitForAsyncUtils.asyncFx(() -> confirmations.ask(Confirmations.Request.of(
                "Remove shop and its volumes?", "Deletes shop_db-data (12.0 MiB).", "Remove volumes")));
        try {
            // shown, not only built: a click needs the dialog's window on screen (slow on a loaded machine)
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> new FxRobot().lookup(".dialog-pane").tryQuery()
                    .map(pane -> pane.getScene() != null && pane.getScene().getWindow().isShowing() && pane.isVisible())
                    .orElse(false));
            WaitForAsyncUtils.waitForFxEvents();
        } catch (TimeoutException e) {
            throw new AssertionError("no dialog", e);
        }
        return answer;
    }

    @Test
    void enterCancelsBecauseCancelIsTheDefaultAndFocusedButton(FxRobot robot) throws Exception {
        Future<Confirmations.Answer> answer = ask();
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        Button cancel = robot.from(pane).lookup("Cancel").queryButton();
        assertThat(cancel.isDefaultButton()).isTrue();
        assertThat(robot.from(pane).lookup("Remove volumes").queryButton().isDefaultButton()).isFalse();
        // The dialog's window takes focus a pulse or two after it shows; under load that is not at once.
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, cancel::isFocused);

        robot.type(KeyCode.ENTER);

        assertThat(answer.get(5, TimeUnit.SECONDS).confirmed()).isFalse();
    }

    @Test
    void escapeCancels(FxRobot robot) throws Exception {
        Future<Confirmations.Answer> answer = ask();
        robot.type(KeyCode.ESCAPE);
        assertThat(answer.get(5, TimeUnit.SECONDS).confirmed()).isFalse();
    }

    @Test
    void onlyTheActionButtonConfirms(FxRobot robot) throws Exception {
        Future<Confirmations.Answer> answer = ask();
        robot.clickOn("Remove volumes");
        assertThat(answer.get(5, TimeUnit.SECONDS).confirmed()).isTrue();
    }
}
