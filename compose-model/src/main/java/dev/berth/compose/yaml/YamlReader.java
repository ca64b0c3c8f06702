package dev.berth.compose.yaml;

import dev.berth.compose.Diagnostics;
import dev.berth.compose.Location;
import dev.berth.compose.tree.ListNode;
import dev.berth.compose.tree.MapNode;
import dev.berth.compose.tree.Node;
import dev.berth.compose.tree.ScalarNode;
import dev.berth.compose.tree.TreePath;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.CoreScalarResolver;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;

/**
 * Turns YAML text into located trees, one per document.
 *
 * <p>We build the tree from snakeyaml-engine's <em>event</em> stream instead of its composed nodes:
 * that lets us keep every position, resolve {@code <<} merge keys (YAML 1.1, still used by compose
 * files), keep the {@code !reset}/{@code !override} tags, report duplicate keys and non-string keys
 * with their position, and enforce a nesting limit without recursion (snakeyaml-engine 3.2 has no
 * nesting-depth setting; its composer recurses and a deep enough document overflows the stack).
 */
public final class YamlReader {

    private static final ScalarResolver RESOLVER = new CoreScalarResolver(false);
    private static final String MERGE_KEY = "<<";

    private final YamlLimits limits;

    public YamlReader(YamlLimits limits) {
        this.limits = limits;
    }

    public YamlReader() {
        this(YamlLimits.DEFAULT);
    }

    /** Signals a problem already reported; stops reading the file. */
    private static final class Abort extends RuntimeException {
        Abort() {
            super(null, null, false, false);
        }
    }

    /**
     * Reads all documents of {@code text}. Documents that are empty are returned as null entries so
     * callers can tell "empty file" from "no file". On a syntax error the diagnostics get the error
     * and the returned list is empty.
     */
    public List<Node> read(String text, Path file, Diagnostics diagnostics) {
        int before = diagnostics.errorCount();
        if (text.codePointCount(0, text.length()) > limits.codePointLimit()) {
            diagnostics.error("yaml-too-large", "", Location.ofFile(file),
                    "the file is larger than " + limits.codePointLimit() + " code points");
            return List.of();
        }
        LoadSettings settings = LoadSettings.builder()
                .setLabel(file == null ? "<input>" : file.toString())
                .setAllowDuplicateKeys(false)
                .setMaxAliasesForCollections(limits.maxAliasesForCollections())
                .setCodePointLimit(limits.codePointLimit())
                .setAllowRecursiveKeys(false)
                .build();
        Builder builder = new Builder(file, diagnostics);
        try {
            for (Event event : new Parse(settings).parseString(text)) {
                builder.accept(event);
            }
        } catch (Abort abort) {
            return List.of();
        } catch (MarkedYamlEngineException e) {
            Location at = e.getProblemMark().map(m -> locate(file, m)).orElse(Location.ofFile(file));
            String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
            String context = e.getContext();
            if (context != null && context.contains("simple key") && e.getContextMark().isPresent()) {
                // A key without its ':' is found only where the next line starts; the mistake is the key
                // itself, which is where an editor's squiggle helps ("rest" typed on the line above "ports:").
                at = locate(file, e.getContextMark().get());
                problem = "this key has no ':' after it (" + problem.strip() + ")";
                context = null;
            }
            if (problem.contains("(TAB)")) {
                // Same words as docker compose, so users can search for them.
                problem = "found a tab character that violates indentation";
            }
            diagnostics.error("yaml-syntax", "", at, problem.strip()
                    + (context == null || context.isBlank() ? "" : " (" + context.strip() + ")"));
            return List.of();
        } catch (YamlEngineException e) {
            diagnostics.error("yaml-syntax", "", Location.ofFile(file), String.valueOf(e.getMessage()).strip());
            return List.of();
        }
        return diagnostics.errorCount() > before ? List.of() : builder.documents;
    }

