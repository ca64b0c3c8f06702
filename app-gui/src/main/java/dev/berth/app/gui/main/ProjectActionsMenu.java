package dev.berth.app.gui.main;

import dev.berth.app.gui.containers.ContainerRow;
import dev.berth.app.gui.containers.PublishedPort;
import dev.berth.app.gui.controls.Icons;
import dev.berth.app.gui.feed.EngineConnection;
import dev.berth.app.gui.feed.ProjectAction;
import dev.berth.app.gui.feed.ProjectFeed;
import dev.berth.app.gui.feed.ProjectSummary;
import dev.berth.app.gui.graph.GraphNode;
import dev.berth.app.gui.graph.GraphNodeModel;
import dev.berth.app.gui.graph.ServiceGraphView;
import dev.berth.app.gui.look.Shortcuts;
import dev.berth.engine.compose.ContainerState;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.SetChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * The project verbs in the toolbar, the Project menu (with F5 / Shift+F5) and the graph's context menu
 * (there they act on the clicked service). They run on the selected project through the feed, which reuses
 * the project's remembered invocation; "Down and remove volumes" asks first,
 * naming the volumes it deletes.
 */
final class ProjectActionsMenu {

    private final ProjectPanes panes;
    private final Optional<ProjectFeed> feed;
    private final BiConsumer<String, Runnable> confirmDownWithVolumes;
    private final BooleanBinding unavailable;
    /** No service of the shown project has a {@code build:} section: Build has nothing to do. Set as a menu opens. */
    private final BooleanProperty nothingToBuild = new SimpleBooleanProperty(false);
    private Consumer<ContainerRow> browseFiles = row -> { };
    private Consumer<ContainerRow> openShell = row -> { };
    private Consumer<ContainerRow> openShellWith = row -> { };
    private Consumer<ContainerRow> attach = row -> { };
    private ContextMenu serviceMenu;

    ProjectActionsMenu(ProjectPanes panes, Optional<ProjectFeed> feed, BiConsumer<String, Runnable> confirmDownWithVolumes) {
        this.panes = panes;
        this.feed = feed;
        this.confirmDownWithVolumes = confirmDownWithVolumes;
        this.unavailable = Bindings.createBooleanBinding(
                () -> feed.isEmpty() || panes.projects().selectedProperty().get() == null
                        || panes.connectionProperty().get().kind() != EngineConnection.Kind.CONNECTED,
                panes.projects().selectedProperty(), panes.connectionProperty());
    }

    Menu projectMenu() {
        Menu menu = new Menu("Project");
        menu.setId("menu-project");
        menu.getItems().addAll(
                item(ProjectAction.UP, Feather.PLAY, Shortcuts.UP),
                item(ProjectAction.DOWN, Feather.SQUARE, Shortcuts.DOWN),
                item(ProjectAction.DOWN_WITH_VOLUMES, Feather.TRASH_2, null),
                new SeparatorMenuItem(),
                item(ProjectAction.RESTART, Feather.ROTATE_CW, null),
                item(ProjectAction.STOP, Feather.STOP_CIRCLE, null),
                item(ProjectAction.START, Feather.PLAY_CIRCLE, null),
                new SeparatorMenuItem(),
                item(ProjectAction.PULL, Feather.DOWNLOAD, null),
                item(ProjectAction.BUILD, Feather.TOOL, null),
                item(ProjectAction.RECREATE, Feather.REFRESH_CW, null));
        menu.setOnShowing(event -> refreshNothingToBuild());
        return menu;
    }

    HBox toolbarButtons() {
        Button up = button(ProjectAction.UP, Feather.PLAY, "Create and start the project (F5)");
        Button down = button(ProjectAction.DOWN, Feather.SQUARE, "Stop and remove the project's containers and networks (Shift+F5)");
        Button restart = button(ProjectAction.RESTART, Feather.ROTATE_CW, "Restart the project's containers");
        MenuButton more = new MenuButton(null, Icons.icon(Feather.MORE_HORIZONTAL));
        more.setTooltip(new Tooltip("More project actions"));
        more.getItems().addAll(item(ProjectAction.STOP, Feather.STOP_CIRCLE, null), item(ProjectAction.START, Feather.PLAY_CIRCLE, null),
                item(ProjectAction.PULL, Feather.DOWNLOAD, null), item(ProjectAction.BUILD, Feather.TOOL, null),
                item(ProjectAction.RECREATE, Feather.REFRESH_CW, null), new SeparatorMenuItem(),
                item(ProjectAction.DOWN_WITH_VOLUMES, Feather.TRASH_2, null));
        more.disableProperty().bind(unavailable);
        more.setOnShowing(event -> refreshNothingToBuild());
        return new HBox(4, up, down, restart, more, watchToggle());
    }

