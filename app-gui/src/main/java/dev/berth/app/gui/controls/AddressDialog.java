package dev.berth.app.gui.controls;

import dev.berth.app.gui.look.Theme;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;

/** An address Berth could not open in a browser: why, and the address to copy (selectable, with a Copy button). */
public final class AddressDialog {

    private AddressDialog() {}

    /** Shows the dialog without waiting (called from a background result). */
    public static Alert show(Window owner, String url, String why) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        if (owner != null) {
            alert.initOwner(owner);
        }
        Theme.attach(alert.getDialogPane());
        alert.setTitle("Berth");
        alert.setHeaderText("Cannot open " + url + " in a browser");
        Label reason = new Label(why + "\nOpen this address in your browser yourself:");
        reason.setWrapText(true);
        reason.setMaxWidth(480);
        TextField address = new TextField(url);
        address.setId("address-to-copy");
        address.setEditable(false);
        HBox.setHgrow(address, Priority.ALWAYS);
        Button copy = new Button("Copy address", Icons.icon(Feather.COPY));
        copy.setId("copy-address");
        copy.setOnAction(event -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(url);
            Clipboard.getSystemClipboard().setContent(content);
            copy.setText("Copied");
        });
        alert.getDialogPane().setContent(new VBox(10, reason, new HBox(8, address, copy)));
        alert.show();
        address.selectAll();
        return alert;
    }
}
