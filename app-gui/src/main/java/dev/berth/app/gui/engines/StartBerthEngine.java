package dev.berth.app.gui.engines;

import atlantafx.base.theme.Styles;
import dev.berth.app.gui.controls.Icons;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * The first action of the "no engine" panel: <b>Start Berth's engine</b>, shown only where the VM can start (QEMU
 * and the image are there — checked off the FX thread). The boot runs on {@code background}; its readiness steps
 * (verify the image … engine answers /_ping) are listed as they pass, and once the VM's engine answers the window's
 * session is pointed at it, so the panel gives way to the connected window.
 */
public final class StartBerthEngine {

    private final BerthEngineStarter starter;
    private final EngineChoices choices;
    private final Executor background;
    private final Button start = new Button("Start Berth's engine", Icons.icon(Feather.PLAY));
    private final Label note = new Label();
    private final ObservableList<String> steps = FXCollections.observableArrayList();
    private final ListView<String> progress = new ListView<>(steps);
    private final VBox node;

    public StartBerthEngine(BerthEngineStarter starter, EngineChoices choices, Executor background) {
        this.starter = starter;
        this.choices = choices;
        this.background = background;
        start.setId("start-berth-engine");
        start.getStyleClass().add(Styles.ACCENT);
        start.setOnAction(event -> boot());
        start.setVisible(false);
        start.managedProperty().bind(start.visibleProperty());
        note.setId("start-berth-note");
        note.getStyleClass().add(Styles.TEXT_MUTED);
        note.setWrapText(true);
        note.setMaxWidth(640);
        progress.setId("start-berth-progress");
        progress.getStyleClass().add(Styles.DENSE);
        progress.setMaxWidth(640);
        progress.setPrefHeight(150);
        progress.setVisible(false);
        progress.managedProperty().bind(progress.visibleProperty());
        node = new VBox(8, start, note, progress);
        node.setAlignment(Pos.CENTER);
        background.execute(this::checkAvailable);
    }

    public VBox node() {
        return node;
    }

    /** The steps heard so far (tests). */
    public ObservableList<String> steps() {
        return steps;
    }

    private void checkAvailable() {
        Optional<String> why;
        try {
            why = starter.whyCannotStart();
        } catch (RuntimeException e) {
            why = Optional.of(String.valueOf(e.getMessage()));
        }
        Optional<String> reason = why;
        Platform.runLater(() -> {
            start.setVisible(reason.isEmpty());
            note.setText(reason.map(r -> "Berth's own engine VM cannot start here: " + r)
                    .orElse("Boots a small Linux VM with Docker Engine (QEMU); your home folder is shared at the same path."));
        });
    }

    private void boot() {
        start.setDisable(true);
        steps.clear();
        progress.setVisible(true);
        note.setText("Starting Berth's engine VM… (a first boot without KVM takes a few minutes)");
        background.execute(() -> {
            try {
                String endpoint = starter.start(step -> Platform.runLater(() -> addStep(step)));
                Platform.runLater(() -> {
                    addStep("connecting to " + endpoint);
                    note.setText("Berth's engine answers on " + endpoint);
                });
                choices.use(endpoint);
            } catch (RuntimeException e) {
                Platform.runLater(() -> {
                    addStep("failed: " + e.getMessage());
                    note.setText("Berth's engine did not start: " + e.getMessage());
                    start.setText("Try again");
                    start.setDisable(false);
                });
            }
        });
    }

    private void addStep(String step) {
        steps.add(step);
        progress.scrollTo(steps.size() - 1);
    }
}
