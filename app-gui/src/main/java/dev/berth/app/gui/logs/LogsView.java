package dev.berth.app.gui.logs;

import atlantafx.base.controls.CustomTextField;
import dev.berth.app.gui.controls.Icons;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;

/**
 * The logs pane: a virtualised view of the log lines ({@link LogLinesView}) with a toolbar for search
 * (highlight, or filter with the funnel), timestamps, wrap, follow, copy, save and clear. Click selects a
 * line, shift-click extends, Ctrl+C copies, Ctrl+A selects all, End resumes following.
 */
public final class LogsView extends BorderPane {

    private final LogsViewModel model;
    private final LogSelection selection = new LogSelection();
    private final LogLinesView linesView;
    private final StackPane body;
    private final Label placeholder = placeholder();
    private final CustomTextField search = new CustomTextField();
    private final Label status = new Label();

    public LogsView(LogsViewModel model) {
        this.model = model;
        getStyleClass().add("logs-view");

        linesView = new LogLinesView(model, selection);
        linesView.setId("logs-list");
        placeholder.setMouseTransparent(true);
        body = new StackPane(linesView, placeholder);
        body.setFocusTraversable(true);

        setTop(toolbar());
        setCenter(body);

        model.lines().addListener((ListChangeListener<LogLine>) change -> onLinesChanged());
        model.droppedLinesProperty().addListener((obs, old, dropped) -> updateStatus());
        model.filterModeProperty().addListener((obs, old, on) -> updateStatus());
        model.sourceFilterProperty().addListener((obs, old, on) -> updateStatus());
        model.matchesProperty().addListener((obs, old, on) -> updateStatus());
        model.searchQueryProperty().addListener((obs, old, on) -> updateStatus());
        linesView.addEventHandler(MouseEvent.MOUSE_PRESSED, this::onMousePressed);
        body.addEventHandler(KeyEvent.KEY_PRESSED, this::onKeyPressed);
        updateStatus();
        placeholder.setVisible(model.lines().isEmpty());
    }

    /** Re-reads colours from the theme; call after switching light/dark. */
    public void themeChanged() {
        linesView.themeChanged();
    }

    /** Puts the caret in the search field (Ctrl+F). */
    public void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    /** The lines on screen, top to bottom (for tests). */
    public List<LogLine> visibleLines() {
        return linesView.shownRows().stream().map(LogRow::shown).toList();
    }

    public int selectedCount() {
        return selection.isEmpty() ? 0 : selection.last() - selection.first() + 1;
    }

