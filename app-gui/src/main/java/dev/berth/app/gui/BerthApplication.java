package dev.berth.app.gui;

import dev.berth.app.gui.controls.AddressDialog;
import dev.berth.app.gui.controls.Confirmations;
import dev.berth.app.gui.controls.DialogConfirmations;
import dev.berth.app.gui.engine.EngineProjectFeed;
import dev.berth.app.gui.engines.BerthEngineStarter;
import dev.berth.app.gui.engines.EngineChoices;
import dev.berth.app.gui.engines.VmControl;
import dev.berth.app.gui.feed.ProjectFeed;
import dev.berth.app.gui.feed.SampleProjectFeed;
import dev.berth.app.gui.fx.FxUiScheduler;
import dev.berth.app.gui.look.SystemThemeDetector;
import dev.berth.app.gui.look.ThemeMode;
import dev.berth.app.gui.look.ThemeViewModel;
import dev.berth.app.gui.look.WindowStateStore;
import dev.berth.app.gui.main.MainWindow;
import dev.berth.app.gui.main.ProjectPanes;
import dev.berth.app.gui.main.UrlOpener;
import dev.berth.app.gui.resources.ResourcesArea;
import dev.berth.app.workspace.EngineSession;
import dev.berth.app.workspace.RecentProjects;
import dev.berth.bridge.discovery.DiscoveryOptions;
import dev.berth.bridge.discovery.EngineDiscovery;
import dev.berth.bridge.discovery.HostEnvironment;
import dev.berth.bridge.vm.VmManager;
import dev.berth.engine.api.EngineException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import javafx.util.Duration;

/**
 * The Berth window. Wires the view-models to the FX scheduler and a virtual-thread executor for background
 * work, and to the engine through {@link EngineProjectFeed} — or, only with {@code -Dberth.demo=true}, to
 * {@link SampleProjectFeed}'s made-up project. Both plug into the same {@link ProjectFeed} seam.
 *
 * <p>System properties: {@code berth.demo} (demo data), {@code berth.theme} ({@code light}/{@code dark}
 * override the remembered choice), {@code berth.config.dir} (where window state is kept; tests use a
 * temporary directory), {@code berth.training} (the launcher's AOT training run), {@code berth.host} (the engine to use, like
 * {@code -H}).
 */
public final class BerthApplication extends Application {

    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private ProjectFeed feed;
    private EngineSession session;
    private ResourcesArea resources;
    private ProjectPanes panes;
    private MainWindow window;
    private ThemeViewModel theme;
    private final List<String> arguments;
    private final Map<String, String> desktop;
    private BerthEngineStarter starter;

    /** As the launcher starts it: the arguments come from {@link #getParameters()}. */
    public BerthApplication() {
        this.arguments = null;
        this.desktop = System.getenv();
    }

    /** As a test starts it, with the launcher's arguments ({@code open PATH} passes PATH). */
    public BerthApplication(List<String> arguments) {
        this(arguments, System.getenv());
    }

    /**
     * As a test starts it, with the desktop's environment too: where the web address handler is looked for
     * ({@code PATH}, {@code DISPLAY}), so a test can take it away.
     */
    public BerthApplication(List<String> arguments, Map<String, String> desktop) {
        this.arguments = List.copyOf(arguments);
        this.desktop = Map.copyOf(desktop);
    }

