package dev.berth.app.gui.editor;

import dev.berth.compose.Diagnostic;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One open file: its text as edited, the text last read from or written to disk, the diagnostics the
 * newest validation placed in it, and a pending change made on disk by another program. Lives on the
 * UI thread.
 */
public final class EditorDocument {

    /** The file changed on disk while it was open: its new text and a diff against ours. */
    public record ExternalChange(String diskText, String diff) {}

    private final Path path;
    private final DocumentKind kind;
    private final StringProperty text = new SimpleStringProperty("");
    private final StringProperty savedText = new SimpleStringProperty("");
    private final BooleanBinding dirty = Bindings.createBooleanBinding(() -> !text.get().equals(savedText.get()), text, savedText);
    private final ObservableList<Diagnostic> diagnostics = FXCollections.observableArrayList();
    private final ObjectProperty<ExternalChange> externalChange = new SimpleObjectProperty<>();
    /** A recovered unsaved text offered back after a crash, or null. */
    private final ObjectProperty<String> recovered = new SimpleObjectProperty<>();

    public EditorDocument(Path path, String diskText) {
        this.path = path.toAbsolutePath().normalize();
        this.kind = DocumentKind.of(path);
        this.text.set(diskText);
        this.savedText.set(diskText);
    }

    public Path path() {
        return path;
    }

    public String name() {
        return path.getFileName().toString();
    }

    public DocumentKind kind() {
        return kind;
    }

    public StringProperty textProperty() {
        return text;
    }

    public String text() {
        return text.get();
    }

    public StringProperty savedTextProperty() {
        return savedText;
    }

    public BooleanBinding dirtyProperty() {
        return dirty;
    }

    public boolean isDirty() {
        return dirty.get();
    }

    public ObservableList<Diagnostic> diagnostics() {
        return diagnostics;
    }

    public ObjectProperty<ExternalChange> externalChangeProperty() {
        return externalChange;
    }

    public ObjectProperty<String> recoveredProperty() {
        return recovered;
    }

    /** The lines of the current text (a trailing empty line kept, like the editor shows it). */
    public List<String> lines() {
        return List.of(text.get().split("\n", -1));
    }
}
