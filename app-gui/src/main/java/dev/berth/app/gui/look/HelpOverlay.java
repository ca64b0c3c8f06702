package dev.berth.app.gui.look;

import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The F1 overlay: a card listing the keyboard shortcuts over a dimmed window, in sections the window hands in
 * (built from the accelerators it actually installed). Esc, F1 or a click closes it.
 */
public final class HelpOverlay extends StackPane {

    /** One row: the keys as shown, and what they do. */
    public record Row(String keys, String description) {}

    /** A titled group of rows. */
    public record Section(String title, List<Row> rows) {}

    private final HBox columns = new HBox(36);

    public HelpOverlay() {
        getStyleClass().add("help-overlay");
        setId("help-overlay");
        Label title = new Label("Keyboard shortcuts");
        title.getStyleClass().add("title-3");
        Label hint = new Label("Press Esc or F1 to close");
        hint.getStyleClass().add("help-hint");
        ScrollPane scroll = new ScrollPane(columns);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("help-scroll");
        scroll.setFocusTraversable(false);
        VBox card = new VBox(16, title, scroll, hint);
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

    /** Shows {@code columnSections}: one list of sections per column, left to right. */
    public void setSections(List<List<Section>> columnSections) {
        columns.getChildren().clear();
        for (List<Section> column : columnSections) {
            GridPane grid = new GridPane();
            grid.setHgap(20);
            grid.setVgap(6);
            int row = 0;
            for (Section section : column) {
                Label heading = new Label(section.title());
                heading.getStyleClass().add("help-section");
                grid.add(heading, 0, row++, 2, 1);
                for (Row entry : section.rows()) {
                    Label keys = new Label(entry.keys());
                    keys.getStyleClass().add("help-keys");
                    grid.addRow(row++, keys, new Label(entry.description()));
                }
            }
            columns.getChildren().add(grid);
        }
    }

    /** Every row shown, for tests. */
    public List<Row> rows() {
        return columns.getChildren().stream().map(GridPane.class::cast).flatMap(grid -> grid.getChildren().stream())
                .filter(node -> node.getStyleClass().contains("help-keys")).map(Label.class::cast)
                .map(keys -> new Row(keys.getText(), ((Label) ((GridPane) keys.getParent()).getChildren()
                        .get(((GridPane) keys.getParent()).getChildren().indexOf(keys) + 1)).getText()))
                .toList();
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
