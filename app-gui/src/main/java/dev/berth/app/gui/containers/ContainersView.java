package dev.berth.app.gui.containers;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.berth.app.gui.controls.Icons;
import dev.berth.app.gui.format.Formats;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.feather.Feather;

/** The containers table: sortable columns, a filter field, and published ports as links to the browser. */
public final class ContainersView extends BorderPane {

    private final ContainersViewModel model;
    private final TableView<ContainerRow> table = new TableView<>();
    private final Label count = new Label();

    public ContainersView(ContainersViewModel model) {
        this.model = model;
        getStyleClass().add("containers-view");

        table.setId("containers-table");
        table.getStyleClass().addAll(Styles.STRIPED, Tweaks.EDGE_TO_EDGE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().setAll(List.of(
                text("Name", ContainerRow::name, 170),
                text("Service", ContainerRow::service, 110),
                stateColumn(),
                text("Image", ContainerRow::image, 170),
                portsColumn(),
                uptimeColumn(),
                number("CPU", ContainerRow::cpuPercent, Formats::percent, 80),
                number("Memory", row -> (double) row.memoryUsage(), value -> Formats.bytes(value.longValue()), 100)));
        table.setItems(model.rows());
        model.rows().comparatorProperty().bind(table.comparatorProperty());
        Label placeholder = new Label("No containers — they appear here once the project is up.");
        placeholder.getStyleClass().add("pane-placeholder");
        table.setPlaceholder(placeholder);

        CustomTextField filter = new CustomTextField();
        filter.setId("containers-filter");
        filter.setPromptText("Filter by name, service, image, state or port");
        filter.setLeft(Icons.icon(Feather.FILTER));
        filter.setPrefColumnCount(28);
        filter.textProperty().bindBidirectional(model.filterProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        count.getStyleClass().add(Styles.TEXT_MUTED);
        model.rows().addListener((ListChangeListener<ContainerRow>) c -> updateCount());
        updateCount();

        setTop(new ToolBar(filter, spacer, count));
        setCenter(table);
    }

    public TableView<ContainerRow> table() {
        return table;
    }

    private void updateCount() {
        int shown = model.rows().size();
        int total = model.totalRows();
        count.setText(shown == total ? total + " containers" : shown + " of " + total + " containers");
    }

    private static TableColumn<ContainerRow, String> text(String title, Function<ContainerRow, String> value, double width) {
        TableColumn<ContainerRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    private static TableColumn<ContainerRow, Double> number(String title, Function<ContainerRow, Double> value,
                                                            Function<Double, String> format, double width) {
        TableColumn<ContainerRow, Double> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setComparator(Comparator.naturalOrder());
        column.setPrefWidth(width);
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Double item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : format.apply(item));
            }
        });
        column.getStyleClass().add("numeric-column");
        return column;
    }

    private static TableColumn<ContainerRow, ContainerRow> stateColumn() {
        TableColumn<ContainerRow, ContainerRow> column = new TableColumn<>("State");
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        column.setComparator(Comparator.comparing(ContainerRow::stateAndHealth));
        column.setPrefWidth(140);
        column.setCellFactory(c -> new TableCell<>() {
            private final Label badge = new Label();

            @Override
            protected void updateItem(ContainerRow row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null) {
                    setGraphic(null);
                    return;
                }
                badge.setText(row.stateAndHealth());
                badge.getStyleClass().setAll("label", "container-state", "container-state-" + row.tone());
                setGraphic(badge);
            }
        });
        return column;
    }

    private TableColumn<ContainerRow, ContainerRow> portsColumn() {
        TableColumn<ContainerRow, ContainerRow> column = new TableColumn<>("Ports");
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        column.setComparator(Comparator.comparingInt(row -> row.ports().isEmpty() ? Integer.MAX_VALUE : row.ports().getFirst().hostPort()));
        column.setPrefWidth(150);
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(ContainerRow row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null || row.ports().isEmpty()) {
                    setGraphic(null);
                    return;
                }
                HBox links = new HBox(6);
                links.setAlignment(Pos.CENTER_LEFT);
                for (PortBinding port : row.ports()) {
                    if (port.isWebLink()) {
                        Hyperlink link = new Hyperlink(port.label());
                        link.setOnAction(event -> model.open(port));
                        link.setTooltip(new Tooltip("Open " + port.url()));
                        links.getChildren().add(link);
                    } else {
                        links.getChildren().add(new Label(port.label()));
                    }
                }
                setGraphic(links);
            }
        });
        return column;
    }

    private TableColumn<ContainerRow, ContainerRow> uptimeColumn() {
        TableColumn<ContainerRow, ContainerRow> column = new TableColumn<>("Uptime");
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        column.setComparator(Comparator.comparing(ContainerRow::startedAt, Comparator.nullsLast(Comparator.reverseOrder())));
        column.setPrefWidth(90);
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(ContainerRow row, boolean empty) {
                super.updateItem(row, empty);
                setText(empty || row == null ? null : model.uptime(row));
            }
        });
        return column;
    }
}