    @Override
    public void start(Stage stage) {
        StartupPhases.mark("toolkit");
        // The engine connection the whole window shares, on the session's virtual thread, so the window shows
        // before the engine answers; the status bar's switcher re-points it at another endpoint.
        HostEnvironment environment = HostEnvironment.current();
        EngineDiscovery discovery = EngineDiscovery.standard(environment);
        DiscoveryOptions discoveryOptions = discoveryOptions();
        boolean demo = Boolean.getBoolean("berth.demo");
        FxUiScheduler ui = new FxUiScheduler();
        Clock clock = Clock.systemDefaultZone();
        panes = new ProjectPanes(ui, background, clock, browser(stage));
        theme = new ThemeViewModel(SystemThemeDetector.forThisDesktop(), background, ui);
        String configDir = System.getProperty("berth.config.dir");
        WindowStateStore store = new WindowStateStore(configDir == null ? WindowStateStore.defaultFile()
                : Path.of(configDir).resolve("window.properties"));
        RecentProjects recent = new RecentProjects(configDir == null ? RecentProjects.defaultFile()
                : Path.of(configDir).resolve("recent-projects.json"));
        if (!demo) {
            session = new EngineSession(endpoint -> discovery.discover(endpoint == null ? discoveryOptions : discoveryOptions.withHost(endpoint)));
        }
        feed = demo ? new SampleProjectFeed(clock) : new EngineProjectFeed(session, recent, System.getenv());

        window = new MainWindow(panes, theme, store, Optional.ofNullable(feed), demo, recent);
        if (session != null) {
            // The Resources area shares the feed's engine session: one connection, one events subscription.
            Confirmations confirmations = new DialogConfirmations(() -> stage);
            resources = ResourcesArea.forSession(session, ui, background, confirmations);
            window.withResources(resources).withConfirmations(confirmations);
            window.setEditorEngine(session::compose);
            window.withShells(() -> session.client()
                    .orElseThrow(() -> new EngineException("Not connected to an engine yet; Berth keeps trying in the background.")), background);
            window.containerCommands(new DialogConfirmations(() -> stage));
            VmManager vms = VmManager.standard(environment);
            window.withEngines(EngineChoices.of(discovery, discoveryOptions, session), starter != null ? starter
                    : BerthEngineStarter.vm(vms, "default"), VmControl.of(vms, "default"), background);
        }
        StartupPhases.mark("built");
        if (Boolean.getBoolean("berth.training")) {
            // The launcher's AOT training run renders a real window, but the user must not see it: off-screen,
            // transparent, without a frame (a plain window here looked like a black window popping up).
            stage.initStyle(StageStyle.UNDECORATED);
            stage.setOpacity(0);
            stage.setX(-32_000);
            stage.setY(-32_000);
        }
        window.show(stage);
        StartupPhases.mark("shown");
        String forced = System.getProperty("berth.theme", System.getenv().getOrDefault("BERTH_THEME", ""));
        if (forced.equalsIgnoreCase("dark") || forced.equalsIgnoreCase("light")) {
            theme.modeProperty().set(forced.equalsIgnoreCase("dark") ? ThemeMode.DARK : ThemeMode.LIGHT);
        }
        if (feed != null) {
            feed.start(panes);
        }
        // ./berth open PATH
        List<String> raw = arguments != null ? arguments
                : getParameters() != null ? getParameters().getRaw() : List.of(); // null: a test started it
        raw.stream().findFirst().ifPresent(path -> window.opened(Path.of(path).toFile()));
        if (Boolean.getBoolean("berth.measure.startup")) {
            reportFirstFrame(stage);
        }
        if (Boolean.getBoolean("berth.training")) {
            // The launcher's AOT training run: the first frame is all it needs to see.
            PauseTransition settle = new PauseTransition(Duration.seconds(1.5));
            settle.setOnFinished(event -> Platform.exit());
            settle.play();
        }
    }

    /**
     * Replaces the real "Start Berth's engine" (VmManager's boot) before {@link #start}: tests script the boot,
     * which takes minutes under TCG.
     */
    public BerthApplication withEngineStarter(BerthEngineStarter scripted) {
        this.starter = scripted;
        return this;
    }

    /** Discovery as the CLI does it ({@code berth.host} or {@code DOCKER_HOST}, contexts, the well-known sockets). */
    private static DiscoveryOptions discoveryOptions() {
        String host = System.getProperty("berth.host");
        return host == null || host.isBlank() ? DiscoveryOptions.defaults() : DiscoveryOptions.defaults().withHost(host);
    }

    /**
     * Opens URLs (published ports) with the desktop's handler; when there is none, or it fails, a dialog shows
     * the address to copy instead of nothing happening.
     */
    private Consumer<String> browser(Stage stage) {
        UrlOpener opener = new UrlOpener(desktop, System.getProperty("os.name", ""), background);
        return url -> opener.open(url, (address, why) -> Platform.runLater(() -> AddressDialog.show(stage, address, why)));
    }

    /**
     * {@code -Dberth.measure.startup=true}: prints the time from the process start (the launcher script's
     * {@code exec} keeps the PID, so this includes the script) to the end of the first pulse that drew the
     * window, then quits. docs/PERFORMANCE.md's start-up figure is measured this way.
     */
    private static void reportFirstFrame(Stage stage) {
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            stage.getScene().removePostLayoutPulseListener(listener[0]);
            StartupPhases.mark("laid out");
            // runLater: after this pulse has rendered
            Platform.runLater(() -> {
                long now = System.currentTimeMillis();
                long startedAt = ProcessStart.epochMillis();
                long cpu = ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(-1L); // name clash: javafx.util.Duration
                // CPU time too: on a shared, oversubscribed machine the wall time mostly measures the neighbours.
                System.out.println("berth: first frame " + (now - startedAt) + " ms after the process started ("
                        + cpu + " ms CPU, load average " + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()
                        + "; phases: " + StartupPhases.report(startedAt) + "; at " + now + ")");
                Platform.exit();
            });
        };
        stage.getScene().addPostLayoutPulseListener(listener[0]);
    }

    /** The view-models, for tests and the screenshot driver. */
    public ProjectPanes panes() {
        return panes;
    }

    /** The Resources area (with the Swarm tab), or null in the demo. */
    public ResourcesArea resources() {
        return resources;
    }

    public MainWindow window() {
        return window;
    }

    public ThemeViewModel theme() {
        return theme;
    }

    @Override
    public void stop() {
        if (resources != null) {
            resources.close();
        }
        if (session != null) {
            session.close();
        }
        if (feed != null) {
            feed.close();
        }
        background.shutdownNow();
    }
}
