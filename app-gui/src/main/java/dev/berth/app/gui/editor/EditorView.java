package dev.berth.app.gui.editor;

import atlantafx.base.theme.Styles;
import dev.berth.app.gui.controls.Icons;
import dev.berth.app.gui.look.PseudoStates;
import dev.berth.app.gui.look.Theme;
import dev.berth.engine.compose.progress.ProgressListener;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;

/**
 * The compose editor of one project: a tab per file, an outline (services, networks, volumes, secrets,
 * configs) synced with the caret, the problems list, a status line ("Valid" / "N errors, M warnings",
 * drift), and the plan preview that Apply (Ctrl+Enter) shows before running Up. Banners in a tab offer
 * recovered unsaved work and changes made on disk by another program.
 */
public final class EditorView extends StackPane {


    private final EditorViewModel model;
    private final TabPane tabs = new TabPane();
    private final Map<EditorDocument, CodeEditor> editors = new HashMap<>();
    private final TreeView<OutlineItem> outline = new TreeView<>(new TreeItem<>());
    private final ListView<Problem> problemsList = new ListView<>();
    private final Label status = new Label();
    private final Label drift = new Label();
    private final Label timing = new Label();
    private final VBox planPane = new VBox(10);
    private final PauseTransition outlineRefresh = new PauseTransition(Duration.millis(250));
    private boolean syncingOutline;

    /** A node of the outline: a section header, or an entry at a line of a document. */
    public record OutlineItem(String label, EditorDocument document, int line, int column) {
        @Override
        public String toString() {
            return label;
        }
    }

