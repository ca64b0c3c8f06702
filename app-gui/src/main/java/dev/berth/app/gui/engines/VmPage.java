package dev.berth.app.gui.engines;

import atlantafx.base.theme.Styles;
import dev.berth.app.gui.controls.Confirmations;
import dev.berth.app.gui.controls.Icons;
import dev.berth.app.gui.look.Theme;
import dev.berth.bridge.vm.VmSettings;
import dev.berth.bridge.vm.VmState;
import dev.berth.bridge.vm.VmStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;

/**
 * Berth's engine VM in a window of its own: its state and why, Start / Stop / Restart (off the FX thread, the
 * boot's readiness steps listed as they pass), its settings (CPUs, memory, disk, shares, file sharing), the data
 * disk's real size and the console's last lines. CPUs and memory are edited here and applied at the next start;
 * on a running VM Apply asks before it restarts it. Delete asks and says what is lost. Opened from the engine
 * switcher; when a start finishes, {@code started} hears the engine's endpoint so the window can switch to it.
 */
public final class VmPage {

    private static final int CONSOLE_LINES = 200;

    private final VmControl vm;
    private final Executor background;
    private final Consumer<String> started;
    private final Label state = new Label();
    private final Label detail = new Label();
    private final GridPane settings = new GridPane();
    private final TextArea console = new TextArea();
    private final ObservableList<String> steps = FXCollections.observableArrayList();
    private final Button start = new Button("Start", Icons.icon(Feather.PLAY));
    private final Button stop = new Button("Stop", Icons.icon(Feather.SQUARE));
    private final Button restart = new Button("Restart", Icons.icon(Feather.REFRESH_CW));
    private final Button apply = new Button("Apply", Icons.icon(Feather.CHECK));
    private final Button delete = new Button("Delete…", Icons.icon(Feather.TRASH_2));
    private final Spinner<Integer> cpus = new Spinner<>(1, 64, 1); // QEMU allows more vCPUs than host cores (slower, but the user decides)
    private final Spinner<Integer> memory = new Spinner<>(VmSettings.MIN_MEMORY_MIB, 65_536, 1024, 256);
    private final Confirmations confirmations;
    private final VBox root;
    private VmStatus last;

    /** @param confirmations where Apply (on a running VM) and Delete ask */
    public VmPage(VmControl vm, Executor background, Consumer<String> started, Confirmations confirmations) {
        this.vm = vm;
        this.confirmations = confirmations;
        this.background = background;
        this.started = started;
        Label title = new Label("Berth's engine VM '" + vm.profile() + "'");
        title.getStyleClass().add(Styles.TITLE_3);
        state.setId("vm-state");
        state.getStyleClass().add(Styles.TITLE_4);
        detail.setId("vm-detail");
        detail.setWrapText(true);
        detail.getStyleClass().add(Styles.TEXT_MUTED);
        detail.visibleProperty().bind(detail.textProperty().isNotEmpty());
        detail.managedProperty().bind(detail.visibleProperty());
        start.setId("vm-start");
        stop.setId("vm-stop");
        restart.setId("vm-restart");
        start.getStyleClass().add(Styles.ACCENT);
        start.setOnAction(event -> act(true, false));
        stop.setOnAction(event -> act(false, true));
        restart.setOnAction(event -> act(true, true));
        cpus.setId("vm-cpus");
        memory.setId("vm-memory");
        cpus.setEditable(true);
        memory.setEditable(true);
        apply.setId("vm-apply");
        apply.setOnAction(event -> applySettings());
        delete.setId("vm-delete");
        delete.getStyleClass().add(Styles.DANGER);
        delete.setOnAction(event -> deleteVm());
        Button refresh = Icons.button(Feather.ROTATE_CW, "Read the state again");
        refresh.setOnAction(event -> refresh());
        settings.setId("vm-settings");
        settings.setHgap(16);
        settings.setVgap(4);
        ListView<String> progress = new ListView<>(steps);
        progress.setId("vm-progress");
        progress.getStyleClass().add(Styles.DENSE);
        progress.setPrefHeight(110);
        console.setId("vm-console");
        console.setEditable(false);
        console.setStyle("-fx-font-family: monospace;");
        VBox.setVgrow(console, Priority.ALWAYS);
        Label consoleTitle = new Label("Console (last lines)");
        consoleTitle.getStyleClass().add(Styles.TEXT_BOLD);
        Label progressTitle = new Label("Boot progress");
        progressTitle.getStyleClass().add(Styles.TEXT_BOLD);
        root = new VBox(10, title, new HBox(10, state, refresh), detail, new HBox(8, start, stop, restart, delete), settings, progressTitle, progress,
                consoleTitle, console);
        root.setPadding(new Insets(16));
        root.setId("vm-page");
        refresh();
    }

    public VBox node() {
        return root;
    }

