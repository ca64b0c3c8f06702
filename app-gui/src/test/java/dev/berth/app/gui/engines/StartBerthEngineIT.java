package dev.berth.app.gui.engines;

import static dev.berth.app.gui.engines.GuiEngineSupport.capture;
import static dev.berth.app.gui.engines.GuiEngineSupport.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.gui.BerthApplication;
import dev.berth.app.gui.feed.EngineConnection;
import dev.berth.app.gui.main.ProjectPanes;
import dev.berth.testkit.RequiresEngine;
import dev.berth.testkit.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
 * The "no engine" panel's Start button on the real window: discovery pointed at nothing, the VM boot scripted (it
 * takes minutes under TCG) with VmManager's readiness steps, and the engine it "boots" the real one, so the window
 * really connects once the boot reports its engine.
 */
@RequiresEngine
@ExtendWith(ApplicationExtension.class)
class StartBerthEngineIT {

    @TempDir
    static Path home;

    private final CountDownLatch releaseBoot = new CountDownLatch(1);
    private BerthApplication app;
    private Stage stage;

    @Start
    void start(Stage target) throws Exception {
        this.stage = target;
        System.setProperty("berth.state.dir", Files.createDirectories(home.resolve("state")).toString());
        System.setProperty("berth.docker.config", Files.createDirectories(home.resolve("docker-config")).toString());
        System.setProperty("berth.config.dir", home.resolve("config").toString());
        System.setProperty("berth.host", "unix://" + home.resolve("nothing-here.sock")); // discovery pointed at nothing
        app = new BerthApplication().withEngineStarter(new ScriptedBoot());
        app.start(target);
    }

    @AfterEach
    void stop() throws Exception {
        releaseBoot.countDown();
        WaitForAsyncUtils.asyncFx(app::stop).get(10, TimeUnit.SECONDS);
        System.clearProperty("berth.host");
        System.clearProperty("berth.state.dir");
        System.clearProperty("berth.docker.config");
    }

    @Test
    void startBerthsEngineShowsTheBootStepsAndConnectsWhenItsEngineAnswers(FxRobot robot) throws Exception {
        ProjectPanes panes = app.panes();
        waitFor(20, () -> panes.connectionProperty().get().kind() == EngineConnection.Kind.UNAVAILABLE);
        waitFor(10, () -> robot.lookup("#start-berth-engine").query().isVisible());
        robot.clickOn("#start-berth-engine");
        waitFor(10, () -> robot.lookup("#start-berth-progress").queryListView().getItems().contains("guest reports READY"));
        WaitForAsyncUtils.waitForFxEvents();
        capture(robot, stage, "engine-start-berth");
        assertThat(panes.connectionProperty().get().kind()).isEqualTo(EngineConnection.Kind.UNAVAILABLE);

        releaseBoot.countDown();
        waitFor(20, () -> panes.connectionProperty().get().kind() == EngineConnection.Kind.CONNECTED);
        assertThat(panes.engineStatusProperty().get()).contains("unix://" + TestEngine.socket());
        assertThat(robot.lookup("#engine-unavailable").query().isVisible()).isFalse();
    }

    /** VmManager's readiness steps in its order; "the engine answers" once the test lets it, on the real engine. */
    private final class ScriptedBoot implements BerthEngineStarter {
        @Override
        public Optional<String> whyCannotStart() {
            return Optional.empty();
        }

        @Override
        public String start(Consumer<String> progress) {
            for (String step : List.of("verify the image", "prepare the instance", "start qemu (tcg, microvm, 2 CPUs, 1024 MiB)",
                    "process alive", "guest reports READY")) {
                progress.accept(step);
            }
            try {
                releaseBoot.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            progress.accept("engine socket relay");
            progress.accept("engine answers /_ping on " + TestEngine.socket());
            return "unix://" + TestEngine.socket();
        }
    }
}
