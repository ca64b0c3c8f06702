package dev.berth.app.gui.engines;

import atlantafx.base.theme.Styles;
import dev.berth.app.gui.controls.Confirmations;
import dev.berth.app.gui.controls.Icons;
import dev.berth.app.gui.look.Theme;
import dev.berth.bridge.vm.VmSettings;
import dev.berth.bridge.vm.VmState;
import dev.berth.bridge.vm.VmStatus;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;

/**
 * Berth's engine VM in a window of its own: its state and why, Start / Stop / Restart (off the FX thread, the
 * boot's readiness steps listed as they pass), its settings (CPUs, memory, disk, shares, file sharing), the data
 * disk's real size and the console's last lines. CPUs, memory, the data disk's size (it grows, it never shrinks:
 * a smaller size is refused with a sentence) and the shared host folders (added with a folder chooser, removed from
 * the list) are edited here and applied at the next start; on a running VM Apply asks before it restarts it. Delete
 * asks and says what is lost. Opened from the engine switcher; when a start finishes, {@code started} hears the
 * engine's endpoint so the window can switch to it.
 */
public final class VmPage {

    /** Picks a host folder to share (a {@link DirectoryChooser} in the app; a test answers itself). */
    @FunctionalInterface
    public interface FolderChooser {
        Optional<Path> choose(Window owner);
    }

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
    private final Spinner<Integer> disk = new Spinner<>(2, 4096, 32, 8);
    private final ObservableList<Path> shares = FXCollections.observableArrayList();
    private final ListView<Path> shareList = new ListView<>(shares);
    private final Button addShare = new Button("Add folder…", Icons.icon(Feather.FOLDER_PLUS));
    private final Button removeShare = new Button("Remove", Icons.icon(Feather.FOLDER_MINUS));
    private final Label settingsMessage = new Label();
    private final Label diskUsed = new Label();
    private final FolderChooser folders;
    private final Confirmations confirmations;
    private final VBox root;
    private VmStatus last;

    /** @param confirmations where Apply (on a running VM) and Delete ask */
    public VmPage(VmControl vm, Executor background, Consumer<String> started, Confirmations confirmations) {
        this(vm, background, started, confirmations, VmPage::chooseFolder);
    }

    /** @param folders asks for the host folder "Add folder…" shares */
    public VmPage(VmControl vm, Executor background, Consumer<String> started, Confirmations confirmations, FolderChooser folders) {
        this.vm = vm;
        this.confirmations = confirmations;
        this.folders = folders;
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
        disk.setId("vm-disk");
        cpus.setEditable(true);
        memory.setEditable(true);
        disk.setEditable(true);
        shareList.setId("vm-shares");
        shareList.getStyleClass().add(Styles.DENSE);
        shareList.setPrefHeight(84);
        shareList.setPrefWidth(440);
        shareList.setPlaceholder(muted("no shared folders: bind mounts cannot reach the host"));
        addShare.setId("vm-share-add");
        removeShare.setId("vm-share-remove");
        removeShare.disableProperty().bind(shareList.getSelectionModel().selectedItemProperty().isNull());
        addShare.setOnAction(event -> addShare());
        removeShare.setOnAction(event -> {
            shares.remove(shareList.getSelectionModel().getSelectedItem());
            settingsMessage.setText("");
        });
        settingsMessage.setId("vm-settings-message");
        settingsMessage.setWrapText(true);
        settingsMessage.setMinHeight(Region.USE_PREF_SIZE); // a refusal is a sentence or two: wrapped, never cut
        settingsMessage.setMaxWidth(Double.MAX_VALUE);
        settingsMessage.getStyleClass().add(Styles.WARNING);
        settingsMessage.visibleProperty().bind(settingsMessage.textProperty().isNotEmpty());
        settingsMessage.managedProperty().bind(settingsMessage.visibleProperty());
        diskUsed.setId("vm-setting-data-disk");
        diskUsed.getStyleClass().add(Styles.TEXT_MUTED);
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
        progress.setMinHeight(64); // the console gives way first when the window is short
        console.setId("vm-console");
        console.setEditable(false);
        console.setStyle("-fx-font-family: monospace;");
        VBox.setVgrow(console, Priority.ALWAYS);
        Label consoleTitle = new Label("Console (last lines)");
        consoleTitle.getStyleClass().add(Styles.TEXT_BOLD);
        Label progressTitle = new Label("Boot progress");
        progressTitle.getStyleClass().add(Styles.TEXT_BOLD);
        root = new VBox(10, title, new HBox(10, state, refresh), detail, new HBox(8, start, stop, restart, delete), settings, settingsMessage,
                progressTitle, progress, consoleTitle, console);
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
        disk.getValueFactory().setValue(s.diskGiB());
        shares.setAll(s.shares());
        diskUsed.setText(mib(status.dataDiskAllocatedBytes()) + " MiB used · grows, never shrinks");
        Label note = new Label("applied at the next start");
        note.getStyleClass().add(Styles.TEXT_MUTED);
        settings.addRow(0, muted("CPUs"), cpus);
        settings.addRow(1, muted("Memory (MiB)"), memory);
        settings.addRow(2, muted("Data disk (GiB)"), new HBox(8, disk, diskUsed));
        VBox shareButtons = new VBox(4, addShare, removeShare);
        HBox shareRow = new HBox(8, shareList, shareButtons);
        HBox.setHgrow(shareList, Priority.ALWAYS);
        settings.addRow(3, muted("Shared folders"), shareRow);
        HBox applyRow = new HBox(8, apply, note);
        applyRow.setAlignment(Pos.CENTER_LEFT);
        settings.addRow(4, new Label(), applyRow);
        row(5, "File sharing", s.fileSharing().name().toLowerCase(Locale.ROOT));
        row(6, "Engine socket", status.engineSocket());
        row(7, "Accelerator", status.provider() + " · " + (status.accelerator() == null ? "chosen at start" : status.accelerator() + " · " + status.machine()));
        console.setText(tail.isEmpty() ? "(no console output yet)" : String.join("\n", tail));
        console.positionCaret(console.getLength());
    }

