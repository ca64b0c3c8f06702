package dev.berth.compose.merge;

import dev.berth.compose.tree.ListNode;
import dev.berth.compose.tree.MapNode;
import dev.berth.compose.tree.Node;
import dev.berth.compose.tree.PathRules;
import dev.berth.compose.tree.ScalarNode;
import dev.berth.compose.tree.TreePath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Merges one canonical compose tree onto another, following the specification's merge rules
 * (13-merge.md): mappings merge key by key, scalars are replaced, sequences are appended, and a
 * table of path patterns says where that differs (commands replaced, ports/volumes/secrets unique by
 * their identity, logging options merged only for the same driver). {@code !reset} removes what the
 * base had, {@code !override} replaces it. Merged nodes keep the location of the file that wrote them.
 */
public final class OverrideMerger {

    private enum Strategy { REPLACE, LOGGING, UNIQUE, ULIMIT, IPAM_POOLS }

    private record Rule(Strategy strategy, Function<Node, String> identity) {}

    private static final Map<String, Rule> RULES = new LinkedHashMap<>();
    private static final PathRules<Rule> TABLE = new PathRules<>();

    static {
        Rule replace = new Rule(Strategy.REPLACE, null);
        Rule byValue = new Rule(Strategy.UNIQUE, OverrideMerger::valueKey);
        RULES.put("services.*.command", replace);
        RULES.put("services.*.entrypoint", replace);
        RULES.put("services.*.healthcheck.test", replace);
        RULES.put("services.*.logging", new Rule(Strategy.LOGGING, null));
        RULES.put("services.*.ulimits.*", new Rule(Strategy.ULIMIT, null));
        RULES.put("services.*.ports", new Rule(Strategy.UNIQUE, OverrideMerger::portKey));
        // A short volume before canonicalisation is its own identity; once long, its target.
        RULES.put("services.*.volumes", new Rule(Strategy.UNIQUE, n -> n instanceof ScalarNode s ? s.asString() : field(n, "target")));
        RULES.put("services.*.secrets", new Rule(Strategy.UNIQUE, n -> mountTarget(n, "/run/secrets/")));
        RULES.put("services.*.configs", new Rule(Strategy.UNIQUE, n -> mountTarget(n, "/")));
        RULES.put("services.*.devices", new Rule(Strategy.UNIQUE, OverrideMerger::deviceTarget));
        RULES.put("networks.*.ipam.config", new Rule(Strategy.IPAM_POOLS, null));
        RULES.put("services.*.env_file", new Rule(Strategy.UNIQUE, n -> n instanceof ScalarNode s ? s.asString() : field(n, "path")));
        RULES.put("services.*.extra_hosts.*", byValue);
        RULES.put("services.*.networks.*.aliases", byValue);
        RULES.put("services.*.networks.*.link_local_ips", byValue);
        for (String list : List.of("expose", "cap_add", "cap_drop", "dns", "dns_search", "dns_opt", "security_opt",
                "profiles", "volumes_from", "links", "external_links", "tmpfs", "device_cgroup_rules", "group_add",
                "label_file", "build.tags", "build.cache_from", "build.cache_to", "build.platforms")) {
            RULES.put("services.*." + list, byValue);
        }
        RULES.forEach(TABLE::put);
    }

    private OverrideMerger() {}

    /** Merges {@code override} into {@code base} (changed in place) and returns it. */
    public static MapNode merge(MapNode base, MapNode override) {
        mergeMaps(base, override, "");
        return base;
    }

    /** Merges one service definition onto another, as {@code extends} does. */
    public static MapNode mergeService(MapNode base, MapNode override) {
        mergeMaps(base, override, "services.x");
        return base;
    }

    /**
     * Merges one definition of a top-level resource onto another ({@code section} is {@code services},
     * {@code networks}…), with the rules of that section; returns the merged node.
     */
    public static Node mergeResource(String section, Node base, Node override) {
        if (base instanceof MapNode b && override instanceof MapNode o) {
            mergeMaps(b, o, TreePath.child(section, "x"));
            return b;
        }
        return override;
    }

    private static Node mergeValues(Node base, Node override, String path) {
        if (override.mergeTag() == Node.MergeTag.OVERRIDE) {
            return override;
        }
        Rule rule = ruleFor(path);
        if (rule != null) {
            switch (rule.strategy()) {
                case REPLACE:
                    return override;
                case LOGGING:
                    if (base instanceof MapNode b && override instanceof MapNode o) {
                        String before = b.getString("driver");
                        String after = o.getString("driver");
                        if (before != null && after != null && !before.equals(after)) {
                            return override;
                        }
                        mergeMaps(b, o, path);
                        return b;
                    }
                    return override;
                case ULIMIT:
                    // compose-go's mergeUlimit gives the override's limit whole (override_test: nofile
                    // {soft, hard} overridden by {hard} keeps only hard).
                    return override;
                case UNIQUE:
                    if (base instanceof ListNode b && override instanceof ListNode o) {
                        return unique(b, o, rule.identity());
                    }
                    return override;
                case IPAM_POOLS:
                    if (base instanceof ListNode b && override instanceof ListNode o && !b.items().isEmpty()) {
                        return ipamPools(b, o, path);
                    }
                    return override;
                default:
                    break;
            }
        }
        if (base instanceof MapNode b && override instanceof MapNode o) {
            mergeMaps(b, o, path);
            return b;
        }
        if (base instanceof ListNode b && override instanceof ListNode o) {
            b.items().addAll(o.items());
            return b;
        }
        return override;
    }