    /**
     * Watch: follows the selected project's develop.watch paths (sync, rebuild, restart) until switched off;
     * what it does shows in the logs. Its state is the feed's word ({@code ProjectSink.watching}), so a watch
     * that cannot start turns the toggle back off and switching projects shows that project's state.
     */
    private ToggleButton watchToggle() {
        ToggleButton watch = new ToggleButton("Watch", Icons.icon(Feather.EYE));
        watch.setId("project-watch");
        watch.setTooltip(new Tooltip("Sync, rebuild or restart services when their develop.watch files change"));
        watch.disableProperty().bind(unavailable);
        Runnable show = () -> {
            ProjectSummary selected = panes.projects().selectedProperty().get();
            watch.setSelected(selected != null && panes.watchedProjects().contains(selected.name()));
        };
        panes.projects().selectedProperty().addListener((obs, old, now) -> show.run());
        panes.watchedProjects().addListener((SetChangeListener<String>) change -> show.run());
        watch.setOnAction(event -> {
            ProjectSummary selected = panes.projects().selectedProperty().get();
            if (selected != null) {
                feed.ifPresent(f -> f.watch(selected.name(), watch.isSelected()));
            }
        });
        return watch;
    }

    /**
     * Right-click on a service card: its logs, inspect and published port, and the verbs for that service
     * alone, each enabled only where it applies to the service's state ({@link ServiceMenuItems}).
     *
     * @param showTab selects a detail tab (0 logs, 3 inspect) once the card is selected
     */
    void installContextMenu(ServiceGraphView graph, IntConsumer showTab) {
        ContextMenu menu = new ContextMenu();
        Map<ServiceMenuItems.Item, MenuItem> items = new EnumMap<>(ServiceMenuItems.Item.class);
        MenuItem logs = new MenuItem("Logs", Icons.icon(Feather.FILE_TEXT));
        logs.setOnAction(event -> showTab.accept(0));
        MenuItem inspect = new MenuItem("Inspect", Icons.icon(Feather.SEARCH));
        inspect.setOnAction(event -> showTab.accept(3));
        MenuItem shell = new MenuItem("Open shell", Icons.icon(Feather.TERMINAL));
        shell.setId("service-open-shell");
        shell.setOnAction(event -> selectedService().flatMap(this::firstContainer).ifPresent(row -> openShell.accept(row)));
        MenuItem shellWith = new MenuItem("Open shell with…", Icons.icon(Feather.CHEVRONS_RIGHT));
        shellWith.setId("service-open-shell-with");
        shellWith.setOnAction(event -> selectedService().flatMap(this::firstContainer).ifPresent(row -> openShellWith.accept(row)));
        MenuItem attachItem = new MenuItem("Attach", Icons.icon(Feather.LINK));
        attachItem.setId("service-attach");
        attachItem.setOnAction(event -> selectedService().flatMap(this::firstContainer).ifPresent(row -> attach.accept(row)));
        MenuItem files = new MenuItem("Browse files", Icons.icon(Feather.FOLDER));
        files.setId("service-browse-files");
        files.setOnAction(event -> selectedService().flatMap(this::firstContainer).ifPresent(row -> browseFiles.accept(row)));
        MenuItem openPort = new MenuItem("Open port", Icons.icon(Feather.EXTERNAL_LINK));
        openPort.setOnAction(event -> selectedService().flatMap(this::webPort).ifPresent(panes.containers()::open));
        items.put(ServiceMenuItems.Item.LOGS, logs);
        items.put(ServiceMenuItems.Item.INSPECT, inspect);
        items.put(ServiceMenuItems.Item.OPEN_PORT, openPort);
        items.put(ServiceMenuItems.Item.BROWSE_FILES, files);
        items.put(ServiceMenuItems.Item.OPEN_SHELL, shell);
        items.put(ServiceMenuItems.Item.OPEN_SHELL_WITH, shellWith);
        items.put(ServiceMenuItems.Item.ATTACH, attachItem);
        menu.getItems().addAll(logs, inspect, shell, shellWith, attachItem, files, openPort, new SeparatorMenuItem());
        for (ProjectAction action : new ProjectAction[] {ProjectAction.UP, ProjectAction.RESTART, ProjectAction.STOP,
                ProjectAction.START, ProjectAction.PULL, ProjectAction.BUILD, ProjectAction.RECREATE}) {
            MenuItem item = new MenuItem(action.title() + " this service");
            item.setId("service-" + action.name().toLowerCase(Locale.ROOT));
            item.setOnAction(event -> selectedService().ifPresent(service -> run(action, Set.of(service))));
            items.put(ServiceMenuItems.Item.valueOf(action.name()), item);
            menu.getItems().add(item);
        }
        logs.setId("service-logs");
        inspect.setId("service-inspect");
        openPort.setId("service-open-port");
        menu.setOnShowing(event -> selectedService().flatMap(id -> panes.graph().node(id)).ifPresent(node -> {
            Set<ServiceMenuItems.Item> enabled = ServiceMenuItems.enabled(node.stateProperty().get(), node.buildable(),
                    webPort(node.id()).isPresent());
            boolean offline = unavailable.get();
            items.forEach((kind, item) -> item.setDisable(!enabled.contains(kind)
                    || offline && kind != ServiceMenuItems.Item.LOGS && kind != ServiceMenuItems.Item.INSPECT));
        }));
        graph.setOnContextMenuRequested(event -> {
            if (selectedService().isPresent() && !menu.isShowing()) {
                menu.show(graph, event.getScreenX(), event.getScreenY());
            }
            event.consume();
        });
        this.serviceMenu = menu;
    }

