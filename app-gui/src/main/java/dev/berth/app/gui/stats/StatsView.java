package dev.berth.app.gui.stats;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.berth.app.gui.format.Formats;
import java.util.List;
import java.util.function.DoubleFunction;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The stats pane: the project's total CPU and memory over the last five minutes on top, then a table of
 * containers with current values and a sparkline each for CPU and memory.
 */
public final class StatsView extends BorderPane {

    private final StatsViewModel model;
    private final TableView<ContainerStatsRow> table = new TableView<>();

    public StatsView(StatsViewModel model) {
        this.model = model;
        getStyleClass().add("stats-view");

        HBox totals = new HBox(12, totalCard("Project CPU", model.projectCpuProperty(), Formats::percent),
                totalCard("Project memory", model.projectMemoryProperty(), value -> Formats.bytes((long) value)));
        totals.setPadding(new Insets(10));
        totals.getChildren().forEach(card -> HBox.setHgrow(card, Priority.ALWAYS));

        table.setId("stats-table");
        table.getStyleClass().addAll(Styles.STRIPED, Tweaks.EDGE_TO_EDGE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setItems(model.rows());
        table.setFixedCellSize(34);
        Label placeholder = new Label("No stats yet — running containers report here once a second.");
        placeholder.getStyleClass().add("pane-placeholder");
        table.setPlaceholder(placeholder);
        TableColumn<ContainerStatsRow, String> name = new TableColumn<>("Container");
        name.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().name()));
        name.setPrefWidth(180);
        table.getColumns().setAll(List.of(name,
                value("CPU", s -> Formats.percent(s.cpuPercent()), 80),
                chart("CPU, 5 min", ContainerStatsRow::cpuProperty, 100),
                value("Memory", s -> Formats.bytes(s.memUsage()) + (s.memLimit() > 0 ? " / " + Formats.bytes(s.memLimit()) : ""), 150),
                chart("Memory, 5 min", ContainerStatsRow::memoryProperty, 0),
                value("Net rx / tx", s -> Formats.bytes(s.netRx()) + " / " + Formats.bytes(s.netTx()), 140),
                value("Block r / w", s -> Formats.bytes(s.blockRead()) + " / " + Formats.bytes(s.blockWrite()), 140)));
        model.selectedContainerProperty().addListener((obs, old, selected) -> {
            model.rows().stream().filter(row -> row.name().equals(selected)).findFirst().ifPresent(row -> {
                table.getSelectionModel().select(row);
                table.scrollTo(row);
            });
        });

        setTop(totals);
        setCenter(table);
    }

    public TableView<ContainerStatsRow> table() {
        return table;
    }

    private VBox totalCard(String title, ObservableValue<TimeSeries> series, DoubleFunction<String> format) {
        Label heading = new Label(title);
        heading.getStyleClass().add("stats-total-title");
        Label current = new Label("–");
        current.getStyleClass().add("stats-total-value");
        Sparkline chart = new Sparkline(300, 70);
        chart.getStyleClass().add("stats-total-chart");
        series.addListener((obs, old, now) -> {
            current.setText(now.size() == 0 ? "–" : format.apply(now.last()));
            chart.show(now, model.nowMillis(), 0);
        });
        HBox header = new HBox(8, heading, current);
        header.setAlignment(Pos.BASELINE_LEFT);
        VBox card = new VBox(6, header, chart);
        card.getStyleClass().add("stats-total");
        VBox.setVgrow(chart, Priority.ALWAYS);
        return card;
    }

    private static TableColumn<ContainerStatsRow, StatsSample> value(String title, Function<StatsSample, String> format, double width) {
        TableColumn<ContainerStatsRow, StatsSample> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> cell.getValue().latestProperty());
        column.setPrefWidth(width);
        column.setSortable(false);
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(StatsSample sample, boolean empty) {
                super.updateItem(sample, empty);
                setText(empty || sample == null ? null : format.apply(sample));
            }
        });
        return column;
    }

    /** A sparkline column; {@code ceiling} 0 scales to the series, e.g. 100 pins CPU to one core. */
    private TableColumn<ContainerStatsRow, TimeSeries> chart(String title,
                                                             Function<ContainerStatsRow, ObservableValue<TimeSeries>> series, double ceiling) {
        TableColumn<ContainerStatsRow, TimeSeries> column = new TableColumn<>(title);
        // The cell observes the row's series property itself: a new snapshot redraws just this cell.
        column.setCellValueFactory(cell -> series.apply(cell.getValue()));
        column.setPrefWidth(160);
        column.setSortable(false);
        column.setCellFactory(c -> new TableCell<>() {
            private final Sparkline sparkline = new Sparkline(140, 24);

            @Override
            protected void updateItem(TimeSeries item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setGraphic(null);
                    return;
                }
                sparkline.show(item, model.nowMillis(), ceiling > 0 ? Math.max(ceiling, item.max()) : 0);
                setGraphic(sparkline);
            }
        });
        return column;
    }
}
