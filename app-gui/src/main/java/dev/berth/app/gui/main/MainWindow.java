package dev.berth.app.gui.main;

import atlantafx.base.theme.Styles;
import dev.berth.app.BerthVersion;
import dev.berth.app.gui.AppIcons;
import dev.berth.app.gui.containers.ContainerRow;
import dev.berth.app.gui.containers.ContainersView;
import dev.berth.app.gui.containers.ContainersViewModel;
import dev.berth.app.gui.controls.AboutDialog;
import dev.berth.app.gui.controls.Confirmations;
import dev.berth.app.gui.controls.DialogConfirmations;
import dev.berth.app.gui.controls.FailureDialog;
import dev.berth.app.gui.controls.Icons;
import dev.berth.app.gui.controls.ShellCommandDialog;
import dev.berth.app.gui.editor.EditorKeys;
import dev.berth.app.gui.editor.EditorWindow;
import dev.berth.app.gui.engines.BerthEngineStarter;
import dev.berth.app.gui.engines.EngineChoices;
import dev.berth.app.gui.engines.EngineSwitcher;
import dev.berth.app.gui.engines.StartBerthEngine;
import dev.berth.app.gui.engines.VmControl;
import dev.berth.app.gui.engines.VmPage;
import dev.berth.app.gui.feed.ContainerAction;
import dev.berth.app.gui.feed.EditTarget;
import dev.berth.app.gui.feed.EngineConnection;
import dev.berth.app.gui.feed.ProjectFeed;
import dev.berth.app.gui.feed.ProjectSummary;
import dev.berth.app.gui.fx.FxUiScheduler;
import dev.berth.app.gui.graph.GraphNode;
import dev.berth.app.gui.graph.ServiceGraphView;
import dev.berth.app.gui.inspect.InspectView;
import dev.berth.app.gui.logs.LogsView;
import dev.berth.app.gui.look.HelpOverlay;
import dev.berth.app.gui.look.Shortcuts;
import dev.berth.app.gui.look.Theme;
import dev.berth.app.gui.look.ThemeMode;
import dev.berth.app.gui.look.ThemeViewModel;
import dev.berth.app.gui.look.WindowSizeClass;
import dev.berth.app.gui.look.WindowState;
import dev.berth.app.gui.look.WindowStateStore;
import dev.berth.app.gui.projects.ProjectsView;
import dev.berth.app.gui.resources.ResourcesArea;
import dev.berth.app.gui.stats.StatsView;
import dev.berth.app.gui.swarm.StackDeployViewModel;
import dev.berth.app.gui.swarm.StackDeployWindow;
import dev.berth.app.gui.terminal.ShellChoice;
import dev.berth.app.gui.terminal.TerminalTab;
import dev.berth.app.gui.terminal.TerminalTarget;
import dev.berth.app.gui.top.TopView;
import dev.berth.app.resources.ResourceCatalog;
import dev.berth.app.workspace.ProjectInvocation;
import dev.berth.app.workspace.RecentProjects;
import dev.berth.compose.ProjectOptions;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.compose.ComposeEngine;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.kordamp.ikonli.feather.Feather;

/**
 * The main window: projects on the left; the service graph above tabbed detail panes (Logs, Stats, Top,
 * Inspect, Containers) on the right; engine state at the bottom; shortcuts from {@link Shortcuts}; an F1
 * help overlay. Builds views over the view-models of {@link ProjectPanes} and follows the graph's selection
 * into the other panes.
 */
public final class MainWindow {

    private static final Logger LOG = Logger.getLogger(MainWindow.class.getName());

    private final ProjectPanes panes;
    private final ThemeViewModel theme;
    private final WindowStateStore store;
    private final Optional<ProjectFeed> feed;
    private final boolean demo;