    /** The page in its own window over {@code owner}. */
    public Stage show(Window owner) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle("Berth's engine VM");
        Scene scene = new Scene(root, 720, 640);
        Theme.attach(scene);
        stage.setScene(scene);
        stage.show();
        return stage;
    }

    /** The boot steps heard so far (tests). */
    public ObservableList<String> steps() {
        return steps;
    }

    /** Reads the state, settings and console off the FX thread. */
    public void refresh() {
        background.execute(() -> {
            try {
                VmStatus status = vm.status();
                List<String> tail = vm.consoleTail(CONSOLE_LINES);
                Platform.runLater(() -> show(status, tail));
            } catch (RuntimeException e) {
                Platform.runLater(() -> detail.setText("Cannot read the VM's state: " + e.getMessage()));
            }
        });
    }

    private void show(VmStatus status, List<String> tail) {
        state.setText(status.state().name().toLowerCase(Locale.ROOT));
        String why = status.detail() == null || status.detail().equalsIgnoreCase(status.state().name()) ? "" : status.detail();
        String lastStop = status.lastStop() == null ? "" : "last stop: " + status.lastStop();
        detail.setText(why.isEmpty() || lastStop.isEmpty() ? why + lastStop : why + " · " + lastStop);
        boolean running = status.state() == VmState.RUNNING || status.state() == VmState.DEGRADED;
        start.setDisable(running);
        stop.setDisable(!running);
        restart.setDisable(!running);
        delete.setDisable(running || status.state() == VmState.ABSENT);
        last = status;
        VmSettings s = status.settings();
        settings.getChildren().clear();
        cpus.getValueFactory().setValue(s.cpus());
        memory.getValueFactory().setValue(s.memoryMiB());
        Label note = new Label("applied at the next start");
        note.getStyleClass().add(Styles.TEXT_MUTED);
        settings.addRow(0, muted("CPUs"), new HBox(8, cpus, apply, note));
        settings.addRow(1, muted("Memory (MiB)"), memory);
        row(2, "Data disk", s.diskGiB() + " GiB, " + mib(status.dataDiskAllocatedBytes()) + " MiB used");
        row(3, "Shares", s.shares().isEmpty() ? "none" : String.join(", ", s.shares().stream().map(Path::toString).toList()));
        row(4, "File sharing", s.fileSharing().name().toLowerCase(Locale.ROOT));
        row(5, "Engine socket", status.engineSocket());
        row(6, "Accelerator", status.provider() + " · " + (status.accelerator() == null ? "chosen at start" : status.accelerator() + " · " + status.machine()));
        console.setText(tail.isEmpty() ? "(no console output yet)" : String.join("\n", tail));
        console.positionCaret(console.getLength());
    }

    private static Label muted(String text) {
        Label label = new Label(text);
        label.getStyleClass().add(Styles.TEXT_MUTED);
        return label;
    }

    /** Stores CPUs and memory; on a running VM, asks, then restarts it so they apply. */
    private void applySettings() {
        if (last == null) {
            return;
        }
        VmSettings wanted = last.settings().withCpus(cpus.getValue()).withMemoryMiB(memory.getValue());
        boolean running = last.state() == VmState.RUNNING || last.state() == VmState.DEGRADED;
        if (running && !confirmations.ask(Confirmations.Request.of("Restart Berth's engine VM?", "The new settings (" + wanted.cpus()
                + " CPUs, " + wanted.memoryMiB() + " MiB) apply when the VM starts again. Restarting stops every container running in it;"
                + " images, volumes and stopped containers stay on its data disk.", "Restart")).confirmed()) {
            return;
        }
        background.execute(() -> {
            try {
                vm.saveSettings(wanted);
                Platform.runLater(() -> steps.setAll("settings saved: " + wanted.cpus() + " CPUs, " + wanted.memoryMiB() + " MiB"));
            } catch (RuntimeException e) {
                Platform.runLater(() -> steps.setAll("settings not saved: " + e.getMessage()));
                return;
            }
            if (running) {
                Platform.runLater(() -> act(true, true));
            } else {
                refresh();
            }
        });
    }

    /** Deletes the stopped VM after saying what goes with it. */
    private void deleteVm() {
        if (last == null) {
            return;
        }
        String message = "Deletes the VM '" + vm.profile() + "' and its data disk (" + mib(last.dataDiskAllocatedBytes()) + " MiB): every image,"
                + " container and volume inside it, its certificates, console logs and settings, and the docker context " + last.context()
                + (last.provider().equals("wsl2") ? ", and unregisters its WSL distro (wsl.exe --unregister: the distro's disk goes with it)" : "")
                + ". This cannot be undone; the next start makes a new, empty VM.";
        if (!confirmations.ask(Confirmations.Request.of("Delete Berth's engine VM?", message, "Delete")).confirmed()) {
            return;
        }
        background.execute(() -> {
            try {
                vm.delete();
                Platform.runLater(() -> steps.setAll("deleted"));
            } catch (RuntimeException e) {
                Platform.runLater(() -> steps.setAll("not deleted: " + e.getMessage()));
            }
            refresh();
        });
    }

    private void row(int index, String name, String value) {
        Label key = muted(name);
        Label text = new Label(value);
        text.setId("vm-setting-" + name.toLowerCase(Locale.ROOT).replace(' ', '-'));
        settings.addRow(index, key, text);
    }

    private static long mib(long bytes) {
        return bytes / (1024 * 1024);
    }

    private void act(boolean boot, boolean halt) {
        start.setDisable(true);
        stop.setDisable(true);
        restart.setDisable(true);
        steps.clear();
        background.execute(() -> {
            try {
                if (halt) {
                    String how = vm.stop();
                    Platform.runLater(() -> steps.add("stopped: " + how));
                }
                if (boot) {
                    VmStatus status = vm.start(step -> Platform.runLater(() -> steps.add(step)));
                    started.accept("unix://" + status.engineSocket());
                }
            } catch (RuntimeException e) {
                Platform.runLater(() -> steps.add("failed: " + e.getMessage()));
            }
            refresh();
        });
    }
}
