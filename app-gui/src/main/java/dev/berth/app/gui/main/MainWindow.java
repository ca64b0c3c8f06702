package dev.berth.app.gui.main;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import atlantafx.base.theme.Styles;
import dev.berth.app.gui.AppIcons;
import dev.berth.app.gui.containers.ContainersView;
import dev.berth.app.gui.controls.Icons;
import dev.berth.app.gui.editor.EditorWindow;
import dev.berth.app.workspace.ProjectInvocation;
import dev.berth.engine.compose.ComposeEngine;
import java.util.function.Supplier;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import dev.berth.app.gui.feed.ProjectFeed;
import dev.berth.app.gui.graph.GraphNode;
import dev.berth.app.gui.graph.ServiceGraphView;
import dev.berth.app.gui.inspect.InspectView;
import dev.berth.app.gui.logs.LogsView;
import dev.berth.app.gui.look.HelpOverlay;
import dev.berth.app.gui.look.Shortcuts;
import dev.berth.app.gui.look.ThemeMode;
import dev.berth.app.gui.look.ThemeViewModel;
import dev.berth.app.gui.look.WindowState;
import dev.berth.app.gui.look.WindowStateStore;
import dev.berth.app.gui.projects.ProjectsView;
import dev.berth.app.gui.stats.StatsView;
import dev.berth.app.gui.top.TopView;
import java.io.File;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
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
    private static final String NEEDS_ENGINE = "Needs the engine connection (engine-core is being written)";

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
    private final Label statusText = new Label();
    private Stage stage;
    private static final KeyCombination EDIT = new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN);
    private final Map<java.nio.file.Path, EditorWindow> editors = new java.util.HashMap<>();
    private final java.util.concurrent.ExecutorService editorBackground = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
    private Supplier<Optional<ComposeEngine>> editorEngine = Optional::empty;

    public MainWindow(ProjectPanes panes, ThemeViewModel theme, WindowStateStore store, Optional<ProjectFeed> feed, boolean demo) {
        this.panes = panes;
        this.theme = theme;
        this.store = store;
        this.feed = feed;
        this.demo = demo;
        this.graphView = new ServiceGraphView(panes.graph());
        this.logsView = new LogsView(panes.logs());
    }

    /** Builds the scene into {@code stage}, restores the remembered window state and shows it. */
    public void show(Stage target) {
        this.stage = target;
        WindowState saved = store.load();
        theme.modeProperty().set(saved.theme());
        theme.darkProperty().addListener((obs, old, dark) -> applyTheme(dark));
        applyTheme(theme.darkProperty().get());
        theme.start();

        BorderPane frame = new BorderPane(center(), new VBox(menuBar(), toolBar()), null, statusBar(), null);
        StackPane root = new StackPane(frame, help);
        Scene scene = new Scene(root, saved.width(), saved.height());
        scene.getStylesheets().add(MainWindow.class.getResource("/dev/berth/app/gui/berth.css").toExternalForm());

        restoreDividers(saved);
        target.setTitle("Berth");
        target.getIcons().setAll(AppIcons.windowIcons());
        target.setScene(scene);
        if (saved.hasPosition()) {
            target.setX(saved.x());
            target.setY(saved.y());
        }
        target.setMaximized(saved.maximized());
        target.setOnHiding(event -> saveState());
        wireSelection();
        target.show();
        Platform.runLater(root::requestFocus);
    }

    public Parent root() {
        return stage.getScene().getRoot();
    }

    private void applyTheme(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
        logsView.themeChanged();
    }

    private Parent center() {
        VBox welcome = welcome();
        welcome.visibleProperty().bind(panes.graph().layoutProperty().map(layout -> layout.placements().isEmpty()).orElse(true));
        StackPane upper = new StackPane(graphView, welcome);

        Tab logs = tab("Logs", Feather.FILE_TEXT, logsView);
        Tab stats = tab("Stats", Feather.ACTIVITY, new StatsView(panes.stats()));
        Tab top = tab("Top", Feather.CPU, new TopView(panes.top()));
        Tab inspect = tab("Inspect", Feather.SEARCH, new InspectView(panes.inspect()));
        Tab containers = tab("Containers", Feather.BOX, new ContainersView(panes.containers()));
        details.getTabs().setAll(logs, stats, top, inspect, containers);
        details.setId("detail-tabs");
        details.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        panes.top().visibleProperty().bind(top.selectedProperty());

        centerSplit.setOrientation(Orientation.VERTICAL);
        centerSplit.getItems().setAll(upper, details);
        centerSplit.setDividerPositions(0.48);
        mainSplit.getItems().setAll(new ProjectsView(panes.projects()), centerSplit);
        mainSplit.setDividerPositions(0.18);
        SplitPane.setResizableWithParent(mainSplit.getItems().getFirst(), false);
        return mainSplit;
    }

    private static Tab tab(String title, Feather icon, javafx.scene.Node content) {
        Tab tab = new Tab(title, content);
        tab.setGraphic(Icons.icon(icon));
        tab.setId("tab-" + title.toLowerCase(java.util.Locale.ROOT));
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
        Menu file = new Menu("File", null, open, openFolder, new SeparatorMenuItem(), quit);

        MenuItem up = item("Up", Shortcuts.UP, () -> { });
        MenuItem down = item("Down", Shortcuts.DOWN, () -> { });
        up.setDisable(true);
        down.setDisable(true);
        MenuItem edit = item("Edit compose files…", EDIT, this::openEditor);
        edit.disableProperty().bind(panes.projects().selectedProperty().isNull());
        Menu project = new Menu("Project", null, up, down, new SeparatorMenuItem(), edit);

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

        Menu helpMenu = new Menu("Help", null, item("Keyboard shortcuts", Shortcuts.HELP, help::toggle));
        return new MenuBar(file, project, view, helpMenu);
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
        Button up = new Button("Up", Icons.icon(Feather.PLAY));
        Button down = new Button("Down", Icons.icon(Feather.SQUARE));
        for (Button action : new Button[] {up, down}) {
            action.setDisable(true);
            // A disabled button shows no tooltip; wrap it so the reason is still discoverable.
        }
        HBox actions = new HBox(4, up, down);
        Tooltip.install(actions, new Tooltip(NEEDS_ENGINE));
        Label projectName = new Label();
        projectName.getStyleClass().add(Styles.TITLE_4);
        projectName.textProperty().bind(panes.projects().selectedProperty().map(p -> p.name()).orElse(""));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button helpButton = Icons.button(Feather.HELP_CIRCLE, "Keyboard shortcuts (F1)");
        helpButton.setOnAction(event -> help.toggle());
        ToolBar bar = new ToolBar(open, new Separator(), actions, new Separator(), projectName, spacer);
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
        Label version = new Label("Berth " + dev.berth.app.BerthVersion.version());
        HBox bar = new HBox(8, Icons.icon(Feather.SERVER), statusText, spacer, version);
        bar.getStyleClass().add("status-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(3, 10, 3, 10));
        return bar;
    }

    /** The graph's selection drives the other panes: logs of that service, its top and inspect data. */
    private void wireSelection() {
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

    private void opened(File file) {
        panes.projects().open(file.toPath());
        // The compose loader (compose-model) is being written; until it lands the project is listed only.
        panes.engineStatus("Opened " + file + " — loading compose files arrives with the compose loader");
    }

    /** The compose editor of the selected project, in its own window (one per project). */
    private void openEditor() {
        var selected = panes.projects().selectedProperty().get();
        if (selected == null || selected.source() == null || selected.source().isBlank()) {
            return;
        }
        java.nio.file.Path source = java.nio.file.Path.of(selected.source());
        EditorWindow open = editors.get(source);
        if (open != null && open.stage().isShowing()) {
            open.stage().toFront();
            return;
        }
        editors.put(source, EditorWindow.open(stage, ProjectInvocation.ofPath(source), editorBackground, editorEngine));
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
            centerSplit.setDividerPositions(center);
        }
    }

    private void saveState() {
        Map<String, double[]> dividers = new LinkedHashMap<>();
        dividers.put("main", mainSplit.getDividerPositions());
        dividers.put("center", centerSplit.getDividerPositions());
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