    private final ServiceGraphView graphView;
    private final LogsView logsView;
    private final TabPane details = new TabPane();
    private final HelpOverlay help = new HelpOverlay();
    private final SplitPane mainSplit = new SplitPane();
    private final SplitPane centerSplit = new SplitPane();
    private final DividerMemory centerDivider = DividerMemory.install(centerSplit);
    static final double GRAPH_MIN_HEIGHT = 170;
    static final double DETAILS_MIN_HEIGHT = 220;
    static final double SIDEBAR_MIN_WIDTH = 150;
    private final Label statusText = new Label();
    private final ProjectActionsMenu actions;
    private final RecentProjects recent;
    private Stage stage;
    private Supplier<EngineClient> shellEngine;
    private Executor shellBackground;
    /** What "Open shell with…" offers: the last command typed there. */
    private String lastShellCommand = "bash";
    private ResourcesArea resources;
    private StackDeployWindow stackDeploy;
    private final Map<List<Path>, EditorWindow> editors = new HashMap<>();
    private final ExecutorService editorBackground = Executors.newVirtualThreadPerTaskExecutor();
    private Supplier<Optional<ComposeEngine>> editorEngine = Optional::empty;
    private Confirmations confirmations = new DialogConfirmations(() -> stage);
    private EngineChoices engineChoices;
    private BerthEngineStarter engineStarter;
    private Executor engineBackground;
    private VmControl vmControl;
    private Stage vmPage;

    public MainWindow(ProjectPanes panes, ThemeViewModel theme, WindowStateStore store, Optional<ProjectFeed> feed, boolean demo) {
        this(panes, theme, store, feed, demo, null);
    }

    /** @param recent the recent projects for File > Open Recent, or null for none */
    public MainWindow(ProjectPanes panes, ThemeViewModel theme, WindowStateStore store, Optional<ProjectFeed> feed, boolean demo,
                      RecentProjects recent) {
        this.panes = panes;
        this.recent = recent;
        this.theme = theme;
        this.store = store;
        this.feed = feed;
        this.demo = demo;
        this.graphView = new ServiceGraphView(panes.graph());
        graphView.setPlaceholderShown(false); // the welcome panel stands over an empty graph instead
        this.logsView = new LogsView(panes.logs());
        this.actions = new ProjectActionsMenu(panes, feed, this::confirmDownWithVolumes);
    }

    /** Hosts the Volumes / Networks / Images tabs beside the project content; call before {@link #show}. */
    public MainWindow withResources(ResourcesArea area) {
        this.resources = area;
        return this;
    }

    /**
     * Makes the status bar's engine a switcher over {@code choices}, and, with a {@code starter}, puts
     * "Start Berth's engine" first in the "no engine" panel; call before {@link #show}.
     */
    public MainWindow withEngines(EngineChoices choices, BerthEngineStarter starter, VmControl vm, Executor background) {
        this.engineChoices = choices;
        this.vmControl = vm;
        this.engineStarter = starter;
        this.engineBackground = background;
        return this;
    }

    /** Builds the scene into {@code stage}, restores the remembered window state and shows it. */
    public void show(Stage target) {
        this.stage = target;
        WindowState saved = store.load();
        theme.modeProperty().set(saved.theme());
        theme.darkProperty().addListener((obs, old, dark) -> applyTheme(dark));
        applyTheme(theme.darkProperty().get());
        theme.start();

        MenuBar menus = menuBar();
        help.setSections(helpSections(menus));
        BorderPane frame = new BorderPane(center(), new VBox(menus, toolBar(), ConnectionViews.lostBanner(panes.connectionProperty())),
                null, statusBar(), null);
        StackPane root = new StackPane(frame, help);
        panes.onFailure((title, details) -> FailureDialog.show(stage, title, details));
        installDragAndDrop(root);
        Scene scene = new Scene(root, saved.width(), saved.height());
        Theme.attach(scene);

        restoreDividers(saved);
        target.setTitle("Berth");
        target.getIcons().setAll(AppIcons.windowIcons());
        target.setScene(scene);
        if (saved.hasPosition()) {
            target.setX(saved.x());
            target.setY(saved.y());
        }
        target.setMaximized(saved.maximized());
        target.setOnHiding(event -> {
            saveState();
            // Terminal tabs end their exec sessions and their repaint timers with the window.
            details.getTabs().stream().filter(TerminalTab.class::isInstance).map(TerminalTab.class::cast).toList()
                    .forEach(TerminalTab::close);
        });
        wireSelection();
        actions.installContextMenu(graphView, index -> details.getSelectionModel().select(index));
        target.show();
        Platform.runLater(root::requestFocus);
    }

