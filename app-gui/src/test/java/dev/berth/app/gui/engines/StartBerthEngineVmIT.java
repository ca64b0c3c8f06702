package dev.berth.app.gui.engines;

import static dev.berth.app.gui.engines.GuiEngineSupport.capture;
import static dev.berth.app.gui.engines.GuiEngineSupport.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.app.cli.BerthCli;
import dev.berth.app.gui.BerthApplication;
import dev.berth.app.gui.feed.EngineConnection;
import dev.berth.app.gui.main.ProjectPanes;
import dev.berth.bridge.discovery.HostEnvironment;
import dev.berth.bridge.vm.VmManager;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The proof, for real: discovery pointed at nothing, the "no engine" panel's Start button boots Berth's
 * engine VM (the image built by {@code berth vm build-image}, QEMU under whatever accelerator the probe finds —
 * TCG here, minutes) and the window reaches the connected state on the VM's engine. The VM is stopped after.
 */
@ExtendWith(ApplicationExtension.class)
class StartBerthEngineVmIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path STATE = ROOT.resolve("app-gui/target/vm-gui-it/state");

    private BerthApplication app;
    private Stage stage;

    @BeforeAll
    static void image() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/qemu-system-x86_64")) && Files.isExecutable(Path.of("/usr/bin/apt-get")),
                "no QEMU or apt: the real boot is skipped");
        System.setProperty("berth.home", ROOT.toString());
        StringWriter out = new StringWriter();
        int built = BerthCli.run(new PrintWriter(out, true), new PrintWriter(out, true), new ByteArrayInputStream(new byte[0]), false,
                "vm", "build-image");
        System.out.println("$ berth vm build-image → " + built + "\n" + out);
        assertThat(built).isZero();
    }

    @Start
    void start(Stage target) throws Exception {
        this.stage = target;
        System.setProperty("berth.state.dir", Files.createDirectories(STATE).toString());
        System.setProperty("berth.docker.config", Files.createDirectories(ROOT.resolve("app-gui/target/vm-gui-it/docker")).toString());
        System.setProperty("berth.config.dir", ROOT.resolve("app-gui/target/vm-gui-it/config").toString());
        System.setProperty("berth.host", "unix://" + STATE.resolve("nothing-here.sock")); // discovery pointed at nothing
        app = new BerthApplication(); // the real starter: VmManager.standard, profile "default"
        app.start(target);
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            WaitForAsyncUtils.asyncFx(app::stop).get(10, TimeUnit.SECONDS);
        }
        System.out.println("stop: " + VmManager.standard(HostEnvironment.current()).stop("default", Duration.ofSeconds(60)));
        System.clearProperty("berth.host");
        System.clearProperty("berth.state.dir");
        System.clearProperty("berth.docker.config");
    }

    @Test
    void theStartButtonBootsTheVmAndTheWindowConnectsToItsEngine(FxRobot robot) throws Exception {
        ProjectPanes panes = app.panes();
        waitFor(20, () -> panes.connectionProperty().get().kind() == EngineConnection.Kind.UNAVAILABLE);
        waitFor(20, () -> robot.lookup("#start-berth-engine").query().isVisible());
        long started = System.nanoTime();
        robot.clickOn("#start-berth-engine");
        waitFor(400, () -> robot.lookup("#start-berth-progress").queryListView().getItems().contains("guest reports READY"));
        capture(robot, stage, "engine-start-berth-real");
        waitFor(600, () -> panes.connectionProperty().get().kind() == EngineConnection.Kind.CONNECTED);
        System.out.println("Start Berth's engine: connected " + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s after the click");
        assertThat(panes.engineStatusProperty().get()).contains(STATE.resolve("vm/default/docker.sock").toString());
    }
}
