package dev.berth.app.gui.resources;

import dev.berth.app.gui.format.Formats;
import dev.berth.app.gui.inspect.InspectView;
import dev.berth.app.resources.ImageInfo;
import dev.berth.app.resources.ImageLayers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import org.kordamp.ikonli.feather.Feather;

/** The images list beside the selected image's layers and inspect tree (tabs). */
public final class ImagesView extends BorderPane {

    private final ImagesViewModel model;
    private final TableView<ImageInfo> table;
    private final ImageLayersView layersView;

    public ImagesView(ImagesViewModel model) {
        this.model = model;
        getStyleClass().add("resources-view");
        table = ResourceViews.table(model, "images-table", "No images.", this::removeSelected);
        table.getColumns().setAll(List.of(
                ResourceViews.text("Repository:tag", ImageInfo::displayName, 220),
                ResourceViews.text("Id", ImageInfo::shortId, 118),
                ResourceViews.number("Size", ImageInfo::size, size -> size < 0 ? "?" : Formats.bytes(size), 80),
                ResourceViews.number("Created", row -> row.created() == null ? null : row.created().getEpochSecond(),
                        seconds -> Formats.uptime(Duration.between(Instant.ofEpochSecond(seconds), Instant.now())) + " ago", 90),
                ResourceViews.text("Used by", row -> ResourceViews.list(row.usedBy()), 150)));
        table.setRowFactory(view -> {
            TableRow<ImageInfo> row = new TableRow<>();
            MenuItem remove = new MenuItem("Remove image…");
            remove.setOnAction(event -> model.remove(row.getItem()));
            row.contextMenuProperty().bind(row.emptyProperty().map(empty -> empty ? null : new ContextMenu(remove)));
            return row;
        });
        InspectView inspect = new InspectView(model.inspect(), "Select an image to inspect it.");
        layersView = new ImageLayersView(model.layersProperty());
        Tab layersTab = new Tab("Layers", layersView);
        layersTab.setId("image-layers-tab");
        Tab inspectTab = new Tab("Inspect", inspect);
        inspectTab.setId("image-inspect-tab");
        TabPane details = new TabPane(layersTab, inspectTab);
        details.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        SplitPane split = new SplitPane(table, details);
        split.setDividerPositions(0.45); // the layers' commands want the room

        setTop(ResourceViews.toolBar(model, "images-filter", "Filter by tag, id or container", "images", List.of(),
                List.of(ResourceViews.action("Prune dangling…", Feather.SCISSORS, "images-prune", model, false, model::prune),
                        ResourceViews.action("Remove…", Feather.TRASH_2, "images-remove", model, true, this::removeSelected))));
        setCenter(split);
        setBottom(ResourceViews.notice(model, "images-notice"));
    }

    private void removeSelected() {
        model.remove(model.selectedProperty().get());
    }

    TableView<ImageLayers.Step> layersTable() {
        return layersView.table();
    }

    public TableView<ImageInfo> table() {
        return table;
    }
}
