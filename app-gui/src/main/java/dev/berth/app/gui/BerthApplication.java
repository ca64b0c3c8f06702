package dev.berth.app.gui;

import dev.berth.app.gui.feed.ProjectFeed;
import dev.berth.app.gui.feed.SampleProjectFeed;
import dev.berth.app.gui.fx.FxUiScheduler;
import dev.berth.app.gui.look.SystemThemeDetector;
import dev.berth.app.gui.look.ThemeViewModel;
import dev.berth.app.gui.look.WindowStateStore;
import dev.berth.app.gui.main.MainWindow;
import dev.berth.app.gui.main.ProjectPanes;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * The Berth window. Wires the view-models to the FX scheduler and a virtual-thread executor for background
 * work, and — only with {@code -Dberth.demo=true} — to {@link SampleProjectFeed}'s made-up project. The
 * engine feed plugs into the same {@link ProjectFeed} seam when engine-core lands.
 *
 * <p>System properties: {@code berth.demo} (demo data), {@code berth.theme} ({@code light}/{@code dark}
 * override the remembered choice), {@code berth.config.dir} (where window state is kept; tests use a
 * temporary directory), {@code berth.training} (the launcher's AOT training run).
 */
public final class BerthApplication extends Application {

    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private ProjectFeed feed;
    private dev.berth.app.workspace.EngineSession session;
    private dev.berth.app.gui.resources.ResourcesArea resources;

    @Override
    public void start(Stage stage) {
        boolean demo = Boolean.getBoolean("berth.demo");
        FxUiScheduler ui = new FxUiScheduler();
        Clock clock = Clock.systemDefaultZone();
        ProjectPanes panes = new ProjectPanes(ui, background, clock, browser());
        ThemeViewModel theme = new ThemeViewModel(SystemThemeDetector.forThisDesktop(), background, ui);
        String configDir = System.getProperty("berth.config.dir");
        WindowStateStore store = new WindowStateStore(configDir == null ? WindowStateStore.defaultFile()
                : Path.of(configDir).resolve("window.properties"));
        feed = demo ? new SampleProjectFeed(clock) : null;

        // The engine connection, shared by every pane that talks to the engine (the Resources area so far).
        session = new dev.berth.app.workspace.EngineSession(() -> dev.berth.bridge.discovery.EngineDiscovery
                .standard(dev.berth.bridge.discovery.HostEnvironment.current()).discover(dev.berth.bridge.discovery.DiscoveryOptions.defaults()));
        resources = dev.berth.app.gui.resources.ResourcesArea.forSession(session, ui, background,
                new dev.berth.app.gui.controls.DialogConfirmations(() -> stage));
        new MainWindow(panes, theme, store, Optional.ofNullable(feed), demo).withResources(resources).show(stage);
        if (!demo) {
            session.start();
        }
        String forced = System.getProperty("berth.theme", System.getenv().getOrDefault("BERTH_THEME", ""));
        if (forced.equalsIgnoreCase("dark") || forced.equalsIgnoreCase("light")) {
            theme.modeProperty().set(forced.equalsIgnoreCase("dark") ? dev.berth.app.gui.look.ThemeMode.DARK : dev.berth.app.gui.look.ThemeMode.LIGHT);
        }
        if (feed != null) {
            feed.start(panes);
        }
        if (Boolean.getBoolean("berth.training")) {
            // The launcher's AOT training run: the first frame is all it needs to see.
            PauseTransition settle = new PauseTransition(Duration.seconds(1.5));
            settle.setOnFinished(event -> Platform.exit());
            settle.play();
        }
    }

    /** Opens URLs through the platform's browser; a no-op where the application was not launched normally. */
    private Consumer<String> browser() {
        return url -> {
            try {
                getHostServices().showDocument(url);
            } catch (RuntimeException e) {
                java.util.logging.Logger.getLogger(BerthApplication.class.getName()).warning("Cannot open " + url + ": " + e);
            }
        };
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
