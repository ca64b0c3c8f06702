package dev.berth.app.gui.resources;

import dev.berth.app.gui.inspect.InspectView;
import dev.berth.app.resources.NetworkInfo;
import java.util.List;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import org.kordamp.ikonli.feather.Feather;

/** The networks list beside the selected network's inspect tree. */
public final class NetworksView extends BorderPane {

    private final NetworksViewModel model;
    private final TableView<NetworkInfo> table;

    public NetworksView(NetworksViewModel model) {
        this.model = model;
        getStyleClass().add("resources-view");
        table = ResourceViews.table(model, "networks-table", "No networks.", this::removeSelected);
        table.getColumns().setAll(List.of(
                ResourceViews.text("Name", NetworkInfo::name, 170),
                ResourceViews.text("Driver", NetworkInfo::driver, 64),
                ResourceViews.text("Scope", NetworkInfo::scope, 60),
                ResourceViews.text("Subnet", row -> ResourceViews.list(row.subnets()), 124),
                ResourceViews.text("Project", row -> row.project() == null ? "—" : row.project(), 90),
                ResourceViews.text("Containers", row -> ResourceViews.list(row.containers()), 140)));
        table.setRowFactory(view -> {
            TableRow<NetworkInfo> row = new TableRow<>();
            MenuItem remove = new MenuItem("Remove network…");
            remove.setOnAction(event -> model.remove(row.getItem()));
            row.contextMenuProperty().bind(row.emptyProperty().map(empty -> empty ? null : new ContextMenu(remove)));
            return row;
        });
        InspectView inspect = new InspectView(model.inspect(), "Select a network to inspect it.");
        SplitPane split = new SplitPane(table, inspect);
        split.setDividerPositions(0.55);

        setTop(ResourceViews.toolBar(model, "networks-filter", "Filter by name, driver, subnet, project or container", "networks",
                List.of(),
                List.of(ResourceViews.action("Prune…", Feather.SCISSORS, "networks-prune", model, false, model::prune),
                        ResourceViews.action("Remove…", Feather.TRASH_2, "networks-remove", model, true, this::removeSelected))));
        setCenter(split);
        setBottom(ResourceViews.notice(model, "networks-notice"));
    }

    private void removeSelected() {
        model.remove(model.selectedProperty().get());
    }

    public TableView<NetworkInfo> table() {
        return table;
    }
}
