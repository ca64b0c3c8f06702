package dev.berth.app.gui.top;

import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The top pane's state: the processes of one container as the engine's {@code /containers/ID/top} returns
 * them — column titles and rows of strings. The engine layer refreshes it every 2 s while the pane is
 * visible ({@link #visibleProperty()} tells it when).
 */
public final class TopViewModel {

    private final ReadOnlyObjectWrapper<List<String>> titles = new ReadOnlyObjectWrapper<>(this, "titles", List.of());
    private final ObservableList<List<String>> processes = FXCollections.observableArrayList();
    private final ObjectProperty<String> container = new SimpleObjectProperty<>(this, "container");
    private final BooleanProperty visible = new SimpleBooleanProperty(this, "visible");

    /** Shows a fresh listing; keeps the column set when it did not change so the table keeps its widths. */
    public void setProcesses(String containerName, List<String> columnTitles, List<List<String>> rows) {
        container.set(containerName);
        if (!columnTitles.equals(titles.get())) {
            titles.set(List.copyOf(columnTitles));
        }
        processes.setAll(rows.stream().map(List::copyOf).toList());
    }

    public void clear() {
        container.set(null);
        processes.clear();
    }

    public ReadOnlyObjectProperty<List<String>> titlesProperty() {
        return titles.getReadOnlyProperty();
    }

    public ObservableList<List<String>> processes() {
        return processes;
    }

    /** Whose processes these are. */
    public ObjectProperty<String> containerProperty() {
        return container;
    }

    /** Whether the pane is on screen: the engine layer polls only while it is. */
    public BooleanProperty visibleProperty() {
        return visible;
    }
}
