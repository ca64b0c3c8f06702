package dev.berth.app.gui.resources;

import atlantafx.base.theme.Styles;
import dev.berth.app.gui.format.Formats;
import dev.berth.app.resources.VolumeInfo;
import java.util.List;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.feather.Feather;

/** The volumes list beside the selected volume's files; remove and prune in the toolbar and on each row. */
public final class VolumesView extends BorderPane {

    private final VolumesViewModel model;
    private final TableView<VolumeInfo> table;
    private final VolumeBrowserView browser;

    public VolumesView(VolumesViewModel model) {
        this.model = model;
        getStyleClass().add("resources-view");
        table = ResourceViews.table(model, "volumes-table",
                "No volumes. Volumes appear here when a project or container creates them.", this::removeSelected);
        table.getColumns().setAll(List.of(
                ResourceViews.text("Name", VolumeInfo::name, 230),
                ResourceViews.text("Driver", VolumeInfo::driver, 70),
                ResourceViews.number("Size", VolumeInfo::size, size -> size < 0 ? "…" : Formats.bytes(size), 80),
                ResourceViews.text("Used by", row -> ResourceViews.list(row.usedBy()), 150),
                ResourceViews.text("Project", row -> row.project() == null ? "—" : row.project(), 110)));
        table.setRowFactory(view -> {
            TableRow<VolumeInfo> row = new TableRow<>();
            MenuItem remove = new MenuItem("Remove volume…");
            remove.setOnAction(event -> model.remove(row.getItem()));
            row.contextMenuProperty().bind(row.emptyProperty().map(empty -> empty ? null : new ContextMenu(remove)));
            return row;
        });

        ToggleGroup scope = new ToggleGroup();
        ToggleButton project = new ToggleButton("This project");
        project.setId("volumes-scope-project");
        ToggleButton all = new ToggleButton("All volumes");
        all.setId("volumes-scope-all");
        project.setToggleGroup(scope);
        all.setToggleGroup(scope);
        project.getStyleClass().add(Styles.LEFT_PILL);
        all.getStyleClass().add(Styles.RIGHT_PILL);
        all.setSelected(model.showAllProperty().get());
        project.setSelected(!model.showAllProperty().get());
        project.disableProperty().bind(model.projectProperty().isNull());
        scope.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true); // one of the two is always chosen
            } else {
                model.showAllProperty().set(now == all);
            }
        });
        model.showAllProperty().addListener((obs, old, now) -> (now ? all : project).setSelected(true));
        HBox scopeBox = new HBox(project, all);

        browser = new VolumeBrowserView(model.browser());
        SplitPane split = new SplitPane(table, browser);
        split.setDividerPositions(0.5);

        setTop(ResourceViews.toolBar(model, "volumes-filter", "Filter by name, driver, project or container", "volumes",
                List.of(scopeBox),
                List.of(ResourceViews.action("Prune…", Feather.SCISSORS, "volumes-prune", model, false, model::prune),
                        ResourceViews.action("Remove…", Feather.TRASH_2, "volumes-remove", model, true, this::removeSelected))));
        setCenter(split);
        setBottom(ResourceViews.notice(model, "volumes-notice"));
    }

    private void removeSelected() {
        model.remove(model.selectedProperty().get());
    }

    public TableView<VolumeInfo> table() {
        return table;
    }

    VolumeBrowserView browser() {
        return browser;
    }
}
