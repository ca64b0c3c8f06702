package dev.berth.app.gui.controls;

import atlantafx.base.theme.Styles;
import dev.berth.app.gui.look.Theme;
import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** {@link Confirmations} as a modal dialog over the main window; the confirm button is styled as dangerous. */
public final class DialogConfirmations implements Confirmations {

    private final Supplier<Window> owner;

    public DialogConfirmations(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public Answer ask(Request request) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION);
        alert.setTitle(request.title());
        alert.setHeaderText(request.title());
        Window window = owner.get();
        if (window != null) {
            alert.initOwner(window);
        }
        Label message = new Label(request.message());
        message.setWrapText(true);
        message.setMaxWidth(480);
        VBox content = new VBox(12, message);
        CheckBox option = null;
        if (request.option() != null) {
            option = new CheckBox(request.option());
            content.getChildren().add(option);
        }
        alert.getDialogPane().setContent(content);
        Theme.attach(alert.getDialogPane());
        ButtonType go = new ButtonType(request.action(), ButtonBar.ButtonData.OK_DONE);
        alert.getButtonTypes().setAll(ButtonType.CANCEL, go);
        Button goButton = (Button) alert.getDialogPane().lookupButton(go);
        goButton.getStyleClass().add(Styles.DANGER);
        // Cancel is the default: Enter on a destructive dialog should not destroy.
        goButton.setDefaultButton(false);
        ((Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        boolean confirmed = alert.showAndWait().filter(go::equals).isPresent();
        return new Answer(confirmed, confirmed && option != null && option.isSelected());
    }
}
