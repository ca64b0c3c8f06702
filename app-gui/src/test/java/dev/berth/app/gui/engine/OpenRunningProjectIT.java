package dev.berth.app.gui.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.gui.BerthApplication;
import dev.berth.app.gui.feed.EngineConnection;
import dev.berth.app.gui.logs.LogLine;
import dev.berth.app.gui.main.ProjectPanes;
import dev.berth.testkit.RequiresEngine;
import dev.berth.testkit.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 12, defect 2: a project that is already running, opened with {@code ./berth open PATH} (the path
 * handed to the window at start, before the engine answers) or through the Open dialog once the sidebar has
 * listed and selected it, shows each of its log lines exactly once.
 */
@RequiresEngine
@ExtendWith(ApplicationExtension.class)
class OpenRunningProjectIT {

    private static final int LINES = 40;

    @TempDir
    static Path home;

    private final String project = "open-it-" + UUID.randomUUID().toString().substring(0, 8);
    private Stage stage;
    private BerthApplication app;

    @Start
    void start(Stage primary) {
        stage = primary;
        System.setProperty("berth.config.dir", home.resolve("config-" + project).toString());
        System.setProperty("berth.host", "unix://" + TestEngine.socket());
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            WaitForAsyncUtils.asyncFx(app::stop).get(10, TimeUnit.SECONDS);
        }
        TestProjects.remove(project);
    }

    @Test
    void openPathOnARunningProjectShowsEachLogLineOnce(FxRobot robot) throws Exception {
        Path dir = runningProject();
        app = new BerthApplication(List.of(dir.toString()));
        robot.interact(() -> app.start(stage));
        ProjectPanes panes = app.panes();
        waitFor(30, () -> selected(panes) && counted(panes) >= LINES);
        assertEachLineOnce(panes);
    }

    @Test
    void openDialogOnARunningProjectShowsEachLogLineOnce(FxRobot robot) throws Exception {
        Path dir = runningProject();
        app = new BerthApplication(List.of());
        robot.interact(() -> app.start(stage));
        ProjectPanes panes = app.panes();
        waitFor(30, () -> panes.connectionProperty().get().kind() == EngineConnection.Kind.CONNECTED
                && panes.projects().projects().stream().anyMatch(p -> p.name().equals(project)));
        // The sidebar selects the project (as it selects the first one listed at start-up) and the file is
        // opened at once, while the FX thread is busy (a cold start lays out its first frames for seconds):
        // the watch from the labels and the watch with the file both deliver before the next pulse.
        robot.interact(() -> {
            panes.projects().projects().stream().filter(p -> p.name().equals(project)).findFirst()
                    .ifPresent(panes.projects().selectedProperty()::set);
            app.window().opened(dir.toFile());
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waitFor(30, () -> selected(panes) && panes.projects().selectedProperty().get().source().equals("opened") && counted(panes) >= LINES);
        assertEachLineOnce(panes);
    }

    private Path runningProject() throws Exception {
        Path dir = Files.createDirectories(home.resolve(project));
        Files.writeString(dir.resolve("compose.yaml"), """
                name: %s
                services:
                  counter:
                    image: %s
                    command: ["sh", "-c", "for i in $(seq 1 %d); do echo line-$$i; done; while true; do sleep 1; done"]
                  quiet:
                    image: %s
                    command: ["sh", "-c", "while true; do sleep 1; done"]
                    depends_on: [counter]
                """.formatted(project, TestEngine.BUSYBOX_IMAGE, LINES, TestEngine.BUSYBOX_IMAGE));
        TestProjects.up(dir);
        return dir;
    }

    private void assertEachLineOnce(ProjectPanes panes) throws Exception {
        Thread.sleep(2_000); // a second watch or replayed history would land by now
        List<String> texts = WaitForAsyncUtils.asyncFx(() -> panes.logs().lines().stream()
                .filter(l -> l.source().equals("counter")).map(LogLine::text).toList()).get(5, TimeUnit.SECONDS);
        assertThat(texts).as("the counter's log lines in the pane").hasSize(LINES).doesNotHaveDuplicates();
    }

    private boolean selected(ProjectPanes panes) {
        var selected = panes.projects().selectedProperty().get();
        return selected != null && selected.name().equals(project);
    }

    private static long counted(ProjectPanes panes) {
        return panes.logs().lines().stream().filter(l -> l.source().equals("counter")).count();
    }

    private static void waitFor(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get(5, TimeUnit.SECONDS));
    }
}
