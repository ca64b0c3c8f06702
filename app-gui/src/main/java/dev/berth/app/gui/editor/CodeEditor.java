package dev.berth.app.gui.editor;

import dev.berth.app.gui.look.Theme;
import dev.berth.compose.Diagnostic;
import java.time.Duration;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.Popup;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.fxmisc.richtext.event.MouseOverTextEvent;
import org.fxmisc.richtext.model.PlainTextChange;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;
import org.fxmisc.richtext.model.TwoDimensional;

/**
 * One file's editor: a RichTextFX {@link CodeArea} with incremental highlighting (only changed lines are
 * restyled), line numbers with error/warning markers, the current line highlighted, squiggles under each
 * diagnostic's range with a tooltip (message and hint), {@code ${VAR}} tooltips, Tab as spaces, smart
 * indent after {@code key:}, comment toggle, completion popup and Ctrl+click to a service's definition.
 * Its text and the {@link EditorDocument}'s text are kept equal in both directions.
 */
public final class CodeEditor extends BorderPane {

    private static final int INDENT = 2;

    private final EditorDocument document;
    private final EditorViewModel model;
    private final CodeArea area = new CodeArea();
    private final IncrementalHighlighter highlighter;
    private final Popup tooltip = new Popup();
    private final Label tooltipText = new Label();
    private final Popup completionPopup = new Popup();
    private final ListView<CompletionItem> completionList = new ListView<>();
    private final Label completionDetail = new Label();
    private final FindBar findBar;
    private List<List<int[]>> squiggles = List.of();
    private List<Severityish> markers = List.of();
    /** The markers the current gutter factory draws (it captured them when it was made). */
    private List<Severityish> displayedMarkers = List.of();
    private boolean syncing;
    private Consumer<String> serviceNavigator = name -> { };

    /** The worst diagnostic severity on a line, for the gutter. */
    private enum Severityish { NONE, WARNING, ERROR }

    public CodeEditor(EditorDocument document, EditorViewModel model) {
        this.document = document;
        this.model = model;
        this.highlighter = new IncrementalHighlighter(document.kind() == DocumentKind.ENV);
        this.findBar = new FindBar(area);
        getStyleClass().add("code-editor");
        area.getStyleClass().add("yaml-area");
        area.setId("code-area-" + document.name());
        // The fill first: RichTextFX draws its default (yellow) when the highlighter is switched on.
        area.setLineHighlighterFill(Color.web("#8080801f"));
        area.setLineHighlighterOn(true);
        area.setParagraphGraphicFactory(gutter());
        area.replaceText(document.text());
        area.getUndoManager().forgetHistory();
        // replaceText left the caret at the end, and the view would follow it there at its first layout: a file
        // opened scrolled to its last lines with the caret on line 1. The caret goes to the top and the view with it.
        area.moveTo(0);
        area.requestFollowCaret();
        restyle(highlighter.reset(area.getParagraphs().size(), this::line));

        area.plainTextChanges().subscribe(this::textChanged);
        document.textProperty().addListener((obs, old, text) -> {
            if (!syncing && !text.equals(area.getText())) {
                syncing = true;
                area.replaceText(text);
                syncing = false;
            }
        });
        document.diagnostics().addListener((ListChangeListener<Diagnostic>) change -> diagnosticsChanged());

        area.addEventFilter(KeyEvent.KEY_PRESSED, this::keyPressed);
        area.addEventHandler(KeyEvent.KEY_TYPED, this::keyTyped);
        area.setMouseOverTextDelay(Duration.ofMillis(350));
        area.addEventHandler(MouseOverTextEvent.MOUSE_OVER_TEXT_BEGIN, e -> hover(e.getCharacterIndex(), e.getScreenPosition()));
        area.addEventHandler(MouseOverTextEvent.MOUSE_OVER_TEXT_END, e -> tooltip.hide());
        area.addEventFilter(MouseEvent.MOUSE_PRESSED, this::ctrlClick);
        area.focusedProperty().addListener((obs, old, focused) -> {
            if (!focused) {
                completionPopup.hide();
            }
        });

        // Popups have their own scenes: they do not see the editor's stylesheet unless given it.
        Theme.attachEditor(tooltipText);
        tooltipText.getStyleClass().add("editor-tooltip");
        tooltipText.setWrapText(true);
        tooltipText.setMaxWidth(520);
        tooltip.getContent().add(tooltipText);
        tooltip.setAutoHide(true);
        buildCompletionPopup();

        setTop(findBar);
        setCenter(new VirtualizedScrollPane<>(area));
    }

