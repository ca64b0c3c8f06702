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
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
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
 * The VM page over the real {@link VmManager} on a temporary state folder holding a stopped VM (its settings, a
 * 40 GiB sparse data disk and the last console): state, settings and console shown as the manager reads them. Start
 * and stop are scripted (a real boot takes minutes under TCG; EngineVmIT boots it): the steps are listed and the
 * page hands on the engine's endpoint. On the running VM, shares are added (through the folder chooser, answered by
 * the test) and removed, the disk grown, and Apply asks, saves through the manager and restarts; a smaller disk is
 * refused with the manager's sentence before anything is asked or saved.
 */
@ExtendWith(ApplicationExtension.class)
class VmPageTest {

    @TempDir
    static Path dir;

    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private final List<String> switchedTo = new CopyOnWriteArrayList<>();
    private final List<Confirmations.Request> asked = new CopyOnWriteArrayList<>();
    private final List<Path> chosen = new CopyOnWriteArrayList<>();
    private VmManager manager;
    private ScriptedStart control;
    private Stage stage;

    @Start
    void start(Stage target) throws Exception {
        this.stage = target;
        Path state = dir.resolve("state");
        manager = new VmManager(state, dir.resolve("image"), dir.resolve("docker"), HostPlatform.current(),
                QemuProvider.standard(HostPlatform.current(), state));
        manager.saveSettings("default", new VmSettings(3, 1536, 40, List.of(Path.of("/home/dev")), VmSettings.defaults().fileSharing()));
        Files.writeString(manager.layout("default").previousConsole(), "[    0.000000] Linux version 6.1.0\r\nberth-init: dockerd started\r\nREADY 2.41\r\n");
        try (RandomAccessFile disk = new RandomAccessFile(manager.layout("default").dataDisk().toFile(), "rw")) {
            disk.setLength(40L << 30); // sparse, as the manager makes it
        }
        control = new ScriptedStart(VmControl.of(manager, "default"), new boolean[1]);
        VmPage page = new VmPage(control, background, switchedTo::add, request -> {
            asked.add(request);
            return new Confirmations.Answer(true, false);
        }, owner -> chosen.isEmpty() ? Optional.empty() : Optional.of(chosen.removeFirst()));
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
        assertThat(robot.lookup("#vm-disk").queryAs(Spinner.class).getValue()).isEqualTo(40);
        assertThat(robot.lookup("#vm-setting-data-disk").queryAs(Label.class).getText()).contains("MiB used");
        assertThat(shares(robot).getItems()).containsExactly(Path.of("/home/dev"));
        assertThat(robot.lookup("#vm-console").queryAs(TextArea.class).getText()).contains("dockerd started").contains("READY 2.41");
        assertThat(robot.lookup("#vm-stop").queryAs(Button.class).isDisabled()).isTrue();

        robot.clickOn("#vm-start");
        waitFor(10, () -> switchedTo.size() == 1);
        assertThat(robot.lookup("#vm-progress").queryListView().getItems()).contains("verify the image", "guest reports READY");
        assertThat(switchedTo).containsExactly("unix://" + manager.layout("default").engineSocket());
        waitFor(10, () -> "running".equals(robot.lookup("#vm-state").queryAs(Label.class).getText()));
        capture(robot, stage, "vm-page");

        // A smaller disk on the running VM: refused with a sentence; nothing asked, nothing saved.
        robot.interact(() -> robot.lookup("#vm-disk").queryAs(Spinner.class).getValueFactory().setValue(16));
        robot.clickOn("#vm-apply");
        waitFor(10, () -> robot.lookup("#vm-settings-message").queryAs(Label.class).isVisible());
        assertThat(robot.lookup("#vm-settings-message").queryAs(Label.class).getText())
                .contains("cannot shrink").contains("40 GiB").contains("delete the VM");
        assertThat(asked).isEmpty();
        assertThat(manager.settings("default").diskGiB()).isEqualTo(40);
        capture(robot, stage, "vm-page-disk-refused");

        // Shares: one added through the folder chooser, the old one removed; the disk grown, memory raised.
        Path project = Files.createDirectories(dir.resolve("projects"));
        chosen.add(project);
        robot.clickOn("#vm-share-add");
        waitFor(5, () -> shares(robot).getItems().contains(project));
        chosen.add(project.resolve("inner")); // inside a shared folder: said, not added twice
        robot.clickOn("#vm-share-add");
        assertThat(robot.lookup("#vm-settings-message").queryAs(Label.class).getText()).contains("shared already");
        robot.interact(() -> shares(robot).getSelectionModel().select(Path.of("/home/dev")));
        robot.clickOn("#vm-share-remove");
        assertThat(shares(robot).getItems()).containsExactly(project);
        robot.interact(() -> {
            robot.lookup("#vm-disk").queryAs(Spinner.class).getValueFactory().setValue(64);
            robot.lookup("#vm-memory").queryAs(Spinner.class).getValueFactory().increment(2);
        });
        capture(robot, stage, "vm-page-settings");

        // Apply on the running VM asks first, saves through the manager, then restarts it (scripted stop + start).
        robot.clickOn("#vm-apply");
        waitFor(10, () -> manager.settings("default").diskGiB() == 64);
        assertThat(manager.settings("default").shares()).containsExactly(project);
        assertThat(manager.settings("default").memoryMiB()).isEqualTo(2048);
        assertThat(manager.settings("default").cpus()).isEqualTo(3);
        assertThat(asked).singleElement().satisfies(r -> assertThat(r.message()).contains("disk 64 GiB").contains("sharing " + project)
                .contains("stops every container"));
        waitFor(10, () -> switchedTo.size() == 2);
        assertThat(robot.lookup("#vm-progress").queryListView().getItems()).contains("stopped: scripted stop", "engine answers /_ping");
        assertThat(robot.lookup("#vm-settings-message").queryAs(Label.class).isVisible()).isFalse();

        // Stopped: Delete asks, saying what is lost, then the manager really removes the instance.
        robot.clickOn("#vm-stop");
        waitFor(10, () -> !robot.lookup("#vm-delete").queryAs(Button.class).isDisabled());
        robot.clickOn("#vm-delete");
        waitFor(10, () -> "absent".equals(robot.lookup("#vm-state").queryAs(Label.class).getText()));
        assertThat(asked).hasSize(2).last().satisfies(r -> assertThat(r.message()).contains("data disk").contains("cannot be undone"));
        assertThat(Files.exists(manager.layout("default").dir())).isFalse();
    }

