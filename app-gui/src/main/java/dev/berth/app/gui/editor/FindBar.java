package dev.berth.app.gui.editor;

import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import org.fxmisc.richtext.CodeArea;

/**
 * The editor's inline bar for find (Ctrl+F), replace (Ctrl+H) and go to line (Ctrl+L); Escape closes it
 * and returns to the text. Search is plain text, case-insensitive, wrapping around.
 */
public final class FindBar extends HBox {

    private final CodeArea area;
    private final TextField find = new TextField();
    private final TextField replace = new TextField();
    private final TextField goTo = new TextField();
    private final Label info = new Label();
    private final HBox findGroup;
    private final HBox replaceGroup;
    private final HBox goToGroup;

    FindBar(CodeArea area) {
        this.area = area;
        getStyleClass().add("find-bar");
        setSpacing(6);
        setPadding(new Insets(4, 8, 4, 8));
        setAlignment(Pos.CENTER_LEFT);
        find.setPromptText("Find");
        find.setId("find-field");
        replace.setPromptText("Replace with");
        replace.setId("replace-field");
        goTo.setPromptText("Line[:column]");
        goTo.setId("goto-field");
        goTo.setPrefColumnCount(8);

        Button next = new Button("Next");
        next.setOnAction(e -> findNext(true));
        Button previous = new Button("Previous");
        previous.setOnAction(e -> findNext(false));
        Button replaceOne = new Button("Replace");
        replaceOne.setOnAction(e -> replaceOne());
        Button replaceAll = new Button("Replace all");
        replaceAll.setOnAction(e -> replaceAll());
        Button close = new Button("✕");
        close.setOnAction(e -> close());

        find.setOnAction(e -> findNext(true));
        replace.setOnAction(e -> replaceOne());
        goTo.setOnAction(e -> goToLine());
        for (TextField f : new TextField[] {find, replace, goTo}) {
            f.setOnKeyPressed(e -> {
                if (e.getCode() == KeyCode.ESCAPE) {
                    close();
                    e.consume();
                }
            });
        }
        findGroup = new HBox(6, new Label("Find"), find, next, previous);
        findGroup.setAlignment(Pos.CENTER_LEFT);
        replaceGroup = new HBox(6, replace, replaceOne, replaceAll);
        replaceGroup.setAlignment(Pos.CENTER_LEFT);
        goToGroup = new HBox(6, new Label("Go to line"), goTo);
        goToGroup.setAlignment(Pos.CENTER_LEFT);
        getChildren().setAll(findGroup, replaceGroup, goToGroup, info, close);
        close();
    }

    public void showFind(String initial) {
        show(true, false, false);
        if (initial != null && !initial.isEmpty() && !initial.contains("\n")) {
            find.setText(initial);
        }
        find.requestFocus();
        find.selectAll();
    }

    public void showReplace(String initial) {
        showFind(initial);
        show(true, true, false);
    }

    public void showGoToLine() {
        show(false, false, true);
        goTo.clear();
        goTo.requestFocus();
    }

    private void show(boolean findOn, boolean replaceOn, boolean goToOn) {
        setVisible(true);
        setManaged(true);
        findGroup.setVisible(findOn);
        findGroup.setManaged(findOn);
        replaceGroup.setVisible(replaceOn);
        replaceGroup.setManaged(replaceOn);
        goToGroup.setVisible(goToOn);
        goToGroup.setManaged(goToOn);
        info.setText("");
    }

    public void close() {
        setVisible(false);
        setManaged(false);
        area.requestFocus();
    }

    /** Selects the next (or previous) match after (before) the caret, wrapping around. */
    public boolean findNext(boolean forward) {
        String needle = find.getText().toLowerCase(Locale.ROOT);
        if (needle.isEmpty()) {
            return false;
        }
        String text = area.getText().toLowerCase(Locale.ROOT);
        int at;
        if (forward) {
            at = text.indexOf(needle, area.getSelection().getEnd());
            if (at < 0) {
                at = text.indexOf(needle);
            }
        } else {
            at = text.lastIndexOf(needle, Math.max(0, area.getSelection().getStart() - 1));
            if (at < 0) {
                at = text.lastIndexOf(needle);
            }
        }
        if (at < 0) {
            info.setText("No match");
            return false;
        }
        info.setText("");
        area.selectRange(at, at + needle.length());
        area.requestFollowCaret();
        return true;
    }

    private void replaceOne() {
        String selected = area.getSelectedText();
        if (!selected.isEmpty() && selected.equalsIgnoreCase(find.getText())) {
            area.replaceSelection(replace.getText());
        }
        findNext(true);
    }

    /** Replaces every match as one undoable edit. */
    public int replaceAll() {
        String needle = find.getText();
        if (needle.isEmpty()) {
            return 0;
        }
        String text = area.getText();
        String lower = text.toLowerCase(Locale.ROOT);
        String lowerNeedle = needle.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(text.length());
        int count = 0;
        int from = 0;
        for (int at = lower.indexOf(lowerNeedle); at >= 0; at = lower.indexOf(lowerNeedle, from)) {
            out.append(text, from, at).append(replace.getText());
            from = at + needle.length();
            count++;
        }
        out.append(text.substring(from));
        if (count > 0) {
            int caret = Math.min(area.getCaretPosition(), out.length());
            area.replaceText(out.toString());
            area.moveTo(caret);
        }
        info.setText(count + " replaced");
        return count;
    }

    private void goToLine() {
        String[] parts = goTo.getText().strip().split(":");
        try {
            int line = Integer.parseInt(parts[0]) - 1;
            int column = parts.length > 1 ? Integer.parseInt(parts[1]) - 1 : 0;
            int p = Math.max(0, Math.min(line, area.getParagraphs().size() - 1));
            area.moveTo(p, Math.max(0, Math.min(column, area.getParagraph(p).length())));
            area.showParagraphAtCenter(p);
            close();
        } catch (NumberFormatException e) {
            info.setText("Not a line number");
        }
    }

    public TextField findField() {
        return find;
    }

    public TextField replaceField() {
        return replace;
    }

    public TextField goToField() {
        return goTo;
    }
}