    private ToolBar toolbar() {
        search.setId("logs-search");
        search.setPromptText("Search logs");
        search.setLeft(Icons.icon(Feather.SEARCH));
        search.setPrefColumnCount(16);
        search.textProperty().bindBidirectional(model.searchQueryProperty());
        search.setOnAction(event -> jumpToMatch(true));
        search.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ENTER && event.isShiftDown()) {
                jumpToMatch(false);
                event.consume();
            } else if (event.getCode() == KeyCode.ESCAPE) {
                search.clear();
            }
        });

        Button previous = Icons.button(Feather.CHEVRON_UP, "Previous match (Shift+Enter)");
        previous.setOnAction(event -> jumpToMatch(false));
        Button next = Icons.button(Feather.CHEVRON_DOWN, "Next match (Enter)");
        next.setOnAction(event -> jumpToMatch(true));
        ToggleButton filter = Icons.toggle(Feather.FILTER, "Show only matching lines");
        filter.setId("logs-filter");
        filter.selectedProperty().bindBidirectional(model.filterModeProperty());

        ToggleButton timestamps = Icons.toggle(Feather.CLOCK, "Show timestamps");
        timestamps.setId("logs-timestamps");
        timestamps.selectedProperty().bindBidirectional(model.showTimestampsProperty());
        ToggleButton wrap = Icons.toggle(Feather.CORNER_DOWN_LEFT, "Wrap long lines");
        wrap.selectedProperty().bindBidirectional(model.wrapProperty());
        ToggleButton follow = Icons.toggle(Feather.ARROW_DOWN_CIRCLE, "Follow new lines (scroll up to pause)");
        follow.setId("logs-follow");
        follow.selectedProperty().bindBidirectional(model.followProperty());

        Button copy = Icons.button(Feather.COPY, "Copy selected lines (Ctrl+C)");
        copy.setOnAction(event -> copySelection());
        Button save = Icons.button(Feather.DOWNLOAD, "Save shown lines to a file");
        save.setOnAction(event -> saveToFile());
        Button clear = Icons.button(Feather.TRASH_2, "Clear the pane");
        clear.setOnAction(event -> {
            selection.clear();
            model.clear();
        });

        status.getStyleClass().add("logs-status");
        Button onlySource = new Button();
        onlySource.setId("logs-source-filter");
        onlySource.getStyleClass().addAll(atlantafx.base.theme.Styles.SMALL, "filter-chip"); // berth.css: readable in both themes
        onlySource.setGraphic(Icons.icon(Feather.X));
        onlySource.setContentDisplay(ContentDisplay.RIGHT);
        onlySource.setTooltip(new Tooltip("Showing one service; click for all"));
        onlySource.textProperty().bind(model.sourceFilterProperty().map(source -> "only " + source));
        onlySource.visibleProperty().bind(model.sourceFilterProperty().isNotNull());
        onlySource.managedProperty().bind(onlySource.visibleProperty());
        onlySource.setOnAction(event -> model.sourceFilterProperty().set(null));
        // The service chip and the count (with the search's matches) come right after the search: a toolbar
        // moves what does not fit into its overflow menu from the end, and the count must stay visible.
        status.setMinWidth(Region.USE_PREF_SIZE);
        onlySource.setMinWidth(Region.USE_PREF_SIZE);
        return new ToolBar(search, previous, next, filter, status, onlySource, new Separator(), timestamps, wrap, follow,
                new Separator(), copy, save, clear);
    }

    private static Label placeholder() {
        Label label = new Label("No log lines yet — output of the project's services appears here as it is written.");
        label.getStyleClass().add("pane-placeholder");
        label.setWrapText(true);
        return label;
    }

    private void onLinesChanged() {
        placeholder.setVisible(model.lines().isEmpty());
        updateStatus();
    }

    private void onMousePressed(MouseEvent event) {
        body.requestFocus();
        int index = linesView.lineAt(event.getY());
        if (index < 0) {
            return;
        }
        if (event.isShiftDown()) {
            selection.extendTo(index);
        } else {
            selection.select(index);
        }
        linesView.refreshSelection();
    }

    private void onKeyPressed(KeyEvent event) {
        if (new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN).match(event)) {
            copySelection();
            event.consume();
        } else if (new KeyCodeCombination(KeyCode.A, KeyCombination.SHORTCUT_DOWN).match(event)) {
            if (!model.lines().isEmpty()) {
                selection.select(0);
                selection.extendTo(model.lines().size() - 1);
                refreshSelection();
            }
            event.consume();
        } else if (event.getCode() == KeyCode.END) {
            model.followProperty().set(true);
            event.consume();
        } else if (event.getCode() == KeyCode.HOME) {
            model.followProperty().set(false);
            linesView.scrollToLine(0);
            event.consume();
        } else if (event.getCode() == KeyCode.PAGE_UP || event.getCode() == KeyCode.PAGE_DOWN) {
            int page = Math.max(1, linesView.visibleRowCount() - 1);
            if (event.getCode() == KeyCode.PAGE_UP) {
                linesView.scrollBy(-page);
            } else {
                linesView.scrollBy(page);
            }
            event.consume();
        }
    }

    private void refreshSelection() {
        linesView.refreshSelection();
    }

    private void updateStatus() {
        status.setText(model.statusText());
    }

    private void jumpToMatch(boolean forward) {
        int from = selection.isEmpty() ? (forward ? -1 : model.lines().size()) : selection.caret();
        int index = model.findNext(from, forward);
        if (index >= 0) {
            model.followProperty().set(false);
            selection.select(index);
            linesView.scrollToLine(Math.max(0, index - 3));
            refreshSelection();
        }
    }

    /** Copies the selected lines; returns the copied text (empty when nothing is selected). */
    String copySelection() {
        if (selection.isEmpty()) {
            return "";
        }
        int last = Math.min(selection.last(), model.lines().size() - 1);
        String text = model.copyText(List.copyOf(model.lines().subList(selection.first(), last + 1)));
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
        return text;
    }

    /** The save dialog's two choices: the text as shown, or the output as the containers wrote it. */
    private static final FileChooser.ExtensionFilter AS_SHOWN = new FileChooser.ExtensionFilter("Log text as shown (*.txt)", "*.txt");
    private static final FileChooser.ExtensionFilter AS_RECEIVED = new FileChooser.ExtensionFilter(
            "Output as received, escapes and bytes unchanged (*.log)", "*.log");

    private void saveToFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save logs");
        chooser.setInitialFileName("logs.txt");
        chooser.getExtensionFilters().addAll(AS_SHOWN, AS_RECEIVED);
        chooser.setSelectedExtensionFilter(AS_SHOWN);
        File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (file == null) {
            return;
        }
        boolean received = chooser.getSelectedExtensionFilter() == AS_RECEIVED || file.getName().endsWith(".log");
        save(file.toPath(), received ? LogsViewModel.SaveFormat.AS_RECEIVED : LogsViewModel.SaveFormat.AS_SHOWN);
    }

    /** Saves the shown lines and says so in the status (what the Save button does after its dialog). */
    CompletableFuture<Integer> save(Path path, LogsViewModel.SaveFormat format) {
        return model.saveTo(path, format).whenComplete((count, error) -> Platform.runLater(() -> status.setText(error == null
                ? "Saved " + count + " lines to " + path.getFileName()
                : "Could not save: " + (error.getCause() != null ? error.getCause() : error).getMessage())));
    }
}