    public Parent root() {
        return stage.getScene().getRoot();
    }

    private void applyTheme(boolean dark) {
        Theme.applyBase(dark);
        logsView.themeChanged();
    }

    private Parent center() {
        VBox welcome = welcome();
        welcome.visibleProperty().bind(panes.graph().layoutProperty().map(layout -> layout.placements().isEmpty()).orElse(true));
        StackPane upper = new StackPane(graphView, welcome);
        // The last known state stays visible but greyed while the engine is away.
        upper.opacityProperty().bind(panes.connectionProperty().map(c -> c.kind() == EngineConnection.Kind.LOST ? 0.45 : 1.0));

        Tab logs = tab("Logs", Feather.FILE_TEXT, logsView);
        Tab stats = lazyTab("Stats", Feather.ACTIVITY, () -> new StatsView(panes.stats()));
        Tab top = lazyTab("Top", Feather.CPU, () -> new TopView(panes.top()));
        Tab inspect = lazyTab("Inspect", Feather.SEARCH, () -> new InspectView(panes.inspect()));
        Tab containers = lazyTab("Containers", Feather.BOX, () -> new ContainersView(panes.containers()));
        details.getTabs().setAll(logs, stats, top, inspect, containers);
        details.setId("detail-tabs");
        // Terminal tabs close; the five fixed tabs do not.
        details.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
        details.getTabs().forEach(fixed -> fixed.setClosable(false));
        panes.top().visibleProperty().bind(top.selectedProperty());
        panes.top().visibleProperty().addListener((obs, old, visible) -> feed.ifPresent(f -> f.topVisible(visible)));
        details.opacityProperty().bind(upper.opacityProperty());

        centerSplit.setOrientation(Orientation.VERTICAL);
        centerSplit.getItems().setAll(upper, details);
        // At 800×600 the graph keeps room for a row of cards and the logs for several lines (docs/ARCHITECTURE.md).
        upper.setMinHeight(GRAPH_MIN_HEIGHT);
        details.setMinHeight(DETAILS_MIN_HEIGHT);
        centerDivider.set(0.48);
        ProjectsView sidebar = new ProjectsView(panes.projects());
        sidebar.opacityProperty().bind(upper.opacityProperty()); // its counts are the last known too
        mainSplit.getItems().setAll(sidebar, resources == null ? centerSplit
                : resources.around(centerSplit, panes.projects().selectedProperty().map(p -> p.name())));
        mainSplit.setDividerPositions(0.18);
        SplitPane.setResizableWithParent(mainSplit.getItems().getFirst(), false);
        ((Region) mainSplit.getItems().getFirst()).setMinWidth(SIDEBAR_MIN_WIDTH);
        VBox unavailable = ConnectionViews.unavailablePanel(panes.connectionProperty(), engineStarter == null || engineChoices == null ? null
                : new StartBerthEngine(engineStarter, engineChoices, engineBackground).node());
        mainSplit.visibleProperty().bind(unavailable.visibleProperty().not());
        return new StackPane(mainSplit, unavailable);
    }