    @SuppressWarnings("unchecked")
    private static ListView<Path> shares(FxRobot robot) {
        return robot.lookup("#vm-shares").queryAs(ListView.class);
    }

    /** The manager's real settings, disk and console; only boot and stop are scripted ({@code running[0]} is the VM's state). */
    private record ScriptedStart(VmControl real, boolean[] running) implements VmControl {
        @Override
        public String profile() {
            return real.profile();
        }

        @Override
        public VmStatus status() {
            VmStatus s = real.status();
            return running[0] ? new VmStatus(s.profile(), VmState.RUNNING, 4242, s.engineSocket(), s.context(), "tcg", "microvm", 0, s.settings(),
                    null, null, "scripted", s.dataDiskAllocatedBytes(), List.of()) : s;
        }

        @Override
        public VmStatus start(Consumer<String> progress) {
            List.of("verify the image", "prepare the instance", "start qemu (tcg, microvm, 3 CPUs, 1536 MiB)", "process alive",
                    "guest reports READY", "engine socket relay", "engine answers /_ping").forEach(progress);
            running[0] = true;
            return status();
        }

        @Override
        public String stop() {
            running[0] = false;
            return "scripted stop";
        }

        @Override
        public Optional<String> shrinkRefusal(int diskGiB) {
            return real.shrinkRefusal(diskGiB);
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
