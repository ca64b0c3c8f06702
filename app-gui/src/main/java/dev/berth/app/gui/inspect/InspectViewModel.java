package dev.berth.app.gui.inspect;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The inspect pane's state: the document as a tree of {@link InspectNode}s, and a search over keys and
 * values that yields the matching paths and the paths to expand so every match is visible.
 */
public final class InspectViewModel {

    /** The result of a search: matching paths in document order, and every ancestor path to expand. */
    public record SearchResult(List<String> matches, Set<String> expand) {
        public static final SearchResult NONE = new SearchResult(List.of(), Set.of());
    }

    private final ObjectProperty<String> title = new SimpleObjectProperty<>(this, "title", "");
    private final ReadOnlyObjectWrapper<InspectNode> root = new ReadOnlyObjectWrapper<>(this, "root");
    private final StringProperty query = new SimpleStringProperty(this, "query", "");
    private final ReadOnlyObjectWrapper<SearchResult> result = new ReadOnlyObjectWrapper<>(this, "result", SearchResult.NONE);

    public InspectViewModel() {
        query.addListener((obs, old, text) -> result.set(search(text)));
    }

    /** Shows a parsed JSON document (the engine's {@code /containers/ID/json}, say). */
    public void setDocument(String name, Map<String, Object> json) {
        title.set(name);
        root.set(json == null ? null : InspectNode.of(name, json));
        result.set(search(query.get()));
    }

    public void clear() {
        title.set("");
        root.set(null);
        result.set(SearchResult.NONE);
    }

    public SearchResult search(String text) {
        InspectNode tree = root.get();
        String needle = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (tree == null || needle.isEmpty()) {
            return SearchResult.NONE;
        }
        List<String> matches = new ArrayList<>();
        Set<String> expand = new LinkedHashSet<>();
        collect(tree, needle, new ArrayList<>(), matches, expand);
        return new SearchResult(List.copyOf(matches), Set.copyOf(expand));
    }

    private static void collect(InspectNode node, String needle, List<String> ancestors, List<String> matches, Set<String> expand) {
        boolean hit = node.key().toLowerCase(Locale.ROOT).contains(needle)
                || node.kind() == InspectNode.Kind.VALUE && node.value().toLowerCase(Locale.ROOT).contains(needle);
        if (hit && !ancestors.isEmpty()) {
            matches.add(node.path());
            expand.addAll(ancestors);
        }
        ancestors.add(node.path());
        for (InspectNode child : node.children()) {
            collect(child, needle, ancestors, matches, expand);
        }
        ancestors.removeLast();
    }

    public ReadOnlyObjectProperty<InspectNode> rootProperty() {
        return root.getReadOnlyProperty();
    }

    public ObjectProperty<String> titleProperty() {
        return title;
    }

    public StringProperty queryProperty() {
        return query;
    }

    public ReadOnlyObjectProperty<SearchResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public boolean isMatch(String path) {
        return result.get().matches().contains(path);
    }
}
