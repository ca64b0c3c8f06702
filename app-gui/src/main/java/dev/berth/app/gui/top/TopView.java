package dev.berth.app.gui.top;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;

/** The top pane: a container's processes in a table whose columns follow what the engine reports. */
public final class TopView extends BorderPane {

    private final TableView<List<String>> table = new TableView<>();

    public TopView(TopViewModel model) {
        getStyleClass().add("top-view");
        table.setId("top-table");
        table.getStyleClass().addAll(Styles.STRIPED, Tweaks.EDGE_TO_EDGE, Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setItems(model.processes());
        Label placeholder = new Label("Select a running container to see its processes.");
        placeholder.getStyleClass().add("pane-placeholder");
        table.setPlaceholder(placeholder);
        model.titlesProperty().addListener((obs, old, titles) -> columns(titles));
        columns(model.titlesProperty().get());

        Label title = new Label();
        title.getStyleClass().add("pane-title");
        title.textProperty().bind(model.containerProperty().map(name -> "Processes of " + name).orElse("Processes"));
        setTop(new ToolBar(title));
        setCenter(table);
    }

    private void columns(List<String> titles) {
        table.getColumns().clear();
        for (int i = 0; i < titles.size(); i++) {
            int index = i;
            TableColumn<List<String>, String> column = new TableColumn<>(titles.get(i));
            column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(index < cell.getValue().size() ? cell.getValue().get(index) : ""));
            column.setPrefWidth(titles.get(i).equalsIgnoreCase("CMD") || titles.get(i).equalsIgnoreCase("COMMAND") ? 400 : 80);
            table.getColumns().add(column);
        }
    }
}
