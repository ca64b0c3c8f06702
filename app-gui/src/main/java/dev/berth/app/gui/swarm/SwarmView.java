package dev.berth.app.gui.swarm;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.berth.app.gui.controls.Icons;
import dev.berth.app.gui.logs.LogsView;
import dev.berth.app.gui.swarm.SwarmSnapshot.NodeRow;
import dev.berth.app.gui.swarm.SwarmSnapshot.ServiceRow;
import dev.berth.app.gui.swarm.SwarmSnapshot.TaskRow;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.feather.Feather;

/**
 * The Swarm tab: the nodes on top; below, the stacks with their services (mode, running/desired, image,
 * ports, update state) beside the selected service's tasks (node, desired and current state, error) and its
 * followed task logs (the app's {@link LogsView}); a replicas spinner and Scale in the tool bar.
 */
public final class SwarmView extends BorderPane {

    private final SwarmViewModel model;
    private final TreeTableView<ServiceRow> services = new TreeTableView<>();
    private final Label status = new Label();
    private final Spinner<Integer> replicas = new Spinner<>(0, 1000, 1);
    private boolean rebuilding;

    public SwarmView(SwarmViewModel model) {
        this.model = model;
        getStyleClass().add("resources-view");
        setId("swarm-view");

        TableView<NodeRow> nodes = new TableView<>(model.nodes());
        nodes.setId("swarm-nodes");
        style(nodes);
        nodes.getColumns().setAll(List.of(
                column("Node", NodeRow::hostname, 150),
                column("Role", n -> n.role() + (n.leader() ? " (leader)" : ""), 120),
                column("Availability", NodeRow::availability, 100),
                column("Status", NodeRow::state, 80),
                column("Engine", NodeRow::engineVersion, 120),
                column("ID", NodeRow::id, 220)));

        services.setId("swarm-services");
        services.getStyleClass().addAll(Styles.STRIPED, Tweaks.EDGE_TO_EDGE, Styles.DENSE);
        services.setShowRoot(false);
        services.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        services.getColumns().setAll(List.of(
                treeColumn("Stack / service", SwarmView::shortName, 170),
                treeColumn("Mode", ServiceRow::mode, 90),
                treeColumn("Replicas", ServiceRow::replicasText, 70),
                treeColumn("Image", ServiceRow::image, 170),
                treeColumn("Ports", ServiceRow::ports, 110),
                treeColumn("Update", s -> s.updateState() == null ? "" : s.updateState(), 90)));
        services.setPlaceholder(placeholder("No services on this swarm. Deploy one: berth stack deploy -c compose.yaml NAME"));
        services.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> {
            if (!rebuilding) {
                ServiceRow row = item == null || item.getValue().id() == null ? null : item.getValue();
                model.selectedProperty().set(row);
                if (row != null && row.replicas() >= 0) {
                    replicas.getValueFactory().setValue((int) row.replicas());
                }
            }
        });

        TableView<TaskRow> tasks = new TableView<>(model.tasks());
        tasks.setId("swarm-tasks");
        style(tasks);
        tasks.setPlaceholder(placeholder("Select a service to see its tasks."));
        tasks.getColumns().setAll(List.of(
                column("Task", task -> shortTask(task.name()), 110),
                column("Node", TaskRow::node, 80),
                column("Desired", TaskRow::desiredState, 70),
                column("State", TaskRow::state, 80),
                column("Error", TaskRow::error, 200)));