    private void refreshNothingToBuild() {
        nothingToBuild.set(panes.graph().nodes().stream().noneMatch(GraphNodeModel::buildable));
    }

    /** The card menu, for tests and screenshots. */
    ContextMenu serviceMenu() {
        return serviceMenu;
    }

    /** What "Browse files" on a card does with the service's first container (the window opens its file tree). */
    void onBrowseFiles(Consumer<ContainerRow> action) {
        this.browseFiles = action;
    }

    /** What "Open shell" on a card does with the service's first running container (the window opens a terminal tab). */
    void onOpenShell(Consumer<ContainerRow> action) {
        this.openShell = action;
    }

    /** What "Open shell with…" on a card does with the service's first container (asks for the command). */
    void onOpenShellWith(Consumer<ContainerRow> action) {
        this.openShellWith = action;
    }

    /** What "Attach" on a card does with the service's first container (a terminal on its main process). */
    void onAttach(Consumer<ContainerRow> action) {
        this.attach = action;
    }

    /** The service's first container by name ({@code …-1} before {@code …-2}), running ones first. */
    private Optional<ContainerRow> firstContainer(String service) {
        return panes.containers().rows().stream().filter(row -> row.service().equals(service))
                .min(Comparator.comparing((ContainerRow row) -> row.state() != ContainerState.RUNNING).thenComparing(ContainerRow::name));
    }

    private Optional<PublishedPort> webPort(String service) {
        return panes.containers().rows().stream().filter(row -> row.service().equals(service))
                .flatMap(row -> row.ports().stream()).filter(PublishedPort::isWebLink).findFirst();
    }

    private Optional<String> selectedService() {
        String id = panes.graph().selectedNodeProperty().get();
        return id != null && panes.graph().node(id).map(n -> n.kind() == GraphNode.Kind.SERVICE).orElse(false) ? Optional.of(id) : Optional.empty();
    }

    private MenuItem item(ProjectAction action, Feather icon, Shortcuts.Shortcut shortcut) {
        MenuItem item = new MenuItem(action == ProjectAction.DOWN_WITH_VOLUMES ? action.title() + "…" : action.title(), Icons.icon(icon));
        if (shortcut != null) {
            item.setAccelerator(shortcut.keys());
        }
        item.setId("action-" + action.name().toLowerCase(Locale.ROOT));
        item.setOnAction(event -> run(action, Set.of()));
        item.disableProperty().bind(action == ProjectAction.BUILD ? unavailable.or(nothingToBuild) : unavailable);
        return item;
    }

    private Button button(ProjectAction action, Feather icon, String tip) {
        Button button = new Button(action.title(), Icons.icon(icon));
        button.setId("button-" + action.name().toLowerCase(Locale.ROOT));
        button.setTooltip(new Tooltip(tip));
        button.setOnAction(event -> run(action, Set.of()));
        button.disableProperty().bind(unavailable);
        return button;
    }

    private void run(ProjectAction action, Set<String> services) {
        var project = panes.projects().selectedProperty().get();
        if (project == null || feed.isEmpty()) {
            return;
        }
        if (action == ProjectAction.DOWN_WITH_VOLUMES) {
            confirmDownWithVolumes.accept(project.name(), () -> feed.get().run(action, project.name(), services));
            return;
        }
        feed.get().run(action, project.name(), services);
    }
}
