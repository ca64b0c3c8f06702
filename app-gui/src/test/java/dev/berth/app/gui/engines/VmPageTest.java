package dev.berth.app.gui.engines;

import static dev.berth.app.gui.engines.GuiEngineSupport.capture;
import static dev.berth.app.gui.engines.GuiEngineSupport.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.gui.controls.Confirmations;
import dev.berth.app.gui.look.Theme;
import dev.berth.bridge.vm.HostPlatform;
import dev.berth.bridge.vm.QemuProvider;
import dev.berth.bridge.vm.VmManager;
import dev.berth.bridge.vm.VmSettings;
import dev.berth.bridge.vm.VmState;
import dev.berth.bridge.vm.VmStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The VM page over the real {@link VmManager} on a temporary state folder holding a stopped VM (its settings and
 * last console): state, settings and console shown as the manager reads them. Start is scripted (a real boot takes
 * minutes under TCG; EngineVmIT boots it): its steps are listed and the page hands on the engine's endpoint.
 */
@ExtendWith(ApplicationExtension.class)
class VmPageTest {

    @TempDir
    static Path dir;

    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private final List<String> switchedTo = new CopyOnWriteArrayList<>();
    private final List<Confirmations.Request> asked = new CopyOnWriteArrayList<>();
    private VmManager manager;
    private Stage stage;

    @Start
    void start(Stage target) throws Exception {
        this.stage = target;
        Path state = dir.resolve("state");
        manager = new VmManager(state, dir.resolve("image"), dir.resolve("docker"), HostPlatform.current(),
                QemuProvider.standard(HostPlatform.current(), state));
        manager.saveSettings("default", new VmSettings(3, 1536, 40, List.of(Path.of("/home/dev")), VmSettings.defaults().fileSharing()));
        Files.writeString(manager.layout("default").previousConsole(), "[    0.000000] Linux version 6.1.0\r\nberth-init: dockerd started\r\nREADY 2.41\r\n");
        VmPage page = new VmPage(new ScriptedStart(VmControl.of(manager, "default")), background, switchedTo::add, request -> {
            asked.add(request);
            return new Confirmations.Answer(true, false);
        });
        Scene scene = new Scene(page.node(), 760, 720);
        Theme.applyBase(false); // as the app does at start
        Theme.attach(scene);
        target.setScene(scene);
        target.show();
    }

    @AfterEach
    void stop() {
        background.shutdownNow();
    }

    @Test
    void showsTheStoppedVmsStateSettingsAndConsoleAndAStartListsItsStepsAndSwitches(FxRobot robot) throws Exception {
        waitFor(10, () -> "stopped".equals(robot.lookup("#vm-state").queryAs(Label.class).getText()));
        assertThat(robot.lookup("#vm-cpus").queryAs(Spinner.class).getValue()).isEqualTo(3);
        assertThat(robot.lookup("#vm-memory").queryAs(Spinner.class).getValue()).isEqualTo(1536);
        assertThat(robot.lookup("#vm-setting-data-disk").queryAs(Label.class).getText()).startsWith("40 GiB");
        assertThat(robot.lookup("#vm-setting-shares").queryAs(Label.class).getText()).isEqualTo("/home/dev");
        assertThat(robot.lookup("#vm-console").queryAs(TextArea.class).getText()).contains("dockerd started").contains("READY 2.41");
        assertThat(robot.lookup("#vm-stop").queryAs(Button.class).isDisabled()).isTrue();

        robot.clickOn("#vm-start");
        waitFor(10, () -> switchedTo.size() == 1);
        assertThat(robot.lookup("#vm-progress").queryListView().getItems()).contains("verify the image", "guest reports READY");
        assertThat(switchedTo).containsExactly("unix://" + manager.layout("default").engineSocket());
        capture(robot, stage, "vm-page");

        // Apply on a stopped VM: stored for the next start, nothing asked.
        robot.interact(() -> robot.lookup("#vm-memory").queryAs(Spinner.class).getValueFactory().increment(2));
        robot.clickOn("#vm-apply");
        waitFor(10, () -> manager.settings("default").memoryMiB() == 2048);
        assertThat(manager.settings("default").cpus()).isEqualTo(3);
        assertThat(asked).isEmpty();

        // Delete asks, saying what is lost, then the manager really removes the instance.
        waitFor(10, () -> !robot.lookup("#vm-delete").queryAs(Button.class).isDisabled());
        robot.clickOn("#vm-delete");
        waitFor(10, () -> "absent".equals(robot.lookup("#vm-state").queryAs(Label.class).getText()));
        assertThat(asked).singleElement().satisfies(r -> assertThat(r.message()).contains("data disk").contains("cannot be undone"));
        assertThat(Files.exists(manager.layout("default").dir())).isFalse();
    }

    /** The manager's real status and console; only the boot is scripted (its steps, then "running"). */
    private record ScriptedStart(VmControl real) implements VmControl {
        @Override
        public String profile() {
            return real.profile();
        }

        @Override
        public VmStatus status() {
            return real.status();
        }

        @Override
        public VmStatus start(Consumer<String> progress) {
            List.of("verify the image", "prepare the instance", "start qemu (tcg, microvm, 3 CPUs, 1536 MiB)", "process alive",
                    "guest reports READY", "engine socket relay", "engine answers /_ping").forEach(progress);
            VmStatus s = real.status();
            return new VmStatus(s.profile(), VmState.RUNNING, 4242, s.engineSocket(), s.context(), "tcg", "microvm", 0, s.settings(),
                    null, null, "scripted", 0, List.of());
        }

        @Override
        public String stop() {
            return real.stop();
        }

        @Override
        public List<String> consoleTail(int lines) {
            return real.consoleTail(lines);
        }

        @Override
        public void saveSettings(VmSettings settings) {
            real.saveSettings(settings);
        }

        @Override
        public void delete() {
            real.delete();
        }
    }
}
