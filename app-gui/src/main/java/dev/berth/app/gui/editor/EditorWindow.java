package dev.berth.app.gui.editor;

import dev.berth.app.gui.AppIcons;
import dev.berth.app.gui.fx.FxUiScheduler;
import dev.berth.app.gui.look.HelpOverlay;
import dev.berth.app.gui.look.Shortcuts;
import dev.berth.app.gui.look.Theme;
import dev.berth.app.workspace.ProjectInvocation;
import dev.berth.engine.compose.ComposeEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The editor in its own window: builds the view-model for a project, checks the files on disk for
 * changes by other programs when the window regains focus and every few seconds, and asks before
 * closing with unsaved changes (save, discard or cancel).
 */
public final class EditorWindow {

    /**
     * The pause in typing after which validation starts. A warm 2,000-line project validates in ~14 ms;
     * from the last keystroke to the problems list the FX side (results applied, squiggles restyled, a
     * pulse or two) added ~50 ms more, so 50 ms of debounce measured 116 ms end to end and 30 ms is what
     * keeps it under 100 ms (docs/PERFORMANCE.md). Human typing pauses longer than either between keys,
     * so the shorter pause validates no more often while typing.
     */
    public static final Duration DEBOUNCE = Duration.ofMillis(30);

    /** What to do with unsaved changes when closing. */
    public enum CloseChoice { SAVE, DISCARD, CANCEL }

    private final Stage stage;
    private final EditorView view;
    private final EditorViewModel model;
    private final HelpOverlay help = new HelpOverlay();
    private Supplier<CloseChoice> unsavedPrompt;
    private final Timeline poll = new Timeline();

    private EditorWindow(Stage stage, EditorViewModel model) {
        this.stage = stage;
        this.model = model;
        this.view = new EditorView(model);
        this.unsavedPrompt = this::ask;
    }

    /** Opens an editor window for {@code invocation}; {@code engine} gives the connected engine, when there is one. */
    public static EditorWindow open(Window owner, ProjectInvocation invocation, Executor background,
                                    Supplier<Optional<ComposeEngine>> engine) {
        EditorViewModel model = new EditorViewModel(invocation, System.getenv(), new FxUiScheduler(), background,
                new ValidationService(DEBOUNCE), RecoveryStore.defaultStore(), engine);
        EditorWindow window = new EditorWindow(new Stage(), model);
        window.show(owner);
        model.open();
        return window;
    }

    /** Shows an editor for an existing view-model in {@code stage} (tests, benchmarks). */
    public static EditorWindow show(Stage stage, EditorViewModel model) {
        EditorWindow window = new EditorWindow(stage, model);
        window.show(null);
        return window;
    }

    private void show(Window owner) {
        // F1 lists the editor's own keys over the editor, as the main window's F1 lists its shortcuts.
        List<HelpOverlay.Row> keys = new ArrayList<>(EditorKeys.helpRows());
        keys.add(new HelpOverlay.Row(Shortcuts.display(EditorKeys.HELP), "Show or hide this list"));
        help.setSections(List.of(List.of(new HelpOverlay.Section("Compose editor", keys))));
        Scene scene = new Scene(new StackPane(view, help), 1100, 720);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        Theme.attach(scene); // the help overlay's card
        scene.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (EditorKeys.HELP.match(event)) {
                help.toggle();
                event.consume();
            }
        });
        help.visibleProperty().addListener((obs, was, visible) -> {
            if (!visible) {
                view.currentEditor().ifPresent(editor -> editor.area().requestFocus()); // back to typing at the caret
            }
        });
        stage.setScene(scene);
        stage.setTitle("Edit — " + model.title());
        stage.getIcons().setAll(AppIcons.windowIcons());
        stage.setOnCloseRequest(event -> {
            if (!confirmClose()) {
                event.consume();
            }
        });
        stage.setOnHidden(event -> dispose());
        stage.focusedProperty().addListener((obs, old, focused) -> {
            if (focused) {
                model.checkDisk();
            }
        });
        poll.getKeyFrames().setAll(new KeyFrame(javafx.util.Duration.seconds(3), e -> model.checkDisk())); // name clash: java.time.Duration
        poll.setCycleCount(Timeline.INDEFINITE);
        poll.play();
        stage.show();
    }

    /** Stops watching the disk and validating (the window is gone). */
    public void dispose() {
        poll.stop();
        model.close();
    }

    /** True when the window may close: nothing unsaved, or the user saved or discarded it. */
    public boolean confirmClose() {
        if (!model.hasUnsavedChanges()) {
            return true;
        }
        return switch (unsavedPrompt.get()) {
            case SAVE -> {
                model.saveAll().join();
                yield true;
            }
            case DISCARD -> {
                model.documents().stream().filter(EditorDocument::isDirty).forEach(model::discard);
                yield true;
            }
            case CANCEL -> false;
        };
    }

    /** Replaces the question (tests answer it without a dialog). */
    public void setUnsavedPrompt(Supplier<CloseChoice> prompt) {
        this.unsavedPrompt = prompt;
    }

    private CloseChoice ask() {
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Don't save", ButtonBar.ButtonData.NO);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "Some files have unsaved changes. Save them before closing?",
                save, discard, ButtonType.CANCEL);
        alert.initOwner(stage);
        Theme.attach(alert.getDialogPane());
        alert.setHeaderText("Unsaved changes");
        ButtonType answer = alert.showAndWait().orElse(ButtonType.CANCEL);
        return answer == save ? CloseChoice.SAVE : answer == discard ? CloseChoice.DISCARD : CloseChoice.CANCEL;
    }

    /** The F1 overlay (tests). */
    public HelpOverlay help() {
        return help;
    }

    public EditorView view() {
        return view;
    }

    public Stage stage() {
        return stage;
    }
}