    static Location locate(Path file, Mark mark) {
        return new Location(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    /** One open mapping or sequence while events stream in. */
    private static final class Frame {
        final Node node;
        final String path;
        final String anchor;
        String pendingKey;
        Location pendingKeyLocation;
        boolean keyIsMerge;
        List<MapNode> mergeSources;

        Frame(Node node, String path, String anchor) {
            this.node = node;
            this.path = path;
            this.anchor = anchor;
        }
    }

    private final class Builder {
        private final Path file;
        private final Diagnostics diagnostics;
        private final List<Node> documents = new ArrayList<>();
        private final Deque<Frame> stack = new ArrayDeque<>();
        private final Map<String, Node> anchors = new HashMap<>();
        private final Set<String> openAnchors = new HashSet<>();
        private int collectionAliases;
        private int nodes;
        private int aliasNodes;
        private boolean documentHasRoot;

        Builder(Path file, Diagnostics diagnostics) {
            this.file = file;
            this.diagnostics = diagnostics;
        }

        void accept(Event event) {
            switch (event.getEventId()) {
                case DocumentStart -> {
                    anchors.clear();
                    openAnchors.clear();
                    collectionAliases = 0;
                    documentHasRoot = false;
                }
                case DocumentEnd -> {
                    if (!documentHasRoot) {
                        documents.add(null);
                    }
                }
                case MappingStart -> open(new MapNode(at(event)), (CollectionStartEvent) event);
                case SequenceStart -> open(new ListNode(at(event)), (CollectionStartEvent) event);
                case MappingEnd, SequenceEnd -> close();
                case Scalar -> value(scalar((ScalarEvent) event), event);
                case Alias -> value(alias((AliasEvent) event), event);
                default -> { }
            }
        }

        private Location at(Event event) {
            return event.getStartMark().map(m -> locate(file, m)).orElse(Location.ofFile(file));
        }

        private void fail(String code, Location location, String message) {
            diagnostics.error(code, currentPath(), location, message);
            throw new Abort();
        }

        private String currentPath() {
            Frame top = stack.peek();
            if (top == null) {
                return "";
            }
            return top.pendingKey == null ? top.path : TreePath.child(top.path, top.pendingKey);
        }

        private void count(Location location) {
            if (++nodes > limits.maxNodes()) {
                fail("yaml-too-large", location, "the document expands to more than " + limits.maxNodes()
                        + " nodes (aliases included); refusing to load it");
            }
        }

        private void open(Node node, CollectionStartEvent event) {
            if (stack.size() >= limits.maxNestingDepth()) {
                fail("yaml-nesting", node.location(), "mappings and sequences are nested more than "
                        + limits.maxNestingDepth() + " levels deep");
            }
            count(node.location());
            applyTag(node, event.getTag());
            String anchor = event.getAnchor().map(a -> a.getValue()).orElse(null);
            if (anchor != null) {
                openAnchors.add(anchor);
            }
            String path = childPathForNext();
            stack.push(new Frame(node, path, anchor));
        }

        /** The path the next value will have, computed before it is attached. */
        private String childPathForNext() {
            Frame top = stack.peek();
            if (top == null) {
                return "";
            }
            if (top.node instanceof ListNode list) {
                return TreePath.index(top.path, list.size());
            }
            return top.pendingKey == null ? top.path : TreePath.child(top.path, top.pendingKey);
        }

        private void close() {
            Frame frame = stack.pop();
            if (frame.node instanceof MapNode map && frame.mergeSources != null) {
                applyMergeKeys(map, frame.mergeSources);
            }
            if (frame.anchor != null) {
                openAnchors.remove(frame.anchor);
                anchors.put(frame.anchor, frame.node);
            }
            attach(frame.node, frame.node.location());
        }

        private Node scalar(ScalarEvent event) {
            Location location = at(event);
            count(location);
            String text = event.getValue();
            Optional<String> tag = event.getTag();
            boolean plain = event.isPlain();
            Object value;
            Tag resolved;
            if (tag.isPresent() && tag.get().startsWith("tag:yaml.org,2002:")) {
                resolved = new Tag(tag.get());
            } else if (plain) {
                resolved = RESOLVER.resolve(text, true);
            } else {
                resolved = Tag.STR;
            }
            value = ScalarValues.construct(resolved, text);
            ScalarNode node = new ScalarNode(location, value, text, !plain);
            applyTag(node, tag);
            event.getAnchor().ifPresent(a -> anchors.put(a.getValue(), node));
            return node;
        }

        private Node alias(AliasEvent event) {
            Location location = at(event);
            String name = event.getAlias().getValue();
            if (openAnchors.contains(name)) {
                fail("yaml-alias", location, "alias *" + name + " refers to a node that contains it (recursive alias)");
            }
            Node target = anchors.get(name);
            if (target == null) {
                fail("yaml-alias", location, "found undefined alias *" + name);
            }
            if (!(target instanceof ScalarNode)) {
                if (++collectionAliases > limits.maxAliasesForCollections()) {
                    fail("yaml-aliases", location, "excessive aliasing: more than " + limits.maxAliasesForCollections()
                            + " aliases to mappings or sequences in one document");
                }
            }
            int budget = (nodes - aliasNodes) * limits.aliasExpansionRatio() + YamlLimits.ALIAS_ALLOWANCE - aliasNodes;
            int size = sizeOf(target, Math.min(budget, limits.maxNodes() - nodes) + 1);
            aliasNodes += size;
            nodes += size;
            if (size > budget || nodes > limits.maxNodes()) {
                fail("yaml-aliases", location, "excessive aliasing: alias *" + name + " would copy " + size
                        + " more nodes into a document of " + (nodes - aliasNodes) + " written nodes");
            }
            return target.copy();
        }

        private int sizeOf(Node node, int cap) {
            int n = 1;
            if (node instanceof MapNode m) {
                for (Map.Entry<String, Node> e : m.entries()) {
                    if (n > cap) {
                        return n;
                    }
                    n += e.getValue() == null ? 0 : sizeOf(e.getValue(), cap - n);
                }
            } else if (node instanceof ListNode l) {
                for (Node child : l.items()) {
                    if (n > cap) {
                        return n;
                    }
                    n += sizeOf(child, cap - n);
                }
            }
            return n;
        }

        private void value(Node node, Event event) {
            attach(node, node.location());
        }

        private void attach(Node node, Location location) {
            Frame top = stack.peek();
            if (top == null) {
                documents.add(node);
                documentHasRoot = true;
                return;
            }
            if (top.node instanceof ListNode list) {
                list.add(node);
                return;
            }
            MapNode map = (MapNode) top.node;
            if (top.pendingKey == null && !top.keyIsMerge) {
                acceptKey(top, node, location);
                return;
            }
            if (top.keyIsMerge) {
                top.keyIsMerge = false;
                collectMergeSources(top, node);
                return;
            }
            String key = top.pendingKey;
            top.pendingKey = null;
            map.put(key, node, top.pendingKeyLocation);
        }

        private void acceptKey(Frame frame, Node keyNode, Location location) {
            MapNode map = (MapNode) frame.node;
            if (!(keyNode instanceof ScalarNode key)) {
                fail("yaml-key", location, frame.path.isEmpty()
                        ? "non-string key at top level: a mapping or sequence cannot be a key"
                        : "non-string key in " + TreePath.display(frame.path) + ": a mapping or sequence cannot be a key");
                return;
            }
            if (MERGE_KEY.equals(key.raw()) && !key.quoted()) {
                frame.keyIsMerge = true;
                return;
            }
            if (!(key.value() instanceof String)) {
                diagnostics.error("yaml-key", frame.path, location, frame.path.isEmpty()
                        ? "non-string key at top level: " + key.raw()
                        : "non-string key in " + TreePath.display(frame.path) + ": " + key.raw());
            }
            String name = key.raw();
            if (map.has(name)) {
                Location first = map.keyLocation(name);
                fail("yaml-duplicate-key", location, "mapping key \"" + name + "\" already defined at line " + first.line());
            }
            frame.pendingKey = name;
            frame.pendingKeyLocation = location;
        }

        private void collectMergeSources(Frame frame, Node value) {
            if (frame.mergeSources == null) {
                frame.mergeSources = new ArrayList<>();
            }
            if (value instanceof MapNode m) {
                frame.mergeSources.add(m);
            } else if (value instanceof ListNode list) {
                for (Node item : list.items()) {
                    if (!(item instanceof MapNode m)) {
                        fail("yaml-merge", item.location(), "map merge requires map or sequence of maps as the value, found "
                                + item.kindName());
                        return;
                    }
                    frame.mergeSources.add(m);
                }
            } else {
                fail("yaml-merge", value.location(), "map merge requires map or sequence of maps as the value, found "
                        + value.kindName());
            }
        }

        /** Keys written in the mapping win; among merge sources the first one wins (YAML merge-key rules). */
        private void applyMergeKeys(MapNode map, List<MapNode> sources) {
            for (MapNode source : sources) {
                for (Map.Entry<String, Node> e : source.entries()) {
                    if (!map.has(e.getKey())) {
                        map.put(e.getKey(), e.getValue() == null ? null : e.getValue().copy(), source.keyLocation(e.getKey()));
                    }
                }
            }
        }

        private void applyTag(Node node, Optional<String> tag) {
            if (tag.isEmpty()) {
                return;
            }
            switch (tag.get()) {
                case "!reset" -> node.setMergeTag(Node.MergeTag.RESET);
                case "!override" -> node.setMergeTag(Node.MergeTag.OVERRIDE);
                default -> { }
            }
        }
    }
}
