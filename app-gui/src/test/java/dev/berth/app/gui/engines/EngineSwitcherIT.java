package dev.berth.app.gui.engines;

import static dev.berth.app.gui.engines.GuiEngineSupport.capture;
import static dev.berth.app.gui.engines.GuiEngineSupport.clickItem;
import static dev.berth.app.gui.engines.GuiEngineSupport.deadSocket;
import static dev.berth.app.gui.engines.GuiEngineSupport.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.gui.BerthApplication;
import dev.berth.app.gui.feed.EngineConnection;
import dev.berth.app.gui.main.ProjectPanes;
import dev.berth.bridge.discovery.CandidateStatus;
import dev.berth.testkit.RequiresEngine;
import dev.berth.testkit.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
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
 * The status bar's engine switcher on the real window and the real engine. Discovery is the real one; its state
 * folder holds a Berth VM whose socket nobody listens on, so it sees the engine's socket and a dead one.
 */
@RequiresEngine
@ExtendWith(ApplicationExtension.class)
class EngineSwitcherIT {

    @TempDir
    static Path home;

    private BerthApplication app;
    private Stage stage;

    @Start
    void start(Stage target) throws Exception {
        this.stage = target;
        Path state = Files.createDirectories(home.resolve("state"));
        deadSocket(Files.createDirectories(state.resolve("vm/switcher")).resolve("docker.sock"));
        System.setProperty("berth.state.dir", state.toString());
        System.setProperty("berth.docker.config", Files.createDirectories(home.resolve("docker-config")).toString());
        System.setProperty("berth.config.dir", home.resolve("config").toString());
        System.clearProperty("berth.host"); // plain discovery
        app = new BerthApplication().withEngineStarter(new NoVm());
        app.start(target);
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(app::stop).get(10, TimeUnit.SECONDS);
        System.clearProperty("berth.state.dir");
        System.clearProperty("berth.docker.config");
    }

    @Test
    void listsTheEngineAndADeadOneAndSwitchingReconnectsEveryView(FxRobot robot) throws Exception {
        ProjectPanes panes = app.panes();
        waitFor(20, () -> panes.connectionProperty().get().kind() == EngineConnection.Kind.CONNECTED);
        String real = "unix://" + TestEngine.socket();
        String dead = "unix://" + home.resolve("state/vm/switcher/docker.sock");

        robot.clickOn("#engine-switcher");
        MenuButton switcher = robot.lookup("#engine-switcher").queryAs(MenuButton.class);
        waitFor(20, () -> candidate(switcher, real).isPresent() && candidate(switcher, dead).isPresent());
        CandidateStatus engine = (CandidateStatus) candidate(switcher, real).orElseThrow().getUserData();
        CandidateStatus vm = (CandidateStatus) candidate(switcher, dead).orElseThrow().getUserData();
        assertThat(engine.reachable()).isTrue();
        assertThat(vm.reachable()).isFalse();
        assertThat(vm.howFound()).isEqualTo("Berth VM 'switcher'");
        assertThat(EngineSwitcher.label(vm)).contains("not answering");
        assertThat(EngineSwitcher.label(engine)).contains("answers");
        WaitForAsyncUtils.waitForFxEvents();
        capture(robot, stage, "engine-switcher");

        clickItem(robot, candidate(switcher, dead).orElseThrow());
        waitFor(20, () -> panes.connectionProperty().get().kind() == EngineConnection.Kind.UNAVAILABLE
                && robot.lookup("#engine-unavailable").query().isVisible());
        assertThat(panes.connectionProperty().get().details()).contains(dead.substring("unix://".length()));
        assertThat(panes.projects().projects()).isEmpty(); // the previous engine's projects went with it
        capture(robot, stage, "engine-switched-to-dead");

        robot.clickOn("#engine-switcher");
        waitFor(20, () -> candidate(switcher, real).isPresent());
        clickItem(robot, candidate(switcher, real).orElseThrow());
        waitFor(20, () -> panes.connectionProperty().get().kind() == EngineConnection.Kind.CONNECTED
                && !robot.lookup("#engine-unavailable").query().isVisible());
        assertThat(panes.engineStatusProperty().get()).contains(real);

        // The switcher reaches the VM page: the real VmManager over this state folder, profile "default" never started.
        robot.clickOn("#engine-switcher");
        waitFor(20, () -> switcher.getItems().stream().anyMatch(i -> "engine-vm-page".equals(i.getId())));
        clickItem(robot, switcher.getItems().stream().filter(i -> "engine-vm-page".equals(i.getId())).findFirst().orElseThrow());
        waitFor(10, () -> robot.lookup("#vm-state").tryQuery().map(n -> "absent".equals(((Label) n).getText())).orElse(false));
    }

    private static Optional<MenuItem> candidate(MenuButton switcher, String endpoint) {
        return switcher.getItems().stream().filter(i -> i.getUserData() instanceof CandidateStatus c && endpoint.equals(c.endpoint())).findFirst();
    }

    /** No VM here: the panel says why, and offers no Start button. */
    private static final class NoVm implements BerthEngineStarter {
        @Override
        public Optional<String> whyCannotStart() {
            return Optional.of("no QEMU (scripted)");
        }

        @Override
        public String start(Consumer<String> progress) {
            throw new AssertionError("not offered");
        }
    }
}
