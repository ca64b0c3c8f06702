package dev.berth.app.gui.resources;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.berth.app.gui.controls.Icons;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.feather.Feather;

/** The pieces the three resource lists share: table wiring, toolbar, notice line, columns. */
final class ResourceViews {

    private ResourceViews() {}

    /** A striped, sortable table over the view-model's rows, its selection kept in step with the view-model's. */
    static <R> TableView<R> table(ResourceListViewModel<R> model, String id, String placeholder, Runnable onDelete) {
        TableView<R> table = new TableView<>();
        table.setId(id);
        table.getStyleClass().addAll(Styles.STRIPED, Tweaks.EDGE_TO_EDGE, Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setItems(model.rows());
        model.rows().comparatorProperty().bind(table.comparatorProperty());
        Label empty = new Label(placeholder);
        empty.getStyleClass().add("pane-placeholder");
        empty.setWrapText(true);
        table.setPlaceholder(empty);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (!Objects.equals(model.selectedProperty().get(), row)) {
                model.selectedProperty().set(row);
            }
        });
        model.selectedProperty().addListener((obs, old, row) -> {
            if (!Objects.equals(table.getSelectionModel().getSelectedItem(), row)) {
                if (row == null) {
                    table.getSelectionModel().clearSelection();
                } else {
                    table.getSelectionModel().select(row);
                }
            }
        });
        table.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.DELETE && table.getSelectionModel().getSelectedItem() != null) {
                onDelete.run();
            }
        });
        return table;
    }

    /** A text column; a cut-off value shows in full in the cell's tooltip; null reads as a dash. */
    static <R> TableColumn<R, String> text(String title, Function<R, String> value, double width) {
        TableColumn<R, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> {
            String text = value.apply(cell.getValue());
            return new ReadOnlyObjectWrapper<>(text == null || text.isEmpty() || text.equals("null") ? "—" : text);
        });
        column.setPrefWidth(width);
        column.setCellFactory(c -> new TableCell<>() {
            private final Tooltip tooltip = new Tooltip();

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                tooltip.setText(item);
                setTooltip(empty || item == null || item.equals("—") ? null : tooltip);
            }
        });
        return column;
    }

    /** A column that sorts by a number but shows it formatted (sizes, dates). */
    static <R> TableColumn<R, Long> number(String title, Function<R, Long> value, Function<Long, String> format, double width) {
        TableColumn<R, Long> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setComparator(Comparator.nullsFirst(Comparator.naturalOrder()));
        column.setPrefWidth(width);
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Long item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : format.apply(item));
            }
        });
        column.getStyleClass().add("numeric-column");
        return column;
    }

    /** "a, b" or a muted dash for nobody. */
    static String list(List<String> names) {
        return names.isEmpty() ? "—" : String.join(", ", names);
    }

    /** "1 volume", "3 volumes", "1 of 3 volumes": {@code noun} is the plural; one alone drops its "s". */
    static String countText(int shown, int total, String noun) {
        String singular = noun.endsWith("s") ? noun.substring(0, noun.length() - 1) : noun;
        return shown == total ? total + " " + (total == 1 ? singular : noun) : shown + " of " + total + " " + noun;
    }

    /** Filter field, a count, then the given buttons, and a spinner while the list is busy. */
    static ToolBar toolBar(ResourceListViewModel<?> model, String filterId, String prompt, String noun, List<Node> leading,
                           List<Node> actions) {
        CustomTextField filter = new CustomTextField();
        filter.setId(filterId);
        filter.setPromptText(prompt);
        filter.setLeft(Icons.icon(Feather.FILTER));
        filter.setPrefColumnCount(22);
        filter.textProperty().bindBidirectional(model.filterProperty());
        Label count = new Label();
        count.getStyleClass().add(Styles.TEXT_MUTED);
        Runnable updateCount = () -> {
            int shown = model.rows().size();
            int total = model.allRows().size();
            count.setText(countText(shown, total, noun));
        };
        model.rows().addListener((ListChangeListener<Object>) c -> updateCount.run());
        model.allRows().addListener((ListChangeListener<Object>) c -> updateCount.run());
        updateCount.run();
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(16, 16);
        spinner.visibleProperty().bind(model.busyProperty());
        spinner.managedProperty().bind(model.busyProperty());
        Button refresh = Icons.button(Feather.REFRESH_CW, "Refresh");
        refresh.setOnAction(event -> model.refresh());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        ToolBar bar = new ToolBar();
        bar.getItems().addAll(leading);
        bar.getItems().addAll(filter, count, spacer, spinner, refresh);
        bar.getItems().addAll(actions);
        return bar;
    }

    /** A toolbar button with an icon and text; disabled while nothing is selected when {@code needsSelection}. */
    static Button action(String text, Feather icon, String id, ResourceListViewModel<?> model, boolean needsSelection, Runnable run) {
        Button button = new Button(text, Icons.icon(icon));
        button.setId(id);
        button.setOnAction(event -> run.run());
        if (needsSelection) {
            button.disableProperty().bind(model.selectedProperty().isNull());
        }
        return button;
    }

    /** The notice line: what the last action did, green for done, red for refused or failed. */
    static Label notice(ResourceListViewModel<?> model, String id) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        label.getStyleClass().add("resource-notice");
        label.setMaxWidth(Double.MAX_VALUE);
        model.noticeProperty().addListener((obs, old, notice) -> show(label, notice));
        show(label, model.noticeProperty().get());
        return label;
    }

    private static void show(Label label, Notice notice) {
        label.setText(notice.text());
        label.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER, Styles.TEXT_MUTED);
        label.getStyleClass().add(switch (notice.tone()) {
            case SUCCESS -> Styles.SUCCESS;
            case ERROR -> Styles.DANGER;
            case INFO -> Styles.TEXT_MUTED;
        });
        label.setVisible(!notice.text().isEmpty());
        label.setManaged(!notice.text().isEmpty());
    }
}
