package dev.berth.app.gui.containers;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.berth.app.gui.controls.Icons;
import dev.berth.app.gui.format.Formats;
import dev.berth.app.gui.look.PseudoStates;
import dev.berth.engine.compose.ContainerState;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleLongProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;

/** The containers table: sortable columns, a filter field, and published ports as links to the browser. */
public final class ContainersView extends BorderPane {

    private final ContainersViewModel model;
    private final TableView<ContainerRow> table = new TableView<>();
    private final Label count = new Label();

    /** Seconds ticked while the table is on screen: the uptime cells rewrite their text on each. */
    private final LongProperty ticks = new SimpleLongProperty(this, "ticks");

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
                text("Restarts", ContainerRow::restartsText, 150),
                text("Image", ContainerRow::image, 170),
                portsColumn(),
                uptimeColumn(),
                number("CPU", ContainerRow::cpuPercent, Formats::percent, 80),
                number("Memory", row -> (double) row.memoryUsage(), value -> Formats.bytes(value.longValue()), 100)));
        table.setItems(model.rows());
        // One menu per row cell, built once; its items act on the row's item when chosen (a menu per item
        // update — stats replace rows every second — allocated menus and icons at a few MB a minute).
        table.setRowFactory(view -> {
            TableRow<ContainerRow> row = new TableRow<>();
            ContextMenu menu = rowMenu(row);
            row.contextMenuProperty().bind(Bindings.when(row.itemProperty().isNull())
                    .then((ContextMenu) null).otherwise(menu));
            return row;
        });
        // Uptime ticks: the uptime cells (only they) rewrite their text every second while the table is on screen.
        Timeline tick = new Timeline(new KeyFrame(Duration.seconds(1),
                event -> {
                    if (table.getScene() != null && isVisible()) {
                        ticks.set(ticks.get() + 1);
                    }
                }));
        tick.setCycleCount(Animation.INDEFINITE);
        sceneProperty().addListener((obs, old, scene) -> {
            if (scene == null) {
                tick.stop();
            } else {
                tick.play();
            }
        });
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

    /**
     * A row's menu: its logs and inspect document, restart, stop, remove (asked first) and its web port.
     * The actions act on the container the menu was opened for: the table refreshes while the menu is
     * open and may give the row another container, so reading the row at click time could stop, remove
     * or open the wrong one.
     */
    private ContextMenu rowMenu(TableRow<ContainerRow> row) {
        AtomicReference<ContainerRow> target = new AtomicReference<>();
        MenuItem logs = item("Logs", Feather.FILE_TEXT, "container-logs", () -> model.showLogs(target.get()));
        MenuItem inspect = item("Inspect", Feather.SEARCH, "container-inspect", () -> model.inspect(target.get()));
        MenuItem shell = item("Open shell", Feather.TERMINAL, "container-open-shell", () -> model.openShell(target.get()));
        MenuItem shellWith = item("Open shell with…", Feather.CHEVRONS_RIGHT, "container-open-shell-with", () -> model.openShellWith(target.get()));
        MenuItem attach = item("Attach", Feather.LINK, "container-attach", () -> model.attach(target.get()));
        MenuItem files = item("Browse files", Feather.FOLDER, "container-browse-files", () -> model.browseFiles(target.get()));
        MenuItem restart = item("Restart", Feather.ROTATE_CW, "container-restart", () -> model.restart(target.get()));
        MenuItem stop = item("Stop", Feather.STOP_CIRCLE, "container-stop", () -> model.stop(target.get()));
        MenuItem remove = item("Remove…", Feather.TRASH_2, "container-remove", () -> model.remove(target.get()));
        MenuItem open = item("Open port", Feather.EXTERNAL_LINK, "container-open-port",
                () -> model.webPort(target.get()).ifPresent(model::open));
        ContextMenu menu = new ContextMenu(logs, inspect, shell, shellWith, attach, files, new SeparatorMenuItem(),
                restart, stop, remove, new SeparatorMenuItem(), open);
        menu.setOnShowing(event -> {
            ContainerRow item = row.getItem();
            target.set(item);
            if (item == null) {
                return;
            }
            boolean notRunning = item.state() != ContainerState.RUNNING;
            shell.setDisable(notRunning);
            shellWith.setDisable(notRunning);
            attach.setDisable(notRunning);
            stop.setDisable(!item.state().isStoppable());
            var port = model.webPort(item);
            open.setText(port.map(p -> "Open " + p.url()).orElse("Open port"));
            open.setDisable(port.isEmpty());
        });
        return menu;
    }

    private static MenuItem item(String text, Feather icon, String id, Runnable action) {
        MenuItem item = new MenuItem(text, Icons.icon(icon));
        item.setId(id);
        item.setOnAction(event -> action.run());
        return item;
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
        column.setPrefWidth(170); // "running (unhealthy)" in full
        column.setMinWidth(150); // the flexing resize policy squeezed it to "running (heal…" in a narrow window
        column.setCellFactory(c -> new TableCell<>() {
            private final Label badge = new Label();
            private final PseudoStates tone = new PseudoStates(badge);

            {
                badge.getStyleClass().add("container-state");
            }

            @Override
            protected void updateItem(ContainerRow row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null) {
                    setGraphic(null);
                    return;
                }
                badge.setText(row.stateAndHealth());
                tone.set(row.tone());
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
                for (PublishedPort port : row.ports()) {
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
        column.setCellFactory(c -> {
            TableCell<ContainerRow, ContainerRow> cell = new TableCell<>() {
                @Override
                protected void updateItem(ContainerRow row, boolean empty) {
                    super.updateItem(row, empty);
                    setText(empty || row == null ? null : model.uptime(row));
                }
            };
            ticks.addListener((obs, old, now) -> {
                ContainerRow row = cell.getItem();
                if (row != null && row.startedAt() != null) {
                    cell.setText(model.uptime(row));
                }
            });
            return cell;
        });
        return column;
    }
}