    private static Label muted(String text) {
        Label label = new Label(text);
        label.getStyleClass().add(Styles.TEXT_MUTED);
        return label;
    }

    /** Adds the folder the chooser returns (a folder already shared, or inside one, is not added twice). */
    private void addShare() {
        folders.choose(root.getScene() == null ? null : root.getScene().getWindow()).map(p -> p.toAbsolutePath().normalize()).ifPresent(folder -> {
            if (shares.stream().anyMatch(folder::startsWith)) {
                settingsMessage.setText(folder + " is shared already (it is in " + shares.stream().filter(folder::startsWith).findFirst().orElseThrow() + ").");
            } else {
                settingsMessage.setText("");
                shares.add(folder);
            }
        });
    }

    private static Optional<Path> chooseFolder(Window owner) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Share a host folder with the VM");
        File home = new File(System.getProperty("user.home"));
        if (home.isDirectory()) {
            chooser.setInitialDirectory(home);
        }
        return Optional.ofNullable(chooser.showDialog(owner)).map(File::toPath);
    }

    /**
     * Stores CPUs, memory, disk size and shares; on a running VM, asks, then restarts it so they apply. A smaller disk
     * is refused here with the manager's sentence, before anything is asked or saved.
     */
    private void applySettings() {
        if (last == null) {
            return;
        }
        commitEditors();
        VmSettings wanted;
        try {
            wanted = last.settings().withCpus(cpus.getValue()).withMemoryMiB(memory.getValue()).withDiskGiB(disk.getValue())
                    .withShares(List.copyOf(shares));
        } catch (IllegalArgumentException e) {
            settingsMessage.setText(e.getMessage());
            return;
        }
        Optional<String> refusal = vm.shrinkRefusal(wanted.diskGiB());
        if (refusal.isPresent()) {
            settingsMessage.setText(refusal.get());
            return;
        }
        settingsMessage.setText("");
        List<String> missing = wanted.shares().stream().filter(p -> !Files.isDirectory(p)).map(Path::toString).toList();
        boolean running = last.state() == VmState.RUNNING || last.state() == VmState.DEGRADED;
        String summary = describe(wanted);
        if (running && !confirmations.ask(Confirmations.Request.of("Restart Berth's engine VM?", "The new settings (" + summary
                + ") apply when the VM starts again. Restarting stops every container running in it;"
                + " images, volumes and stopped containers stay on its data disk.", "Restart")).confirmed()) {
            return;
        }
        background.execute(() -> {
            try {
                vm.saveSettings(wanted);
                Platform.runLater(() -> {
                    steps.setAll("settings saved: " + summary);
                    if (!missing.isEmpty()) {
                        steps.add("not a folder on this host (yet): " + String.join(", ", missing));
                    }
                });
            } catch (RuntimeException e) {
                Platform.runLater(() -> {
                    steps.setAll("settings not saved: " + e.getMessage());
                    settingsMessage.setText(e.getMessage());
                });
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

    private static String describe(VmSettings s) {
        List<String> parts = new ArrayList<>(List.of(s.cpus() + " CPUs", s.memoryMiB() + " MiB", "disk " + s.diskGiB() + " GiB"));
        parts.add(s.shares().isEmpty() ? "no shared folders" : "sharing " + String.join(", ", s.shares().stream().map(Path::toString).toList()));
        return String.join(", ", parts);
    }

    /** A value typed into an editable spinner counts even when Apply is clicked before the field loses focus. */
    private void commitEditors() {
        for (Spinner<Integer> spinner : List.of(cpus, memory, disk)) {
            try {
                spinner.getValueFactory().setValue(spinner.getValueFactory().getConverter().fromString(spinner.getEditor().getText().strip()));
            } catch (RuntimeException e) {
                spinner.getEditor().setText(String.valueOf(spinner.getValue())); // not a number: the last valid value stays
            }
        }
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