    private static void mergeMaps(MapNode base, MapNode override, String path) {
        for (Map.Entry<String, Node> e : override.entries()) {
            String key = e.getKey();
            Node value = e.getValue();
            if (value != null && value.mergeTag() == Node.MergeTag.RESET) {
                base.remove(key);
                continue;
            }
            Node existing = base.get(key);
            if (existing == null || value == null) {
                base.put(key, value, override.keyLocation(key));
                if (existing != null) {
                    base.replace(key, value);
                }
                continue;
            }
            base.replace(key, mergeValues(existing, value, TreePath.child(path, key)));
        }
    }

    /** Appends, then keeps one entry per identity: the later definition wins, at the earlier position. */
    private static ListNode unique(ListNode base, ListNode override, Function<Node, String> identity) {
        LinkedHashMap<Object, Node> byKey = new LinkedHashMap<>();
        for (List<Node> items : List.of(base.items(), override.items())) {
            for (Node n : items) {
                if (n.mergeTag() == Node.MergeTag.RESET) {
                    continue;
                }
                String key = identity.apply(n);
                byKey.put(key == null ? new Object() : key, n); // an entry without identity stays where it is
            }
        }
        base.items().clear();
        base.items().addAll(byKey.values());
        return base;
    }

    /**
     * IPAM pools, as compose-go merges them: the override's pools in its order, each merged onto the
     * base pool with the same {@code subnet} when there is one; base pools the override does not name
     * are dropped.
     */
    private static ListNode ipamPools(ListNode base, ListNode override, String path) {
        List<Node> pools = new ArrayList<>();
        for (Node o : override.items()) {
            String subnet = field(o, "subnet");
            Node merged = o;
            for (Node b : base.items()) {
                if (b instanceof MapNode bm && o instanceof MapNode om && Objects.equals(field(b, "subnet"), subnet)) {
                    MapNode copy = bm.copy();
                    mergeMaps(copy, om, path);
                    merged = copy;
                    break;
                }
            }
            int same = -1;
            for (int i = 0; i < pools.size(); i++) {
                if (Objects.equals(field(pools.get(i), "subnet"), subnet)) {
                    same = i;
                }
            }
            if (same >= 0) {
                pools.set(same, merged);
            } else {
                pools.add(merged);
            }
        }
        base.items().clear();
        base.items().addAll(pools);
        return base;
    }

    /**
     * Within one file, as after each merge: an entry that a later one of the same list redefines (by
     * the identities of the rule table: volumes and devices by target, ports by address, secrets and
     * configs by target, plain lists by value) is replaced by it, at the earlier position.
     */
    public static void enforceUnicity(MapNode root) {
        MapNode services = root.getMap("services");
        if (services == null) {
            return;
        }
        PathRules<Rule> perService = TABLE.next("services") == null ? null : TABLE.next("services").next("x");
        for (Map.Entry<String, Node> e : services.entries()) {
            if (!(e.getValue() instanceof MapNode service) || perService == null) {
                continue;
            }
            for (Map.Entry<String, Node> field : service.entries()) {
                PathRules<Rule> sub = perService.next(field.getKey());
                Rule rule = sub == null ? null : sub.rule();
                if (rule != null && rule.strategy() == Strategy.UNIQUE && field.getValue() instanceof ListNode list) {
                    unique(list, new ListNode(list.location()), rule.identity());
                }
            }
        }
    }

    private static Rule ruleFor(String path) {
        return TABLE.ruleFor(path);
    }

    private static String valueKey(Node n) {
        return n instanceof ScalarNode s ? s.asString() : null;
    }

    private static String field(Node n, String key) {
        return n instanceof MapNode m ? m.getString(key) : null;
    }

    /** A secret or config by where it is mounted: its target, else the default place of its source. */
    private static String mountTarget(Node n, String defaultDirectory) {
        if (n instanceof ScalarNode s) {
            return defaultDirectory + s.asString();
        }
        if (!(n instanceof MapNode m)) {
            return null;
        }
        String target = m.getString("target");
        return target != null ? target : defaultDirectory + m.getString("source");
    }

    /** A device by its path in the container (the second field of the short syntax, else the first). */
    private static String deviceTarget(Node n) {
        if (n instanceof MapNode m) {
            return m.getString("target");
        }
        if (n instanceof ScalarNode s) {
            String[] parts = s.asString().split(":");
            return parts.length == 1 ? parts[0] : parts[1];
        }
        return null;
    }

    /** A port by host address, published port, target and protocol (compose-go's portIndexer). */
    private static String portKey(Node n) {
        if (n instanceof ScalarNode s) {
            return s.asString();
        }
        if (!(n instanceof MapNode m)) {
            return null;
        }
        String host = m.getString("host_ip");
        String protocol = m.getString("protocol");
        return (host == null ? "0.0.0.0" : host) + ":" + m.getString("published") + ":" + m.getString("target") + "/"
                + (protocol == null ? "tcp" : protocol);
    }

    /** After all merges: drops what is still marked {@code !reset} and forgets the tags. */
    public static void finish(Node node) {
        if (node instanceof MapNode map) {
            map.entries().removeIf(e -> e.getValue() != null && e.getValue().mergeTag() == Node.MergeTag.RESET);
            for (Map.Entry<String, Node> e : map.entries()) {
                if (e.getValue() != null) {
                    finish(e.getValue());
                }
            }
        } else if (node instanceof ListNode list) {
            list.items().removeIf(n -> n.mergeTag() == Node.MergeTag.RESET);
            list.items().forEach(OverrideMerger::finish);
        }
        node.setMergeTag(Node.MergeTag.NONE);
    }
}