    /**
     * A tab whose view is built the first time it is selected: the first frame then pays CSS and layout only
     * for what is on screen (~0.2 s less, docs/PERFORMANCE.md). Its view-model is fed all along, so the view
     * shows current data from its first pulse.
     */
    private static Tab lazyTab(String title, Feather icon, Supplier<Node> view) {
        Tab tab = tab(title, icon, null);
        ChangeListener<Boolean> build = new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends Boolean> obs, Boolean old, Boolean selected) {
                if (selected && tab.getContent() == null) {
                    tab.setContent(view.get());
                    tab.selectedProperty().removeListener(this);
                }
            }
        };
        tab.selectedProperty().addListener(build);
        return tab;
    }

    private static Tab tab(String title, Feather icon, Node content) {
        Tab tab = new Tab(title, content);
        tab.setGraphic(Icons.icon(icon));
        tab.setId("tab-" + title.toLowerCase(Locale.ROOT));
        return tab;
    }

    private VBox welcome() {
        ImageView logo = new ImageView(AppIcons.windowIcons().getLast());
        logo.setFitWidth(88);
        logo.setPreserveRatio(true);
        Label title = new Label("Open a compose file to see its services");
        title.getStyleClass().add(Styles.TITLE_3);
        Label hint = new Label("Berth shows the dependency graph, logs, stats and containers of a Compose project.\n"
                + "Press Ctrl+O, or run ./berth open PATH. F1 lists the keyboard shortcuts.");
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        hint.setWrapText(true);
        hint.setMaxWidth(520);
        hint.setStyle("-fx-text-alignment: center;");
        Button open = new Button("Open compose file…", Icons.icon(Feather.FOLDER));
        open.getStyleClass().add(Styles.ACCENT);
        open.setOnAction(event -> openComposeFile());
        VBox welcome = new VBox(14, logo, title, hint, open);
        welcome.setAlignment(Pos.CENTER);
        welcome.getStyleClass().add("welcome");
        welcome.setId("welcome");
        return welcome;
    }

    private MenuBar menuBar() {
        MenuItem open = item("Open…", Shortcuts.OPEN, this::openComposeFile);
        MenuItem openFolder = new MenuItem("Open folder…");
        openFolder.setOnAction(event -> openFolder());
        MenuItem quit = item("Quit", Shortcuts.QUIT, () -> stage.close());
        Menu openRecent = new Menu("Open recent");
        openRecent.setId("menu-recent");
        openRecent.setOnShowing(event -> fillRecent(openRecent));
        openRecent.getItems().add(new MenuItem("(none)"));
        Menu file = new Menu("File", null, open, openFolder, openRecent, new SeparatorMenuItem(), quit);

        Menu project = actions.projectMenu();
        MenuItem edit = item("Edit compose files…", Shortcuts.EDIT, this::openEditor);
        edit.disableProperty().bind(panes.projects().selectedProperty().isNull());
        MenuItem deployStack = new MenuItem("Deploy as stack…", Icons.icon(Feather.UPLOAD_CLOUD));
        deployStack.setId("action-deploy-stack");
        deployStack.setOnAction(event -> openStackDeploy());
        deployStack.disableProperty().bind(stackDeployUnavailable());
        project.getItems().addAll(new SeparatorMenuItem(), edit, deployStack);

        ToggleGroup themes = new ToggleGroup();
        Menu themeMenu = new Menu("Theme");
        for (ThemeMode mode : ThemeMode.values()) {
            RadioMenuItem choice = new RadioMenuItem(switch (mode) {
                case SYSTEM -> "Follow the system";
                case LIGHT -> "Light";
                case DARK -> "Dark";
            });
            choice.setToggleGroup(themes);
            choice.setSelected(theme.modeProperty().get() == mode);
            choice.setOnAction(event -> theme.modeProperty().set(mode));
            theme.modeProperty().addListener((obs, old, now) -> choice.setSelected(now == mode));
            themeMenu.getItems().add(choice);
        }
        MenuItem toggleTheme = item("Switch light/dark", Shortcuts.THEME,
                () -> theme.modeProperty().set(theme.darkProperty().get() ? ThemeMode.LIGHT : ThemeMode.DARK));
        MenuItem fit = item("Fit graph", Shortcuts.FIT, graphView::fit);
        MenuItem find = item("Find in logs", Shortcuts.FIND, () -> {
            details.getSelectionModel().select(0);
            logsView.focusSearch();
        });
        Menu view = new Menu("View", null, themeMenu, toggleTheme, new SeparatorMenuItem(), fit, find, new SeparatorMenuItem(),
                tabItem("Logs", Shortcuts.LOGS, 0), tabItem("Stats", Shortcuts.STATS, 1), tabItem("Top", Shortcuts.TOP, 2),
                tabItem("Inspect", Shortcuts.INSPECT, 3), tabItem("Containers", Shortcuts.CONTAINERS, 4));

        MenuItem about = new MenuItem("About Berth");
        about.setId("menu-about");
        about.setOnAction(event -> AboutDialog.show(stage, panes.connectionProperty().get()));
        Menu helpMenu = new Menu("Help", null, item("Keyboard shortcuts", Shortcuts.HELP, help::toggle), new SeparatorMenuItem(), about);
        return new MenuBar(file, project, view, helpMenu);
    }

    /**
     * The F1 help, from the accelerators the menus really carry (and the editor's own keys), so it lists every
     * shortcut and cannot drift from them.
     */
    static List<List<HelpOverlay.Section>> helpSections(MenuBar menus) {
        List<HelpOverlay.Row> window = new ArrayList<>();
        for (Menu menu : menus.getMenus()) {
            addAccelerators(menu.getText(), menu.getItems(), window);
        }
        List<HelpOverlay.Row> moving = Shortcuts.gestures().stream().map(g -> new HelpOverlay.Row(g[0], g[1])).toList();
        List<HelpOverlay.Row> editor = EditorKeys.helpRows();
        return List.of(List.of(new HelpOverlay.Section("Main window", window)),
                List.of(new HelpOverlay.Section("Moving around", moving), new HelpOverlay.Section("Compose editor", editor)));
    }

    private static void addAccelerators(String path, List<MenuItem> items, List<HelpOverlay.Row> rows) {
        for (MenuItem item : items) {
            if (item instanceof Menu sub) {
                addAccelerators(path + " › " + sub.getText(), sub.getItems(), rows);
            } else if (item.getAccelerator() != null) {
                KeyCombination keys = item.getAccelerator();
                String description = Shortcuts.all().stream().filter(s -> s.keys().equals(keys)).map(Shortcuts.Shortcut::description)
                        .findFirst().orElse(path + " › " + item.getText().replace("…", ""));
                rows.add(new HelpOverlay.Row(Shortcuts.display(keys), description));
            }
        }
    }

    private MenuItem tabItem(String title, Shortcuts.Shortcut shortcut, int index) {
        return item(title, shortcut, () -> details.getSelectionModel().select(index));
    }

    private static MenuItem item(String title, Shortcuts.Shortcut shortcut, Runnable action) {
        return item(title, shortcut.keys(), action);
    }

    private static MenuItem item(String title, KeyCombination keys, Runnable action) {
        MenuItem item = new MenuItem(title);
        item.setAccelerator(keys);
        item.setOnAction(event -> action.run());
        return item;
    }

    private ToolBar toolBar() {
        Button open = new Button("Open…", Icons.icon(Feather.FOLDER));
        open.setOnAction(event -> openComposeFile());
        HBox actionButtons = actions.toolbarButtons();
        Label projectName = new Label();
        projectName.getStyleClass().add(Styles.TITLE_4);
        projectName.textProperty().bind(panes.projects().selectedProperty().map(p -> p.name()).orElse(""));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button helpButton = Icons.button(Feather.HELP_CIRCLE, "Keyboard shortcuts (F1)");
        helpButton.setOnAction(event -> help.toggle());
        ToolBar bar = new ToolBar(open, new Separator(), actionButtons, new Separator(), projectName, spacer);
        if (demo) {
            Label badge = new Label("DEMO DATA");
            badge.getStyleClass().add("demo-badge");
            badge.setTooltip(new Tooltip("Started with -Dberth.demo=true: the panes show a made-up project, not an engine."));
            bar.getItems().add(badge);
        }
        bar.getItems().add(helpButton);
        return bar;
    }

    private HBox statusBar() {
        statusText.textProperty().bind(panes.engineStatusProperty());
        statusText.setId("engine-status");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label version = new Label("Berth " + BerthVersion.version());
        Label activity = new Label();
        activity.setId("activity");
        activity.textProperty().bind(panes.activityProperty());
        Node engine = engineChoices == null ? statusText : new EngineSwitcher(engineChoices, engineBackground, statusText,
                vmControl == null ? null : this::openVmPage).node();
        HBox bar = new HBox(8, Icons.icon(Feather.SERVER), engine, new Separator(Orientation.VERTICAL), activity, spacer, version);
        bar.getStyleClass().add("status-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(3, 10, 3, 10));
        return bar;
    }

    /** Berth's engine VM in its own window (one at a time); a start there switches the window to its engine. */
    private void openVmPage() {
        if (vmPage != null && vmPage.isShowing()) {
            vmPage.toFront();
            return;
        }
        vmPage = new VmPage(vmControl, engineBackground, engineChoices::use, confirmations).show(stage);
    }

    /** The graph's selection drives the other panes: logs of that service, its top and inspect data. */
    private void wireSelection() {
        panes.projects().selectedProperty().addListener((obs, old, project) ->
                feed.ifPresent(f -> f.projectSelected(project == null ? null : project.name())));
        panes.graph().selectedNodeProperty().addListener((obs, old, id) -> {
            boolean service = id != null && panes.graph().node(id).map(n -> n.kind() == GraphNode.Kind.SERVICE).orElse(false);
            panes.logs().sourceFilterProperty().set(service ? id : null);
            feed.ifPresent(f -> f.selectionChanged(service ? id : null));
            if (!service) {
                panes.top().clear();
                panes.inspect().clear();
            }
        });
    }

    private void openComposeFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a compose file");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Compose files", "*.yaml", "*.yml"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File file = chooser.showOpenDialog(stage);
        if (file != null) {
            opened(file);
        }
    }

    private void openFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a folder with a compose file");
        File folder = chooser.showDialog(stage);
        if (folder != null) {
            opened(folder);
        }
    }

    /**
     * Wires the containers tab's row menu: Logs selects the container's service and shows the logs tab,
     * Inspect shows that container's document, Restart/Stop/Remove go to the feed (Remove asked first).
     */
    public void containerCommands(Confirmations confirmations) {
        panes.containers().setCommands(new ContainersViewModel.Commands() {
            @Override
            public void showLogs(ContainerRow row) {
                panes.graph().selectedNodeProperty().set(row.service());
                details.getSelectionModel().select(0);
            }

            @Override
            public void inspect(ContainerRow row) {
                feed.ifPresent(f -> f.inspectContainer(row.id()));
                details.getSelectionModel().select(3);
            }

            @Override
            public void run(ContainerAction action, ContainerRow row) {
                feed.ifPresent(f -> f.run(action, row.id()));
            }

            @Override
            public void browseFiles(ContainerRow row) {
                MainWindow.this.browseFiles(row);
            }

            @Override
            public void openShell(ContainerRow row) {
                MainWindow.this.openShell(row);
            }

            @Override
            public void openShellWith(ContainerRow row) {
                MainWindow.this.openShellWith(row);
            }

            @Override
            public void attach(ContainerRow row) {
                openTerminal(row, TerminalTarget.attach());
            }
        }, confirmations);
        actions.onBrowseFiles(this::browseFiles);
        actions.onOpenShell(this::openShell);
        actions.onOpenShellWith(this::openShellWith);
        actions.onAttach(row -> openTerminal(row, TerminalTarget.attach()));
    }

    /** Where "Open shell" gets its engine and runs the exec's setup; the engine session sets it. */
    public MainWindow withShells(Supplier<EngineClient> engine, Executor background) {
        this.shellEngine = engine;
        this.shellBackground = background;
        return this;
    }

    /** "Open shell" (container row or service card): bash, or sh where there is no bash. */
    private void openShell(ContainerRow row) {
        openTerminal(row, TerminalTarget.shell());
    }

    /** "Open shell with…": asks for the command (the last one typed is offered again), then opens it. */
    private void openShellWith(ContainerRow row) {
        if (shellEngine == null || row == null) {
            return;
        }
        ShellCommandDialog.ask(stage, row.name(), lastShellCommand).ifPresent(line -> {
            List<String> words;
            try {
                words = ShellChoice.words(line);
            } catch (IllegalArgumentException e) {
                FailureDialog.show(stage, "Cannot run " + line, "The command has an " + e.getMessage() + ".");
                return;
            }
            lastShellCommand = line;
            openTerminal(row, TerminalTarget.command(words));
        });
    }

    /** A closable terminal tab beside the detail tabs (container row or service card). */
    private void openTerminal(ContainerRow row, TerminalTarget target) {
        if (shellEngine == null || row == null) {
            return;
        }
        TerminalTab terminal = TerminalTab.open(shellEngine, row.id(), row.name(), target, new FxUiScheduler(), shellBackground);
        details.getTabs().add(terminal);
        details.getSelectionModel().select(terminal);
    }

    /** "Browse files" (container row or service card): the container's file tree in its own window. */
    private void browseFiles(ContainerRow row) {
        if (resources != null && row != null) {
            resources.openContainerFiles(row.id(), row.name(), stage);
        }
    }

    /** Opens a compose file or folder: the feed loads it, lists it and selects it (or says why not). */
    public void opened(File file) {
        if (feed.isPresent() && !demo) {
            feed.get().open(file.toPath());
        } else {
            panes.projects().open(file.toPath());
        }
    }

    private void fillRecent(Menu menu) {
        menu.getItems().clear();
        List<ProjectInvocation> list = recent == null ? List.of() : recent.load();
        for (ProjectInvocation invocation : list) {
            MenuItem entry = new MenuItem(invocation.label() + "  —  " + invocation.projectDirectory());
            Path target = invocation.files().size() == 1 ? invocation.files().getFirst() : invocation.projectDirectory();
            entry.setOnAction(event -> opened(target.toFile()));
            menu.getItems().add(entry);
        }
        if (menu.getItems().isEmpty()) {
            MenuItem none = new MenuItem("(none)");
            none.setDisable(true);
            menu.getItems().add(none);
        }
    }

    /** Dropping a compose file or a folder anywhere on the window opens it. */
    private void installDragAndDrop(StackPane root) {
        root.setOnDragOver(event -> {
            if (event.getDragboard().hasFiles()) {
                event.acceptTransferModes(TransferMode.COPY);
            }
            event.consume();
        });
        root.setOnDragDropped(event -> {
            List<File> files = event.getDragboard().hasFiles() ? event.getDragboard().getFiles() : List.of();
            files.stream().findFirst().ifPresent(this::opened);
            event.setDropCompleted(!files.isEmpty());
            event.consume();
        });
    }

    /**
     * "Down and remove volumes": lists the project's volumes and their sizes off the FX thread, then asks through
     * the shared {@link Confirmations} (Cancel is the default: Enter keeps the data); {@code proceed} runs only
     * on an explicit yes.
     */
    private void confirmDownWithVolumes(String project, Runnable proceed) {
        ResourceCatalog catalog = resources == null ? null : resources.catalog();
        CompletableFuture.supplyAsync(() -> catalog == null ? null : DownWithVolumes.volumesOf(catalog, project), editorBackground)
                .whenComplete((volumes, error) -> Platform.runLater(() -> {
                    String why = error != null ? String.valueOf(error.getCause() == null ? error.getMessage() : error.getCause().getMessage())
                            : catalog == null ? "no engine catalog" : null;
                    if (confirmations.ask(DownWithVolumes.request(project, volumes, why)).confirmed()) {
                        proceed.run();
                    }
                }));
    }

    /** Where destructive actions ask (the app's dialog by default; tests script the answers). */
    public MainWindow withConfirmations(Confirmations asking) {
        this.confirmations = asking;
        return this;
    }

    /**
     * The compose editor of the selected project, in its own window (one per set of files): the files it was
     * opened from, or those the engine's labels name; otherwise a message saying why there are none. Where the
     * files are is worked out off the FX thread (it looks at the disk).
     */
    private void openEditor() {
        var selected = panes.projects().selectedProperty().get();
        if (selected == null) {
            return;
        }
        String name = selected.name();
        CompletableFuture.supplyAsync(() -> editTarget(selected), editorBackground).whenComplete((target, error) -> Platform.runLater(() -> {
            if (error != null) {
                FailureDialog.show(stage, "Cannot edit the compose files of " + name, String.valueOf(error.getMessage()));
            } else if (target instanceof EditTarget.Unavailable unavailable) {
                FailureDialog.show(stage, "Cannot edit the compose files of " + name, unavailable.reason());
            } else if (target instanceof EditTarget.Found found) {
                openEditor(found.invocation());
            }
        }));
    }

    private EditTarget editTarget(ProjectSummary selected) {
        if (feed.isPresent() && !demo) {
            return feed.get().editTarget(selected.name());
        }
        // Without an engine feed the sidebar holds the opened path itself.
        Path path = selected.source() == null || selected.source().isBlank() ? null : Path.of(selected.source());
        return path != null && Files.exists(path) ? new EditTarget.Found(ProjectInvocation.ofPath(path))
                : new EditTarget.Unavailable(selected.name() + " has no compose files here: the demo data is made up.");
    }

    /**
     * "Deploy as stack…" is offered while the engine is a swarm manager (the Swarm tab's own test) and a project
     * is selected; whether it has compose files is known only once its edit target is worked out.
     */
    private BooleanBinding stackDeployUnavailable() {
        if (resources == null || resources.swarm() == null) {
            return Bindings.createBooleanBinding(() -> true);
        }
        return Bindings.createBooleanBinding(() -> panes.projects().selectedProperty().get() == null
                || !resources.swarm().managerProperty().get(), panes.projects().selectedProperty(), resources.swarm().managerProperty());
    }

    /**
     * The selected project's compose files (as the editor finds them, off the FX thread) deployed to the swarm:
     * the plan preview first ({@link StackDeployWindow}), the stack named after the project unless renamed.
     */
    private void openStackDeploy() {
        var selected = panes.projects().selectedProperty().get();
        if (selected == null || resources == null || resources.swarm() == null) {
            return;
        }
        String name = selected.name();
        CompletableFuture.supplyAsync(() -> editTarget(selected), editorBackground).whenComplete((target, error) -> Platform.runLater(() -> {
            if (error != null) {
                FailureDialog.show(stage, "Cannot deploy " + name + " as a stack", String.valueOf(error.getMessage()));
            } else if (target instanceof EditTarget.Unavailable unavailable) {
                FailureDialog.show(stage, "Cannot deploy " + name + " as a stack", unavailable.reason());
            } else if (target instanceof EditTarget.Found found) {
                ProjectOptions options = found.invocation().toOptions(System.getenv());
                stackDeploy = StackDeployWindow.open(stage, new StackDeployViewModel(options, name, resources.swarm().source(),
                        new FxUiScheduler(), editorBackground));
            }
        }));
    }

    /** The last "Deploy as stack" window opened (tests). */
    public StackDeployWindow stackDeployWindow() {
        return stackDeploy;
    }

    private void openEditor(ProjectInvocation invocation) {
        EditorWindow open = editors.get(invocation.files());
        if (open != null && open.stage().isShowing()) {
            open.stage().toFront();
            return;
        }
        editors.put(invocation.files(), EditorWindow.open(stage, invocation, editorBackground, editorEngine));
    }

    /** The open editor windows (tests). */
    public List<EditorWindow> editorWindows() {
        return editors.values().stream().filter(e -> e.stage().isShowing()).toList();
    }

    /** Where the editor's plan preview, Up and image names come from; the engine session sets it once connected. */
    public void setEditorEngine(Supplier<Optional<ComposeEngine>> engine) {
        this.editorEngine = engine;
    }

    private void restoreDividers(WindowState saved) {
        double[] main = saved.dividers().get("main");
        if (main != null && main.length == 1) {
            mainSplit.setDividerPositions(main);
        }
        double[] center = saved.dividers().get("center");
        if (center != null && center.length == 1) {
            centerDivider.set(center);
        }
        for (WindowSizeClass size : WindowSizeClass.values()) {
            double[] chosen = saved.dividers().get("center." + size.key());
            if (chosen != null && chosen.length == 1) {
                centerDivider.remember(size, chosen);
            }
        }
    }

    private void saveState() {
        Map<String, double[]> dividers = new LinkedHashMap<>();
        dividers.put("main", mainSplit.getDividerPositions());
        dividers.put("center", centerDivider.wanted());
        centerDivider.chosenBySize().forEach((size, positions) -> dividers.put("center." + size.key(), positions));
        boolean maximized = stage.isMaximized();
        WindowState state = new WindowState(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), maximized, dividers,
                theme.modeProperty().get());
        try {
            store.save(state);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not remember the window state in " + store.file(), e);
        }
    }
}