        // The selected service's task logs under its tasks, in the app's log view (search, follow, copy).
        LogsView logs = new LogsView(model.logs());
        logs.setId("swarm-service-logs");
        SplitPane right = new SplitPane(tasks, logs);
        right.setOrientation(Orientation.VERTICAL);
        right.setDividerPositions(0.4);
        SplitPane lower = new SplitPane(services, right);
        lower.setDividerPositions(0.56);
        SplitPane split = new SplitPane(nodes, lower);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.17);

        status.setId("swarm-status");
        replicas.setId("swarm-scale-replicas");
        replicas.setEditable(true);
        replicas.setPrefWidth(90);
        Button scale = new Button("Scale", Icons.icon(Feather.SLIDERS));
        scale.setId("swarm-scale");
        scale.disableProperty().bind(model.selectedProperty().map(s -> s.replicas() < 0).orElse(true));
        scale.setOnAction(event -> model.scale(model.selectedProperty().get(), replicas.getValue()));
        Button reload = new Button(null, Icons.icon(Feather.REFRESH_CW));
        reload.setId("swarm-reload");
        reload.setOnAction(event -> model.refresh());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        setTop(new ToolBar(status, spacer, new Label("Replicas"), replicas, scale, reload));
        setCenter(split);
        Label notice = new Label();
        notice.setId("swarm-notice");
        notice.getStyleClass().add("resource-notice");
        notice.textProperty().bind(model.noticeProperty());
        setBottom(notice);

        model.snapshotProperty().addListener((obs, old, now) -> show(now));
        show(model.snapshotProperty().get());
    }

    private void show(SwarmSnapshot snapshot) {
        int services = snapshot.stacks().values().stream().mapToInt(List::size).sum();
        long stacks = snapshot.stacks().keySet().stream().filter(s -> !s.equals(EngineSwarmSource.NO_STACK)).count();
        status.setText(snapshot.manager() ? "Swarm manager · " + plural(snapshot.nodes().size(), "node") + " · " + plural(stacks, "stack")
                + " · " + plural(services, "service") : "Not a swarm manager (" + snapshot.state() + ")");
        rebuild(snapshot.stacks());
    }

    private void rebuild(Map<String, List<ServiceRow>> stacks) {
        ServiceRow selected = model.selectedProperty().get();
        TreeItem<ServiceRow> root = new TreeItem<>();
        TreeItem<ServiceRow> select = null;
        for (Map.Entry<String, List<ServiceRow>> stack : stacks.entrySet()) {
            List<ServiceRow> rows = stack.getValue();
            long running = rows.stream().mapToLong(ServiceRow::running).sum();
            long desired = rows.stream().mapToLong(ServiceRow::desired).sum();
            TreeItem<ServiceRow> header = new TreeItem<>(new ServiceRow(null, stack.getKey(), stack.getKey(),
                    plural(rows.size(), "service"), running, desired, -2, "", "", null));
            header.setExpanded(true);
            for (ServiceRow row : rows) {
                TreeItem<ServiceRow> item = new TreeItem<>(row);
                header.getChildren().add(item);
                if (selected != null && row.id().equals(selected.id())) {
                    select = item;
                }
            }
            root.getChildren().add(header);
        }
        rebuilding = true;
        try {
            services.setRoot(root);
            if (select != null) {
                services.getSelectionModel().select(select);
            }
        } finally {
            rebuilding = false;
        }
    }

    /** Under its stack a service reads {@code web}, not {@code demo_web}: the tree already says which stack. */
    static String shortName(ServiceRow row) {
        String prefix = row.stack() + "_";
        return row.id() != null && row.name().startsWith(prefix) ? row.name().substring(prefix.length()) : row.name();
    }

    /** {@code web.2} for {@code demo_web.2}, as the tree names the service. */
    private String shortTask(String name) {
        ServiceRow service = model.selectedProperty().get();
        if (service == null || !name.startsWith(service.name() + ".")) {
            return name;
        }
        return shortName(service) + name.substring(service.name().length());
    }

    private static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static Label placeholder(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("pane-placeholder");
        label.setWrapText(true);
        return label;
    }

    private static void style(TableView<?> table) {
        table.getStyleClass().addAll(Styles.STRIPED, Tweaks.EDGE_TO_EDGE, Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    }

    private static <R> TableColumn<R, String> column(String title, Function<R, String> value, double width) {
        TableColumn<R, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(text(value.apply(cell.getValue()))));
        column.setPrefWidth(width);
        return column;
    }

    private static <R> TreeTableColumn<R, String> treeColumn(String title, Function<R, String> value, double width) {
        TreeTableColumn<R, String> column = new TreeTableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().getValue() == null ? ""
                : text(value.apply(cell.getValue().getValue()))));
        column.setPrefWidth(width);
        return column;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    public TreeTableView<ServiceRow> services() {
        return services;
    }
}