    public EditorView(EditorViewModel model) {
        this.model = model;
        getStyleClass().add("editor-view");
        Theme.attachEditor(this);

        tabs.setId("editor-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        model.documents().addListener((ListChangeListener<EditorDocument>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(this::addTab);
            }
            refreshOutline();
        });
        model.documents().forEach(this::addTab);

        outline.setShowRoot(false);
        outline.setId("outline");
        outline.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> {
            if (!syncingOutline && item != null && item.getValue() != null && item.getValue().document() != null) {
                OutlineItem o = item.getValue();
                editorOf(o.document()).ifPresent(editor -> {
                    select(o.document());
                    editor.goTo(o.line(), o.column());
                });
            }
        });
        outlineRefresh.setOnFinished(e -> refreshOutline());

        problemsList.setId("problems");
        problemsList.setItems(model.problems());
        problemsList.setPlaceholder(new Label("No problems"));
        problemsList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Problem p, boolean empty) {
                super.updateItem(p, empty);
                getStyleClass().removeAll("problem-error", "problem-warning");
                if (empty || p == null) {
                    setText(null);
                    setGraphic(null);
                } else {
                    setText(p.text());
                    setGraphic(Icons.icon(p.diagnostic().isError() ? Feather.X_CIRCLE : Feather.ALERT_TRIANGLE));
                    getStyleClass().add(p.diagnostic().isError() ? "problem-error" : "problem-warning");
                }
            }
        });
        problemsList.setOnMouseClicked(e -> jumpToProblem(problemsList.getSelectionModel().getSelectedItem()));
        problemsList.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                jumpToProblem(problemsList.getSelectionModel().getSelectedItem());
            }
        });

        SplitPane editorAndProblems = new SplitPane(tabs, problemsList);
        editorAndProblems.setOrientation(Orientation.VERTICAL);
        editorAndProblems.setDividerPositions(0.8);
        SplitPane.setResizableWithParent(problemsList, false);
        SplitPane main = new SplitPane(outline, editorAndProblems);
        main.setDividerPositions(0.2);
        SplitPane.setResizableWithParent(outline, false);

        BorderPane frame = new BorderPane(main, toolBar(), null, statusBar(), null);
        planPane.setId("plan-preview");
        planPane.getStyleClass().add("plan-preview");
        planPane.setVisible(false);
        planPane.setMaxSize(640, Region.USE_PREF_SIZE);
        StackPane.setAlignment(planPane, Pos.CENTER);
        getChildren().setAll(frame, planPane);

        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (EditorKeys.matches(EditorKeys.SAVE, e)) {
                currentEditor().ifPresent(editor -> model.save(editor.document()));
                e.consume();
            } else if (EditorKeys.matches(EditorKeys.APPLY, e)) {
                apply();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE && planPane.isVisible()) {
                planPane.setVisible(false);
                e.consume();
            }
        });
        model.prefetchImages();
    }

    private ToolBar toolBar() {
        Button save = new Button("Save", Icons.icon(Feather.SAVE));
        save.setTooltip(new Tooltip("Save this file (Ctrl+S): written atomically"));
        save.setOnAction(e -> currentEditor().ifPresent(editor -> model.save(editor.document())));
        Button saveAll = new Button("Save all");
        saveAll.setOnAction(e -> model.saveAll());
        Button apply = new Button("Apply…", Icons.icon(Feather.PLAY));
        apply.setId("apply-button");
        apply.setStyle("-fx-font-weight: bold;");
        apply.setTooltip(new Tooltip("Preview what Up changes with the edited files, then run it (Ctrl+Enter)"));
        apply.setOnAction(e -> apply());
        Button find = new Button("Find", Icons.icon(Feather.SEARCH));
        find.setOnAction(e -> currentEditor().ifPresent(editor -> editor.findBar().showFind(editor.area().getSelectedText())));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        drift.setId("drift");
        drift.getStyleClass().add("drift");
        drift.textProperty().bind(model.driftProperty());
        drift.visibleProperty().bind(model.driftProperty().isNotNull());
        return new ToolBar(save, saveAll, find, apply, spacer, drift);
    }

    private HBox statusBar() {
        status.setId("validation-status");
        status.textProperty().bind(model.statusProperty());
        model.statusProperty().addListener((obs, old, now) -> {
            status.getStyleClass().removeAll("status-valid", "status-invalid");
            status.getStyleClass().add("Valid".equals(now) ? "status-valid" : now.contains("error") ? "status-invalid" : "status-neutral");
        });
        timing.textProperty().bind(model.lastValidationProperty().map(d -> "validated in " + Math.max(1, d.toMillis()) + " ms"));
        timing.getStyleClass().add(Styles.TEXT_MUTED);
        Label position = new Label();
        position.getStyleClass().add(Styles.TEXT_MUTED);
        tabs.getSelectionModel().selectedItemProperty().addListener((obs, old, tab) -> {
            position.textProperty().unbind();
            if (tab != null && tab.getContent() instanceof TabContent content) {
                CodeEditor editor = content.body.editor();
                position.textProperty().bind(Bindings.createStringBinding(
                        () -> "Ln " + (editor.area().getCurrentParagraph() + 1) + ", Col " + (editor.area().getCaretColumn() + 1),
                        editor.area().caretPositionProperty()));
            }
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(12, status, timing, spacer, position);
        bar.getStyleClass().add("status-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(3, 10, 3, 10));
        return bar;
    }

    // ---- tabs ------------------------------------------------------------------------------------------

    /** A tab's content: banners (recovered work, changed on disk) above the editor. */
    private record TabBody(CodeEditor editor, BorderPane pane) {}

    private void addTab(EditorDocument document) {
        CodeEditor editor = new CodeEditor(document, model);
        editor.setServiceNavigator(this::openService);
        editors.put(document, editor);
        VBox banners = new VBox();
        BorderPane pane = new BorderPane(editor, banners, null, null, null);
        Tab tab = new Tab();
        tab.setId("editor-tab-" + document.name());
        tab.textProperty().bind(document.dirtyProperty().map(dirty -> (dirty ? "● " : "") + document.name()));
        tab.setTooltip(new Tooltip(document.path().toString()));
        tab.setContent(new TabContent(new TabBody(editor, pane)));
        tabs.getTabs().add(tab);

        document.recoveredProperty().addListener((obs, old, text) -> updateBanners(document, banners));
        document.externalChangeProperty().addListener((obs, old, change) -> updateBanners(document, banners));
        document.textProperty().addListener((obs, old, text) -> outlineRefresh.playFromStart());
        editor.area().currentParagraphProperty().addListener((obs, old, p) -> syncOutline(document, editor.lines(), p));
        updateBanners(document, banners);
    }

    /** The tab's node: holds its body so the view finds the editor again. */
    private static final class TabContent extends BorderPane {
        private final TabBody body;

        TabContent(TabBody body) {
            super(body.pane());
            this.body = body;
        }
    }

    private void updateBanners(EditorDocument document, VBox banners) {
        banners.getChildren().clear();
        if (document.recoveredProperty().get() != null) {
            Button restore = new Button("Restore");
            restore.setOnAction(e -> model.restoreRecovered(document));
            Button discard = new Button("Discard");
            discard.setOnAction(e -> model.discardRecovered(document));
            banners.getChildren().add(banner("Unsaved changes to " + document.name() + " were recovered from a previous session.",
                    "banner-recovery", restore, discard));
        }
        EditorDocument.ExternalChange change = document.externalChangeProperty().get();
        if (change != null) {
            Button reload = new Button("Reload");
            reload.setOnAction(e -> model.reloadFromDisk(document));
            Button keep = new Button("Keep mine");
            keep.setOnAction(e -> model.keepMine(document));
            Button diff = new Button("Show diff");
            diff.setOnAction(e -> showDiff(document.name(), change.diff()));
            banners.getChildren().add(banner(document.name() + " was changed on disk by another program.", "banner-external",
                    reload, keep, diff));
        }
    }

    private HBox banner(String text, String styleClass, Button... actions) {
        Label label = new Label(text);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox box = new HBox(8, label, spacer);
        box.getChildren().addAll(actions);
        box.getStyleClass().addAll("editor-banner", styleClass);
        box.setAlignment(Pos.CENTER_LEFT);
        box.setPadding(new Insets(6, 10, 6, 10));
        return box;
    }

    private void showDiff(String name, String diff) {
        TextArea text = new TextArea(diff);
        text.setEditable(false);
        text.getStyleClass().add("diff-text");
        text.setPrefRowCount(18);
        Button close = new Button("Close");
        VBox box = new VBox(8, title("Changes on disk to " + name + " (- mine, + disk)"), text, close);
        close.setOnAction(e -> planPane.setVisible(false));
        planPane.getChildren().setAll(box);
        planPane.setVisible(true);
    }

    private Optional<CodeEditor> editorOf(EditorDocument document) {
        return Optional.ofNullable(editors.get(document));
    }

    private void select(EditorDocument document) {
        for (Tab tab : tabs.getTabs()) {
            if (tab.getContent() instanceof TabContent c && c.body.editor().document() == document) {
                tabs.getSelectionModel().select(tab);
            }
        }
    }

    public Optional<CodeEditor> currentEditor() {
        Tab tab = tabs.getSelectionModel().getSelectedItem();
        return tab != null && tab.getContent() instanceof TabContent c ? Optional.of(c.body.editor()) : Optional.empty();
    }

    public Optional<CodeEditor> editor(String fileName) {
        return editors.values().stream().filter(e -> e.document().name().equals(fileName)).findFirst();
    }

    // ---- navigation --------------------------------------------------------------------------------

    /** Opens the definition of a service (the service graph and Ctrl+click call this). */
    public boolean openService(String name) {
        Optional<EditorViewModel.Definition> definition = model.definitionOf("services", name);
        definition.ifPresent(d -> editorOf(d.document()).ifPresent(editor -> {
            select(d.document());
            Platform.runLater(() -> editor.goTo(d.line(), d.column()));
        }));
        return definition.isPresent();
    }

    private void jumpToProblem(Problem problem) {
        if (problem == null) {
            return;
        }
        editorOf(problem.document()).ifPresent(editor -> {
            select(problem.document());
            int column = Math.max(0, problem.diagnostic().location().column() - 1);
            editor.goTo(problem.line(), column);
        });
    }

    private void refreshOutline() {
        TreeItem<OutlineItem> root = new TreeItem<>(new OutlineItem("", null, 0, 0));
        Map<String, TreeItem<OutlineItem>> sections = new LinkedHashMap<>();
        for (EditorDocument d : model.documents()) {
            if (d.kind() != DocumentKind.COMPOSE) {
                continue;
            }
            YamlStructure.entries(d.lines()).forEach((section, entries) -> {
                TreeItem<OutlineItem> header = sections.computeIfAbsent(section, s -> {
                    TreeItem<OutlineItem> item = new TreeItem<>(new OutlineItem(s, null, 0, 0));
                    item.setExpanded(true);
                    return item;
                });
                for (YamlStructure.Entry e : entries) {
                    String label = model.documents().size() > 1 && model.documents().indexOf(d) > 0
                            ? e.name() + "  (" + d.name() + ")" : e.name();
                    header.getChildren().add(new TreeItem<>(new OutlineItem(label, d, e.line(), e.column())));
                }
            });
        }
        for (String section : YamlStructure.SECTIONS) {
            if (sections.containsKey(section)) {
                root.getChildren().add(sections.get(section));
            }
        }
        syncingOutline = true;
        outline.setRoot(root);
        syncingOutline = false;
        currentEditor().ifPresent(editor -> syncOutline(editor.document(), editor.lines(), editor.area().getCurrentParagraph()));
    }

    /** Selects the outline entry that contains the caret's line (without moving the caret). */
    private void syncOutline(EditorDocument document, List<String> lines, int line) {
        YamlStructure.Entry entry = YamlStructure.entryAt(YamlStructure.entries(lines), line);
        syncingOutline = true;
        try {
            if (entry == null) {
                outline.getSelectionModel().clearSelection();
                return;
            }
            for (TreeItem<OutlineItem> section : outline.getRoot().getChildren()) {
                for (TreeItem<OutlineItem> item : section.getChildren()) {
                    if (item.getValue().document() == document && item.getValue().line() == entry.line()) {
                        outline.getSelectionModel().select(item);
                        return;
                    }
                }
            }
        } finally {
            syncingOutline = false;
        }
    }

    public TreeView<OutlineItem> outline() {
        return outline;
    }

    // ---- apply: plan preview, then up ----------------------------------------------------------------

    /** Ctrl+Enter: shows what Up would change with the edited texts; "Run Up" runs it. */
    public void apply() {
        planPane.getChildren().setAll(title("Computing the plan…"));
        planPane.setVisible(true);
        model.preview().whenComplete((preview, error) -> Platform.runLater(() -> {
            if (error != null) {
                Button close = new Button("Close");
                close.setOnAction(e -> planPane.setVisible(false));
                Label message = new Label(EditorViewModel.rootMessage(error));
                message.setWrapText(true);
                planPane.getChildren().setAll(title("Cannot preview Up"), message, close);
            } else {
                showPlan(preview);
            }
        }));
    }

    private void showPlan(PlanPreview preview) {
        VBox rows = new VBox(6);
        for (PlanPreview.Row row : preview.rows()) {
            Label action = new Label(row.action());
            action.getStyleClass().add("plan-action");
            new PseudoStates(action).set(row.action());
            action.setMinWidth(80);
            Label name = new Label(row.name());
            name.getStyleClass().add("plan-name");
            VBox text = new VBox(2, name);
            for (String detail : row.details()) {
                Label d = new Label(detail);
                d.getStyleClass().add("plan-detail");
                d.setWrapText(true);
                text.getChildren().add(d);
            }
            HBox line = new HBox(10, action, text);
            line.getStyleClass().add("plan-row");
            line.setId("plan-row-" + row.name().replace(' ', '-'));
            rows.getChildren().add(line);
        }
        for (String warning : preview.warnings()) {
            Label w = new Label("warning: " + warning);
            w.getStyleClass().add(Styles.WARNING);
            w.setWrapText(true);
            rows.getChildren().add(w);
        }
        ScrollPane scroll = new ScrollPane(rows);
        scroll.setFitToWidth(true);
        int lines = preview.rows().size() * 2 + preview.rows().stream().mapToInt(r -> r.details().size()).sum() + preview.warnings().size();
        scroll.setPrefViewportHeight(Math.min(380, 20 * Math.max(3, lines) + 8));
        List<String> unsaved = model.documents().stream().filter(EditorDocument::isDirty).map(EditorDocument::name).toList();
        Button run = new Button(unsaved.isEmpty() ? "Run Up" : "Save and run Up", Icons.icon(Feather.PLAY));
        run.setId("run-up");
        run.getStyleClass().add(Styles.ACCENT);
        run.setDisable(preview.changesNothing());
        Button cancel = new Button("Cancel");
        cancel.setOnAction(e -> planPane.setVisible(false));
        run.setOnAction(e -> {
            planPane.getChildren().setAll(title("Running up…"));
            model.up(ProgressListener.NONE).whenComplete((done, error) -> Platform.runLater(() -> planPane.setVisible(false)));
        });
        HBox buttons = new HBox(8, run, cancel);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        String summary = preview.changesNothing() ? "Up changes nothing: everything is up to date."
                : "Up will make these changes to project " + preview.project() + ":";
        Label sub = new Label(summary);
        sub.getStyleClass().add(Styles.TEXT_MUTED);
        planPane.getChildren().setAll(title("Preview of Up"), sub, scroll);
        if (!unsaved.isEmpty() && !preview.changesNothing()) {
            Label saving = new Label("Saves " + String.join(", ", unsaved) + " first: Up runs the files as saved, so the next Up does the same.");
            saving.setId("save-first-note");
            saving.setWrapText(true);
            saving.getStyleClass().add(Styles.TEXT_MUTED);
            planPane.getChildren().add(saving);
        }
        planPane.getChildren().add(buttons);
        planPane.setVisible(true);
        run.requestFocus();
    }

    private static Label title(String text) {
        Label title = new Label(text);
        title.getStyleClass().add(Styles.TITLE_4);
        return title;
    }

    public VBox planPane() {
        return planPane;
    }

    public EditorViewModel model() {
        return model;
    }

    public List<CodeEditor> editors() {
        return List.copyOf(editors.values());
    }
}
