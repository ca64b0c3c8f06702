package dev.berth.app.gui.inspect;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
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
    private final BooleanProperty revealSecrets = new SimpleBooleanProperty(this, "revealSecrets", false);
    private final ReadOnlyObjectWrapper<SearchResult> result = new ReadOnlyObjectWrapper<>(this, "result", SearchResult.NONE);

    public InspectViewModel() {
        query.addListener((obs, old, text) -> result.set(search(text)));
        revealSecrets.addListener((obs, old, reveal) -> result.set(search(query.get())));
    }

    /** Shows a parsed JSON document (the engine's {@code /containers/ID/json}, say). */
    public void setDocument(String name, Map<String, Object> json) {
        if (!name.equals(title.get())) {
            revealSecrets.set(false); // revealed for one container, not for the next one selected
        }
        title.set(name);
        root.set(json == null ? null : InspectNode.of(name, json));
        result.set(search(query.get()));
    }

    public void clear() {
        revealSecrets.set(false);
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
        collect(tree, needle, revealSecrets.get(), new ArrayList<>(), matches, expand);
        return new SearchResult(List.copyOf(matches), Set.copyOf(expand));
    }

    /** Searches what is shown: a masked value is not found by its secret text (a hit would tell it). */
    private static void collect(InspectNode node, String needle, boolean revealed, List<String> ancestors, List<String> matches,
            Set<String> expand) {
        boolean hit = node.key().toLowerCase(Locale.ROOT).contains(needle)
                || node.kind() == InspectNode.Kind.VALUE && node.shown(revealed).toLowerCase(Locale.ROOT).contains(needle);
        if (hit && !ancestors.isEmpty()) {
            matches.add(node.path());
            expand.addAll(ancestors);
        }
        ancestors.add(node.path());
        for (InspectNode child : node.children()) {
            collect(child, needle, revealed, ancestors, matches, expand);
        }
        ancestors.removeLast();
    }

    /** Whether masked secret values ({@link SecretNames}) are shown; off again for each newly selected document. */
    public BooleanProperty revealSecretsProperty() {
        return revealSecrets;
    }

    /** The value column's text for {@code node}: masked unless revealed. */
    public String shown(InspectNode node) {
        return node.shown(revealSecrets.get());
    }

    /** Whether the document holds any masked value (the reveal toggle shows only then). */
    public boolean hasSecrets() {
        return root.get() != null && hasSecret(root.get());
    }

    private static boolean hasSecret(InspectNode node) {
        return node.isSecret() || node.children().stream().anyMatch(InspectViewModel::hasSecret);
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
