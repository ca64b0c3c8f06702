package dev.berth.app.gui.resources;

import dev.berth.app.gui.format.Formats;
import dev.berth.app.resources.ImageLayers;
import dev.berth.app.resources.ImageLayers.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;

/**
 * The selected image's build steps oldest first, as {@code docker history} lists them newest first: the
 * command, the bytes its layer adds ("empty" for a step that made none), when, and which other local
 * images hold the same layer. Above them the summary: layers, total and unique size, base image.
 */
final class ImageLayersView extends BorderPane {

    private static final PseudoClass EMPTY_STEP = PseudoClass.getPseudoClass("empty-step");
    private static final PseudoClass SHARED = PseudoClass.getPseudoClass("shared");

    private final TableView<Step> table = new TableView<>();
    private final Label summary = new Label();

    ImageLayersView(ReadOnlyObjectProperty<ImageLayers> layers) {
        getStyleClass().add("image-layers");
        table.setId("image-layers-table");
        summary.setId("image-layers-summary");
        summary.getStyleClass().add("image-layers-summary");
        summary.setWrapText(true);
        table.setPlaceholder(new Label("Select an image to see its layers."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().setAll(List.of(
                ResourceViews.text("Step", ImageLayersView::command, 260),
                ResourceViews.number("Size", s -> s.empty() ? -1L : s.size(), size -> size < 0 ? "empty" : Formats.bytes(size), 80),
                ResourceViews.number("Created", s -> s.created() == null ? null : s.created().getEpochSecond(),
                        seconds -> Formats.uptime(Duration.between(Instant.ofEpochSecond(seconds), Instant.now())) + " ago", 90),
                ResourceViews.text("Shared with", s -> s.empty() ? "" : ResourceViews.list(s.sharedWith()), 160)));
        table.setRowFactory(view -> new TableRow<>() {
            @Override
            protected void updateItem(Step step, boolean empty) {
                super.updateItem(step, empty);
                pseudoClassStateChanged(EMPTY_STEP, !empty && step != null && step.empty());
                pseudoClassStateChanged(SHARED, !empty && step != null && step.shared());
            }
        });
        layers.subscribe(found -> {
            table.getItems().setAll(found == null ? List.of() : found.steps());
            summary.setText(found == null ? "" : ImagesViewModel.summary(found));
        });
        setTop(summary);
        setCenter(table);
    }

    /** The classic builder's {@code /bin/sh -c #(nop) } prefix says nothing to a reader: drop it. */
    static String command(Step step) {
        String command = step.command();
        if (command.startsWith("/bin/sh -c #(nop) ")) {
            return command.substring("/bin/sh -c #(nop) ".length()).strip();
        }
        if (command.startsWith("/bin/sh -c ")) {
            return "RUN " + command.substring("/bin/sh -c ".length()).strip();
        }
        return command;
    }

    TableView<Step> table() {
        return table;
    }
}
