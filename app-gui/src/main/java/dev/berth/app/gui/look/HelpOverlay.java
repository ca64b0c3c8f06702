package dev.berth.app.gui.look;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The F1 overlay: a card listing {@link Shortcuts#all()} over a dimmed window. Esc, F1 or a click closes it.
 */
public final class HelpOverlay extends StackPane {

    public HelpOverlay() {
        getStyleClass().add("help-overlay");
        setId("help-overlay");
        Label title = new Label("Keyboard shortcuts");
        title.getStyleClass().add("title-3");
        GridPane grid = new GridPane();
        grid.setHgap(24);
        grid.setVgap(8);
        int row = 0;
        for (Shortcuts.Shortcut shortcut : Shortcuts.all()) {
            Label keys = new Label(shortcut.keysText());
            keys.getStyleClass().add("help-keys");
            grid.addRow(row++, keys, new Label(shortcut.description()));
        }
        Label hint = new Label("Press Esc or F1 to close");
        hint.getStyleClass().add("help-hint");
        VBox card = new VBox(16, title, grid, hint);
        card.getStyleClass().add("help-card");
        card.setMaxSize(VBox.USE_PREF_SIZE, VBox.USE_PREF_SIZE);
        getChildren().add(card);
        setAlignment(Pos.CENTER);
        setVisible(false);
        setOnMouseClicked(event -> hide());
        addEventHandler(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.ESCAPE || event.getCode() == KeyCode.F1) {
                hide();
                event.consume();
            }
        });
    }

    public void toggle() {
        if (isVisible()) {
            hide();
        } else {
            setVisible(true);
            requestFocus();
        }
    }

    public void hide() {
        setVisible(false);
    }
}