    // ---- text and highlighting ---------------------------------------------------------------------

    private String line(int paragraph) {
        return area.getParagraph(paragraph).getText();
    }

    /** The editor's lines as a live list view: completion and the outline read a few lines without copying the text. */
    public List<String> lines() {
        return new AbstractList<>() {
            @Override
            public String get(int index) {
                return line(index);
            }

            @Override
            public int size() {
                return area.getParagraphs().size();
            }
        };
    }

    private void textChanged(PlainTextChange change) {
        int firstLine = area.offsetToPosition(change.getPosition(), TwoDimensional.Bias.Forward).getMajor();
        int removed = count(change.getRemoved());
        int inserted = count(change.getInserted());
        IncrementalHighlighter.Damage damage = highlighter.edit(firstLine, removed, inserted, area.getParagraphs().size(), this::line);
        if (removed != inserted) {
            // Lines moved: squiggles and markers of lines below shift until the next validation.
            shiftDiagnostics(firstLine, inserted - removed);
        }
        restyle(damage);
        if (!syncing) {
            syncing = true;
            document.textProperty().set(area.getText());
            syncing = false;
            model.edited(document);
        }
    }

    private static int count(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    private void restyle(IncrementalHighlighter.Damage damage) {
        int lines = area.getParagraphs().size();
        for (int p = damage.from(); p < Math.min(damage.to(), lines); p++) {
            restyleLine(p);
        }
    }

    private void restyleLine(int p) {
        int length = area.getParagraph(p).length();
        if (length == 0) {
            return;
        }
        area.setStyleSpans(p, 0, spans(p, length));
    }

    /** Token styles plus squiggles for one line. */
    private StyleSpans<Collection<String>> spans(int p, int length) {
        List<Token> tokens = highlighter.tokens(p);
        List<int[]> marks = p < squiggles.size() ? squiggles.get(p) : List.of();
        TreeSet<Integer> cuts = new TreeSet<>();
        cuts.add(0);
        cuts.add(length);
        for (Token t : tokens) {
            cuts.add(Math.min(t.start(), length));
            cuts.add(Math.min(t.end(), length));
        }
        for (int[] m : marks) {
            cuts.add(Math.min(m[0], length));
            cuts.add(Math.min(m[1], length));
        }
        StyleSpansBuilder<Collection<String>> builder = new StyleSpansBuilder<>();
        Integer from = null;
        for (int cut : cuts) {
            if (from != null && cut > from) {
                List<String> classes = new ArrayList<>(2);
                for (Token t : tokens) {
                    if (t.start() <= from && t.end() >= cut) {
                        classes.add(t.type().styleClass());
                        break;
                    }
                }
                for (int[] m : marks) {
                    if (m[0] <= from && m[1] >= cut) {
                        classes.add(m[2] == 2 ? "squiggle-error" : "squiggle-warning");
                        break;
                    }
                }
                builder.add(classes.isEmpty() ? Collections.emptyList() : classes, cut - from);
            }
            from = cut;
        }
        return builder.create();
    }

    // ---- diagnostics ---------------------------------------------------------------------------------

    private void diagnosticsChanged() {
        int lines = area.getParagraphs().size();
        List<List<int[]>> now = new ArrayList<>(lines);
        List<Severityish> marks = new ArrayList<>(Collections.nCopies(lines, Severityish.NONE));
        for (int i = 0; i < lines; i++) {
            now.add(List.of());
        }
        for (Diagnostic d : document.diagnostics()) {
            int line = Math.max(0, d.location().line() - 1);
            if (line >= lines) {
                continue;
            }
            TextRange range = TextRange.of(line(line), d.location().column());
            List<int[]> list = new ArrayList<>(now.get(line));
            list.add(new int[] {range.start(), range.end(), d.isError() ? 2 : 1});
            now.set(line, list);
            Severityish s = d.isError() ? Severityish.ERROR : Severityish.WARNING;
            if (s.ordinal() > marks.get(line).ordinal()) {
                marks.set(line, s);
            }
        }
        TreeSet<Integer> touched = new TreeSet<>();
        for (int i = 0; i < Math.max(squiggles.size(), now.size()); i++) {
            boolean had = i < squiggles.size() && !squiggles.get(i).isEmpty();
            boolean has = i < now.size() && !now.get(i).isEmpty();
            if (had || has) {
                touched.add(i);
            }
        }
        squiggles = now;
        markers = marks;
        for (int p : touched) {
            if (p < lines) {
                restyleLine(p);
            }
        }
        if (!displayedMarkers.equals(marks)) {
            area.setParagraphGraphicFactory(gutter());
        }
    }

    private void shiftDiagnostics(int fromLine, int delta) {
        List<List<int[]>> shifted = new ArrayList<>(squiggles);
        List<Severityish> shiftedMarkers = new ArrayList<>(markers);
        if (fromLine + 1 > shifted.size()) {
            return;
        }
        if (delta > 0) {
            for (int i = 0; i < delta; i++) {
                shifted.add(fromLine + 1, List.of());
                shiftedMarkers.add(Math.min(fromLine + 1, shiftedMarkers.size()), Severityish.NONE);
            }
        } else {
            for (int i = 0; i < -delta && fromLine + 1 < shifted.size(); i++) {
                shifted.remove(fromLine + 1);
                if (fromLine + 1 < shiftedMarkers.size()) {
                    shiftedMarkers.remove(fromLine + 1);
                }
            }
        }
        squiggles = shifted;
        markers = shiftedMarkers;
        if (markers.stream().anyMatch(m -> m != Severityish.NONE) || !displayedMarkers.equals(markers)) {
            // Markers moved with their lines: redraw the gutter so they stay on them.
            area.setParagraphGraphicFactory(gutter());
        }
    }

    private IntFunction<Node> gutter() {
        IntFunction<Node> numbers = LineNumberFactory.get(area);
        List<Severityish> current = markers;
        displayedMarkers = current;
        return line -> {
            Node number = numbers.apply(line);
            Region marker = new Region();
            marker.getStyleClass().add("gutter-marker");
            Severityish s = line < current.size() ? current.get(line) : Severityish.NONE;
            if (s != Severityish.NONE) {
                marker.getStyleClass().add(s == Severityish.ERROR ? "gutter-error" : "gutter-warning");
            }
            HBox box = new HBox(number, marker);
            box.setAlignment(Pos.CENTER_LEFT);
            return box;
        };
    }

    // ---- tooltips ------------------------------------------------------------------------------------

    private void hover(int index, Point2D screen) {
        TwoDimensional.Position pos = area.offsetToPosition(index, TwoDimensional.Bias.Forward);
        int line = pos.getMajor();
        int column = pos.getMinor();
        StringBuilder text = new StringBuilder();
        for (Diagnostic d : document.diagnostics()) {
            if (d.location().line() - 1 != line) {
                continue;
            }
            TextRange range = TextRange.of(line(line), d.location().column());
            if (column >= range.start() && column <= range.end()) {
                if (!text.isEmpty()) {
                    text.append("\n\n");
                }
                text.append(d.severity().label()).append(": ").append(d.message());
                if (d.hint() != null) {
                    text.append("\nhint: ").append(d.hint());
                }
            }
        }
        if (text.isEmpty()) {
            for (Token t : highlighter.tokens(line)) {
                if (t.type() == TokenType.INTERPOLATION && column >= t.start() && column < t.end()) {
                    model.describeVariable(line(line).substring(t.start(), t.end())).ifPresent(text::append);
                }
            }
        }
        if (!text.isEmpty()) {
            showTooltip(text.toString(), screen.getX() + 8, screen.getY() + 14);
        }
    }

    /** Shows the tooltip at screen coordinates (also used by tests and screenshots). */
    public void showTooltip(String text, double x, double y) {
        tooltipText.setText(text);
        tooltip.show(area, x, y);
    }

    public Label tooltipLabel() {
        return tooltipText;
    }

    // ---- keys ------------------------------------------------------------------------------------------

    private void keyPressed(KeyEvent e) {
        if (completionKey(e)) {
            return;
        }
        keyPressedInText(e);
    }

    /**
     * Keys that steer an open completion list. A popup receives its owner's key events first, so this
     * runs both from the popup's filter and from the text's.
     */
    private boolean completionKey(KeyEvent e) {
        if (completionPopup.isShowing()) {
            switch (e.getCode()) {
                case UP, DOWN -> {
                    int i = completionList.getSelectionModel().getSelectedIndex() + (e.getCode() == KeyCode.UP ? -1 : 1);
                    if (i >= 0 && i < completionList.getItems().size()) {
                        completionList.getSelectionModel().select(i);
                        completionList.scrollTo(i);
                    }
                    e.consume();
                    return true;
                }
                case ENTER, TAB -> {
                    accept(completionList.getSelectionModel().getSelectedItem());
                    e.consume();
                    return true;
                }
                case ESCAPE -> {
                    completionPopup.hide();
                    e.consume();
                    return true;
                }
                case SPACE -> {
                    if (EditorKeys.matches(EditorKeys.COMPLETE, e)) {
                        // Ours, not the list's: a ListView's Ctrl+Space toggles its focused row off, leaving
                        // nothing for Enter to insert.
                        showCompletion(true);
                        e.consume();
                        return true;
                    }
                }
                default -> { }
            }
        }
        return false;
    }

    private void keyPressedInText(KeyEvent e) {
        if (EditorKeys.matches(EditorKeys.COMPLETE, e)) {
            showCompletion(true);
            e.consume();
        } else if (e.getCode() == KeyCode.TAB && !e.isShortcutDown()) {
            if (e.isShiftDown()) {
                outdent();
            } else {
                int column = area.getCaretColumn();
                area.replaceSelection(" ".repeat(INDENT - column % INDENT));
            }
            e.consume();
        } else if (e.getCode() == KeyCode.ENTER && !e.isShortcutDown()) {
            smartNewline();
            e.consume();
        } else if (EditorKeys.matches(EditorKeys.COMMENT, e)) {
            toggleComment();
            e.consume();
        } else if (EditorKeys.matches(EditorKeys.FIND, e)) {
            findBar.showFind(area.getSelectedText());
            e.consume();
        } else if (EditorKeys.matches(EditorKeys.REPLACE, e)) {
            findBar.showReplace(area.getSelectedText());
            e.consume();
        } else if (EditorKeys.matches(EditorKeys.GO_TO_LINE, e)) {
            findBar.showGoToLine();
            e.consume();
        }
    }

    private void keyTyped(KeyEvent e) {
        String c = e.getCharacter();
        if (c.isEmpty() || e.isShortcutDown()) {
            return;
        }
        char ch = c.charAt(0);
        if (Character.isLetterOrDigit(ch) || ch == '_' || ch == '-') {
            showCompletion(false);
        } else if (completionPopup.isShowing()) {
            completionPopup.hide();
        }
    }

    /** Enter keeps the indentation; after {@code key:} (or a block scalar indicator) it indents one level more. */
    private void smartNewline() {
        String text = line(area.getCurrentParagraph());
        String before = text.substring(0, Math.min(area.getCaretColumn(), text.length()));
        YamlStructure.Layout layout = YamlStructure.Layout.of(before);
        // A "- item" line without a key continues the list at its dash; otherwise align with the content.
        int indent = layout.blank() ? YamlLexer.indentOf(before)
                : layout.key() == null && !layout.dashes().isEmpty() ? layout.indent() : layout.keyColumn();
        String trimmed = before.replaceAll("\\s+#.*$", "").stripTrailing();
        if (trimmed.endsWith(":") || trimmed.endsWith("|") || trimmed.endsWith(">") || trimmed.endsWith("|-") || trimmed.endsWith(">-")) {
            indent += INDENT;
        }
        area.replaceSelection("\n" + " ".repeat(indent));
    }

    private void outdent() {
        int p = area.getCurrentParagraph();
        String text = line(p);
        int remove = Math.min(INDENT, YamlLexer.indentOf(text));
        if (remove > 0) {
            int start = area.getAbsolutePosition(p, 0);
            area.deleteText(start, start + remove);
        }
    }

    /** Ctrl+/ comments the selected lines out, or back in when all of them are comments. */
    public void toggleComment() {
        int from = area.offsetToPosition(area.getSelection().getStart(), TwoDimensional.Bias.Forward).getMajor();
        int to = area.offsetToPosition(area.getSelection().getEnd(), TwoDimensional.Bias.Backward).getMajor();
        boolean allComments = true;
        int minIndent = Integer.MAX_VALUE;
        for (int p = from; p <= to; p++) {
            String text = line(p);
            if (text.isBlank()) {
                continue;
            }
            minIndent = Math.min(minIndent, YamlLexer.indentOf(text));
            allComments &= text.stripLeading().startsWith("#");
        }
        if (minIndent == Integer.MAX_VALUE) {
            return;
        }
        String prefix = document.kind() == DocumentKind.ENV ? "#" : "# ";
        for (int p = from; p <= to; p++) {
            String text = line(p);
            if (text.isBlank()) {
                continue;
            }
            int start = area.getAbsolutePosition(p, 0);
            if (allComments) {
                int hash = text.indexOf('#');
                int end = hash + 1 + (text.startsWith(" ", hash + 1) ? 1 : 0);
                area.deleteText(start + hash, start + end);
            } else {
                area.insertText(start + minIndent, prefix);
            }
        }
    }

    // ---- completion ------------------------------------------------------------------------------------

    private void buildCompletionPopup() {
        completionList.setId("completion-list");
        completionList.setFocusTraversable(false); // the caret stays in the text; the list is steered from there
        completionList.setPrefSize(420, 190);
        completionList.setFixedCellSize(26);
        completionList.getStyleClass().add(atlantafx.base.theme.Styles.DENSE);
        completionList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(CompletionItem item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                Label kind = new Label(switch (item.kind()) {
                    case KEY -> "key";
                    case VALUE -> "value";
                    case SERVICE -> "service";
                    case RESOURCE -> "name";
                    case IMAGE -> "image";
                });
                kind.getStyleClass().add("completion-kind");
                Label label = new Label(item.label());
                label.getStyleClass().add("completion-label");
                HBox row = new HBox(8, kind, label);
                row.setAlignment(Pos.CENTER_LEFT);
                setText(null);
                setGraphic(row);
            }
        });
        completionList.getSelectionModel().selectedItemProperty().addListener((obs, old, item) ->
                completionDetail.setText(item == null || item.detail() == null ? "" : item.detail()));
        completionList.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                accept(completionList.getSelectionModel().getSelectedItem());
            }
        });
        completionDetail.setWrapText(true);
        completionDetail.setPrefWidth(420);
        completionDetail.setMaxWidth(420);
        completionDetail.getStyleClass().add("completion-detail");
        VBox box = new VBox(completionList, completionDetail);
        Theme.attachEditor(box);
        box.getStyleClass().add("completion-popup");
        box.addEventFilter(KeyEvent.KEY_PRESSED, this::completionKey);
        completionPopup.getContent().add(box);
        completionPopup.setAutoHide(true);
    }

    /** Opens the completion list at the caret; {@code explicit} (Ctrl+Space) also shows it for an empty prefix. */
    public void showCompletion(boolean explicit) {
        List<CompletionItem> items = model.complete(document, lines(), area.getCurrentParagraph(), area.getCaretColumn());
        if (items.isEmpty() || !explicit && items.size() == 1 && isAlreadyTyped(items.getFirst())) {
            completionPopup.hide();
            return;
        }
        completionList.getItems().setAll(items);
        completionList.getSelectionModel().selectFirst();
        completionList.getFocusModel().focus(0);
        completionList.scrollTo(0);
        completionList.setPrefHeight(Math.min(8, items.size()) * 26 + 4);
        placeCompletion(true);
    }

    /**
     * Shows the list under the caret. A caret scrolled out of view (moved by a find, the outline, a click on a
     * problem) is brought back first; the area's cached caret bounds lag behind that scroll, so they are asked for
     * afresh, and once more after the next layout when that scroll has not happened yet.
     */
    private void placeCompletion(boolean retry) {
        if (getScene() == null) {
            return;
        }
        Optional<Bounds> caret = area.getCaretBoundsOnScreen(area.getCaretSelectionBind().getUnderlyingCaret());
        if (caret.isEmpty()) {
            area.requestFollowCaret();
            layout(); // the scroll pane lays the area out, which scrolls to the caret
            caret = area.getCaretBoundsOnScreen(area.getCaretSelectionBind().getUnderlyingCaret());
        }
        if (caret.isPresent()) {
            completionPopup.show(area, caret.get().getMinX(), caret.get().getMaxY() + 2);
        } else if (retry) {
            Platform.runLater(() -> placeCompletion(false));
        }
    }

    private boolean isAlreadyTyped(CompletionItem item) {
        String text = line(area.getCurrentParagraph());
        int from = Math.min(item.replaceFrom(), area.getCaretColumn());
        return text.substring(from, area.getCaretColumn()).equals(item.insert().strip());
    }

    private void accept(CompletionItem item) {
        completionPopup.hide();
        if (item == null) {
            return;
        }
        int p = area.getCurrentParagraph();
        CompletionItem.Edit edit = item.editAt(line(p), area.getCaretColumn());
        area.replaceText(area.getAbsolutePosition(p, edit.from()), area.getAbsolutePosition(p, edit.to()), edit.text());
        area.moveTo(p, edit.caret());
    }

    public ListView<CompletionItem> completionList() {
        return completionList;
    }

    public boolean isCompletionShowing() {
        return completionPopup.isShowing();
    }

    // ---- navigation --------------------------------------------------------------------------------

    /** Called with a service name when the user Ctrl+clicks one. */
    public void setServiceNavigator(Consumer<String> navigator) {
        this.serviceNavigator = navigator;
    }

    private void ctrlClick(MouseEvent e) {
        if (!e.isShortcutDown() || e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        int index = area.hit(e.getX(), e.getY()).getInsertionIndex();
        TwoDimensional.Position pos = area.offsetToPosition(index, TwoDimensional.Bias.Forward);
        String word = wordAt(line(pos.getMajor()), pos.getMinor());
        if (!word.isEmpty() && model.declaredNames().getOrDefault("services", List.of()).contains(word)) {
            serviceNavigator.accept(word);
            e.consume();
        }
    }

    static String wordAt(String text, int column) {
        int start = Math.min(column, text.length());
        int end = start;
        while (start > 0 && isNameChar(text.charAt(start - 1))) {
            start--;
        }
        while (end < text.length() && isNameChar(text.charAt(end))) {
            end++;
        }
        return text.substring(start, end);
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
    }

    /** Moves the caret to a 0-based line and column, scrolls there and focuses the editor. */
    public void goTo(int line, int column) {
        int p = Math.max(0, Math.min(line, area.getParagraphs().size() - 1));
        area.moveTo(p, Math.min(column, area.getParagraph(p).length()));
        area.requestFollowCaret();
        area.showParagraphAtCenter(p);
        area.requestFocus();
    }

    public CodeArea area() {
        return area;
    }

    public EditorDocument document() {
        return document;
    }

    public FindBar findBar() {
        return findBar;
    }
}
