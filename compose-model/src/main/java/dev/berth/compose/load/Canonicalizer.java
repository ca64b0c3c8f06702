package dev.berth.compose.load;

import dev.berth.compose.Diagnostics;
import dev.berth.compose.Location;
import dev.berth.compose.tree.ListNode;
import dev.berth.compose.tree.MapNode;
import dev.berth.compose.tree.Node;
import dev.berth.compose.tree.PathRules;
import dev.berth.compose.tree.ScalarNode;
import dev.berth.compose.tree.TreePath;
import java.util.List;
import java.util.Map;

/**
 * Rewrites every short syntax into the long one, so that merging, normalising and binding only ever
 * see one shape: ports and volumes as mappings, lists of {@code KEY=VALUE} as mappings, depends_on
 * and service networks as mappings, string commands as word lists… New nodes keep the position and
 * the {@code !reset}/{@code !override} tag of what they replace.
 *
 * <p>Which rewrite applies where is one table of path patterns ({@link #RULES}, like compose-go's
 * {@code transform/canonical.go}): one walk over the tree looks each node's path up in it, applies the
 * rule it finds and goes on into what the rule returned, so a rule below a rewritten node (the
 * {@code args} of a {@code build: .} made long) sees the long form.
 */
final class Canonicalizer {

    /** One rewrite: the node at a path that matched its pattern → its long form (the same node when nothing changes). */
    @FunctionalInterface
    private interface Rule {
        /** @param at where the node is, or its key when the value is empty */
        Node apply(Canonicalizer canonicalizer, Node node, String path, Location at);
    }

    private static final List<String> RESOURCE_SECTIONS = List.of("networks", "volumes", "secrets", "configs");

    private static final PathRules<Rule> RULES = rules();

    private static PathRules<Rule> rules() {
        PathRules<Rule> rules = new PathRules<Rule>()
                .put("services.*", (c, node, path, at) -> emptyService(node, at))
                .put("services.*.build", (c, node, path, at) -> buildContext(node))
                .put("services.*.build.args", (c, node, path, at) -> c.dictionary(node, null, false))
                .put("services.*.build.labels", (c, node, path, at) -> c.dictionary(node, "", false))
                .put("services.*.build.additional_contexts", Canonicalizer::keyValues)
                .put("services.*.build.ssh", Canonicalizer::sshKeys)
                .put("services.*.build.cache_from", (c, node, path, at) -> stringToList(node))
                .put("services.*.build.tags", (c, node, path, at) -> stringToList(node))
                .put("services.*.extends", (c, node, path, at) -> extendsService(node))
                .put("services.*.environment", (c, node, path, at) -> c.dictionary(node, null, true))
                .put("services.*.labels", (c, node, path, at) -> c.dictionary(node, "", false))
                .put("services.*.annotations", (c, node, path, at) -> c.dictionary(node, "", false))
                .put("services.*.sysctls", (c, node, path, at) -> c.dictionary(node, null, false))
                .put("services.*.deploy.labels", (c, node, path, at) -> c.dictionary(node, "", false))
                .put("services.*.command", (c, node, path, at) -> words(node))
                .put("services.*.entrypoint", (c, node, path, at) -> words(node))
                .put("services.*.healthcheck.test", (c, node, path, at) -> shellTest(node))
                .put("services.*.dns", (c, node, path, at) -> omitEmptyItems(stringToList(node)))
                .put("services.*.env_file", (c, node, path, at) -> envFiles(stringToList(node)))
                .put("services.*.gpus", (c, node, path, at) -> allGpus(node))
                .put("services.*.expose.*", (c, node, path, at) -> asString(node))
                .put("services.*.develop.watch", Canonicalizer::blankWatchPaths)
                .put("services.*.provider.options", (c, node, path, at) -> providerOptions(node))
                .put("services.*.depends_on", (c, node, path, at) -> dependsOn(node))
                .put("services.*.networks", (c, node, path, at) -> serviceNetworks(node))
                .put("services.*.secrets.*", (c, node, path, at) -> reference(node))
                .put("services.*.configs.*", (c, node, path, at) -> reference(node))
                .put("services.*.extra_hosts", Canonicalizer::extraHosts)
                .put("services.*.devices.*", Canonicalizer::device)
                .put("services.*.ports", Canonicalizer::ports)
                .put("services.*.volumes", Canonicalizer::volumes)
                .put("include.*", (c, node, path, at) -> include(node));
        for (String key : List.of("dns_search", "tmpfs", "label_file", "cap_add", "cap_drop")) {
            rules.put("services.*." + key, (c, node, path, at) -> stringToList(node));
        }
        for (String section : RESOURCE_SECTIONS) {
            rules.put(section + ".*", (c, node, path, at) -> emptyResource(node))
                    .put(section + ".*.labels", (c, node, path, at) -> c.dictionary(node, "", false))
                    .put(section + ".*.driver_opts", (c, node, path, at) -> c.dictionary(node, null, false));
        }
        return rules;
    }

    private final Diagnostics diagnostics;
    /**
     * Without interpolation ({@code config --no-interpolate}) a short syntax may hold {@code ${…}}:
     * what does not parse is kept as written, as compose-go's {@code ignoreParseError} does.
     */
    private final boolean keepUnparsed;

    Canonicalizer(Diagnostics diagnostics) {
        this(diagnostics, false);
    }

    Canonicalizer(Diagnostics diagnostics, boolean keepUnparsed) {
        this.diagnostics = diagnostics;
        this.keepUnparsed = keepUnparsed;
    }

    void canonicalize(MapNode root) {
        walkChildren(root, "", RULES);
    }

    /** The node after its rule (if its path has one), with every child below it that some rule lies under walked too. */
    private Node walk(Node node, String path, Location at, PathRules<Rule> rules) {
        Node result = rules.rule() == null ? node : rules.rule().apply(this, node, path, at);
        walkChildren(result, path, rules);
        return result;
    }

    private void walkChildren(Node node, String path, PathRules<Rule> rules) {
        if (node instanceof MapNode map) {
            for (Map.Entry<String, Node> e : map.entries()) {
                PathRules<Rule> below = rules.next(e.getKey());
                if (below != null) {
                    Node value = e.getValue();
                    Node result = walk(value, TreePath.child(path, e.getKey()), value == null ? map.keyLocation(e.getKey()) : value.location(), below);
                    if (result != value) {
                        e.setValue(result);
                    }
                }
            }
        } else if (node instanceof ListNode list) {
            for (int i = 0; i < list.size(); i++) {
                PathRules<Rule> below = rules.next(String.valueOf(i));
                if (below != null) {
                    Node item = list.get(i);
                    Node result = walk(item, TreePath.index(path, i), item == null ? list.location() : item.location(), below);
                    if (result != item) {
                        list.items().set(i, result);
                    }
                }
            }
        }
    }

    /** {@code services: {web: }}: an empty service is an empty mapping. */
    private static Node emptyService(Node node, Location at) {
        return node == null || node instanceof ScalarNode s && s.isNull() ? new MapNode(at) : node;
    }

    /** {@code volumes: {data: }}: an empty resource is an empty mapping, keeping its merge tag. */
    private static Node emptyResource(Node node) {
        if (node instanceof ScalarNode s && s.isNull()) {
            return retag(new MapNode(s.location()), s);
        }
        return node;
    }

    /** {@code build: ./dir} is {@code build: {context: ./dir}}. */
    private static Node buildContext(Node node) {
        if (node instanceof ScalarNode s && s.value() instanceof String context) {
            MapNode long_ = retag(new MapNode(s.location()), s);
            long_.put("context", ScalarNode.of(s.location(), context));
            return long_;
        }
        return node;
    }

    /** {@code extends: base} is {@code extends: {service: base}}. */
    private static Node extendsService(Node node) {
        if (node instanceof ScalarNode s && s.value() instanceof String name) {
            MapNode long_ = new MapNode(s.location());
            long_.put("service", ScalarNode.of(s.location(), name));
            return long_;
        }
        return node;
    }

    /** A string health test runs in a shell: {@code [CMD-SHELL, test]}. */
    private static Node shellTest(Node node) {
        if (node instanceof ScalarNode s && s.value() instanceof String test) {
            ListNode list = retag(new ListNode(s.location()), s);
            list.add(ScalarNode.of(s.location(), "CMD-SHELL"));
            list.add(ScalarNode.of(s.location(), test));
            return list;
        }
        return node;
    }

    /** {@code gpus: all} is one request for every GPU (compose-go's transformGpus). */
    private static Node allGpus(Node node) {
        if (node instanceof ScalarNode g && g.value() instanceof String) {
            ListNode list = retag(new ListNode(g.location()), g);
            MapNode all = new MapNode(g.location());
            all.put("count", ScalarNode.of(g.location(), "all"));
            list.add(all);
            return list;
        }
        return node;
    }

    /** {@code env_file: [a.env]} items as {@code {path, required: true}}. */
    private static Node envFiles(Node node) {
        if (node instanceof ListNode envFiles) {
            for (int i = 0; i < envFiles.size(); i++) {
                if (envFiles.get(i) instanceof ScalarNode s) {
                    MapNode long_ = new MapNode(s.location());
                    long_.put("path", ScalarNode.of(s.location(), s.asString()));
                    long_.put("required", ScalarNode.of(s.location(), Boolean.TRUE));
                    envFiles.items().set(i, long_);
                } else if (envFiles.get(i) instanceof MapNode m && !m.has("required")) {
                    m.put("required", ScalarNode.of(m.location(), Boolean.TRUE));
                }
            }
        }
        return node;
    }

    /** A number where a string belongs ({@code expose: [80]}) is written as the string. */
    private static Node asString(Node node) {
        if (node instanceof ScalarNode s && !(s.value() instanceof String) && !s.isNull()) {
            s.setValue(s.asString());
        }
        return node;
    }

    /** {@code include: [a.yaml]} items as {@code {path: [a.yaml]}}; a long item's path and env_file as lists. */
    private static Node include(Node item) {
        if (item instanceof ScalarNode s) {
            MapNode long_ = new MapNode(s.location());
            ListNode paths = new ListNode(s.location());
            paths.add(s);
            long_.put("path", paths);
            return long_;
        }
        if (item instanceof MapNode m) {
            replaceWith(m, "path", stringToList(m.get("path")));
            replaceWith(m, "env_file", stringToList(m.get("env_file")));
        }
        return item;
    }

    private static void replaceWith(MapNode parent, String key, Node value) {
        if (value != null && value != parent.get(key)) {
            parent.replace(key, value);
        }
    }

    private Node ports(Node node, String path, Location at) {
        if (!(node instanceof ListNode ports)) {
            return node;
        }
        Diagnostics portErrors = keepUnparsed ? new Diagnostics() : diagnostics;
        ListNode parsed = Ports.canonicalize(ports, path, portErrors);
        return keepUnparsed && portErrors.hasErrors() ? ports : retag(parsed, ports);
    }

    private Node volumes(Node node, String path, Location at) {
        if (!(node instanceof ListNode volumes)) {
            return node;
        }
        return retag(Volumes.canonicalize(volumes, path, keepUnparsed ? null : diagnostics), volumes);
    }

    /** {@code provider.options}: every option is a list of strings, as compose-go's MultiOptions decode it. */
    private static Node providerOptions(Node node) {
        if (!(node instanceof MapNode options)) {
            return node;
        }
        for (Map.Entry<String, Node> e : options.entries()) {
            if (e.getValue() instanceof ScalarNode s && !s.isNull()) {
                ListNode list = new ListNode(s.location());
                list.add(ScalarNode.of(s.location(), s.asString()));
                e.setValue(list);
            } else if (e.getValue() instanceof ListNode list) {
                for (Node item : list.items()) {
                    if (item instanceof ScalarNode s && !(s.value() instanceof String) && !s.isNull()) {
                        s.setValue(s.asString());
                    }
                }
            }
        }
        return node;
    }

    /**
     * {@code - KEY=VALUE} lists become mappings; {@code - KEY} becomes KEY: {@code bareValue}.
     *
     * @param environment refuse a name with a trailing space (only environment variables)
     */
    private Node dictionary(Node node, String bareValue, boolean environment) {
        if (!(node instanceof ListNode list)) {
            return node;
        }
        MapNode map = retag(new MapNode(list.location()), list);
        for (Node item : list.items()) {
            if (!(item instanceof ScalarNode s) || s.isNull()) {
                continue;
            }
            String entry = s.asString();
            int eq = entry.indexOf('=');
            String name = eq < 0 ? entry : entry.substring(0, eq);
            if (environment && !name.equals(name.stripTrailing())) {
                diagnostics.error("environment-trailing-space", "", s.location(),
                        "environment variable " + name + " is declared with a trailing space");
                continue;
            }
            Object value = eq < 0 ? bareValue : entry.substring(eq + 1);
            map.put(name, ScalarNode.of(s.location(), value), s.location());
        }
        return map;
    }

    /** validation.go's checkPath, before {@link PathResolver} turns an empty path into the project directory. */
    private Node blankWatchPaths(Node node, String path, Location at) {
        if (!(node instanceof ListNode watch)) {
            return node;
        }
        for (int i = 0; i < watch.size(); i++) {
            if (watch.get(i) instanceof MapNode trigger && trigger.get("path") instanceof ScalarNode p && p.asString().isEmpty()) {
                diagnostics.error("watch-path", path + "." + i + ".path", p.location(),
                        TreePath.display(path) + "[" + i + "].path: value can't be blank");
            }
        }
        return node;
    }

    /** compose-go's transformKeyValue: {@code - KEY=VALUE} items to a mapping; an item without {@code =} is refused. */
    private Node keyValues(Node node, String path, Location at) {
        if (!(node instanceof ListNode list)) {
            return node;
        }
        MapNode map = retag(new MapNode(list.location()), list);
        for (Node item : list.items()) {
            String entry = item instanceof ScalarNode s ? s.asString() : "";
            int eq = entry.indexOf('=');
            if (eq < 0) {
                if (!keepUnparsed) {
                    diagnostics.error("key-value", path, item.location(), TreePath.display(path) + ": invalid value " + entry
                            + ", expected key=value");
                }
                return list;
            }
            map.put(entry.substring(0, eq), ScalarNode.of(item.location(), entry.substring(eq + 1)), item.location());
        }
        return map;
    }

    /** compose-go's transformSSH: each item is {@code default} or {@code ID=PATH}. */
    private Node sshKeys(Node node, String path, Location at) {
        if (node instanceof ListNode list) {
            for (Node item : list.items()) {
                if (item instanceof ScalarNode s && s.asString().indexOf('=') < 0 && !s.asString().equals("default")) {
                    diagnostics.error("ssh-key", path, s.location(), "invalid ssh key \"" + s.asString() + "\"");
                }
            }
        }
        return node;
    }

    /** A string command is split into words as a shell would. */
    private static Node words(Node node) {
        if (node instanceof ScalarNode s && s.value() instanceof String text) {
            ListNode list = retag(new ListNode(s.location()), s);
            for (String word : ShellWords.split(text)) {
                list.add(ScalarNode.of(s.location(), word));
            }
            return list;
        }
        return node;
    }

    /** One string where a list of strings belongs is that list of one. */
    private static Node stringToList(Node node) {
        if (node instanceof ScalarNode s && s.value() instanceof String text) {
            ListNode list = retag(new ListNode(s.location()), s);
            list.add(ScalarNode.of(s.location(), text));
            return list;
        }
        return node;
    }

    /** Drops empty and null items (a {@code ${DNS:-}} that came out empty), as compose-go's OmitEmpty does for dns. */
    private static Node omitEmptyItems(Node node) {
        if (node instanceof ListNode list) {
            list.items().removeIf(n -> n instanceof ScalarNode s && (s.isNull() || "".equals(s.value())));
        }
        return node;
    }

    /** {@code depends_on: [db]} and {@code depends_on: {db: }} as {@code {db: {condition, required}}}, defaults filled in. */
    private static Node dependsOn(Node node) {
        if (node instanceof ListNode list) {
            MapNode map = retag(new MapNode(list.location()), list);
            for (Node item : list.items()) {
                if (item instanceof ScalarNode s) {
                    map.put(s.asString(), dependency(s.location()), s.location());
                }
            }
            return map;
        }
        if (node instanceof MapNode map) {
            for (Map.Entry<String, Node> e : map.entries()) {
                if (e.getValue() instanceof MapNode dep) {
                    if (!dep.has("condition")) {
                        dep.put("condition", ScalarNode.of(dep.location(), "service_started"));
                    }
                    if (!dep.has("required")) {
                        dep.put("required", ScalarNode.of(dep.location(), Boolean.TRUE));
                    }
                } else if (e.getValue() == null || e.getValue() instanceof ScalarNode) {
                    e.setValue(dependency(map.keyLocation(e.getKey())));
                }
            }
        }
        return node;
    }

    static MapNode dependency(Location at) {
        MapNode dep = new MapNode(at);
        dep.put("condition", ScalarNode.of(at, "service_started"));
        dep.put("required", ScalarNode.of(at, Boolean.TRUE));
        return dep;
    }

    /** {@code networks: [front]} as {@code networks: {front: }}. */
    private static Node serviceNetworks(Node node) {
        if (node instanceof ListNode list) {
            MapNode map = retag(new MapNode(list.location()), list);
            for (Node item : list.items()) {
                if (item instanceof ScalarNode s) {
                    map.put(s.asString(), ScalarNode.of(s.location(), null), s.location());
                }
            }
            return map;
        }
        return node;
    }

    /** A secret or config named by a string is {@code {source: name}}. */
    private static Node reference(Node node) {
        if (node instanceof ScalarNode s) {
            MapNode long_ = new MapNode(s.location());
            long_.put("source", ScalarNode.of(s.location(), s.asString()));
            return long_;
        }
        return node;
    }

    /**
     * Both {@code host: ip} and {@code - host:ip} / {@code - host=ip} become host → list of addresses,
     * as compose-go's {@code types.HostsList} reads them: in the list form the first {@code =} (else
     * {@code :}) separates, a comma separates several addresses, an entry without separator is refused;
     * a host name must be non-empty without {@code :} or {@code =}; {@code [::1]} loses its brackets.
     */
    private Node extraHosts(Node node, String path, Location at) {
        MapNode hosts;
        if (node instanceof ListNode list) {
            hosts = retag(new MapNode(list.location()), list);
            for (Node item : list.items()) {
                if (!(item instanceof ScalarNode s)) {
                    continue;
                }
                String entry = s.asString();
                int sep = entry.indexOf('=');
                if (sep < 0) {
                    sep = entry.indexOf(':');
                }
                if (sep < 0) {
                    diagnostics.error("extra-hosts", path, s.location(),
                            "invalid additional host, missing IP: " + entry);
                    continue;
                }
                String host = entry.substring(0, sep);
                for (String ip : entry.substring(sep + 1).split(",", -1)) {
                    addHost(hosts, host, ip, s.location(), path);
                }
            }
        } else if (node instanceof MapNode map) {
            hosts = retag(new MapNode(map.location()), map);
            for (Map.Entry<String, Node> e : map.entries()) {
                Node value = e.getValue();
                Location entryAt = value == null ? map.keyLocation(e.getKey()) : value.location();
                if (value instanceof ListNode ips) {
                    for (Node ip : ips.items()) {
                        addHost(hosts, e.getKey(), ((ScalarNode) ip).asString(), ip.location(), path);
                    }
                } else if (value == null || value instanceof ScalarNode) {
                    addHost(hosts, e.getKey(), value == null ? "" : ((ScalarNode) value).asString(), entryAt, path);
                }
            }
        } else {
            return node;
        }
        return hosts;
    }

    private void addHost(MapNode hosts, String host, String ip, Location at, String path) {
        if (host.isEmpty() || host.indexOf(':') >= 0 || host.indexOf('=') >= 0) {
            diagnostics.error("extra-hosts", path, at, "bad host name '" + host + "'");
            return;
        }
        ListNode ips = hosts.getList(host);
        if (ips == null) {
            ips = new ListNode(at);
            hosts.put(host, ips, at);
        }
        String address = ip.length() > 2 && ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
        ips.add(ScalarNode.of(at, address));
    }

    /**
     * Device short syntax {@code HOST[:CONTAINER[:PERMISSIONS]]} to {@code {source, target, permissions}}
     * (compose-go's {@code transformDeviceMapping}: target defaults to the source, permissions to rwm).
     */
    private Node device(Node node, String path, Location at) {
        if (!(node instanceof ScalarNode s) || s.isNull()) {
            return node;
        }
        String[] parts = s.asString().split(":", -1);
        if (parts.length > 3) {
            if (!keepUnparsed) {
                diagnostics.error("device-syntax", path, s.location(),
                        "confusing device mapping, please use long syntax: " + s.asString());
            }
            return node;
        }
        String source = parts[0];
        String target = parts.length > 1 && !parts[1].isEmpty() ? parts[1] : source;
        MapNode long_ = new MapNode(s.location());
        long_.put("source", ScalarNode.of(s.location(), source));
        long_.put("target", ScalarNode.of(s.location(), target));
        long_.put("permissions", ScalarNode.of(s.location(), parts.length > 2 ? parts[2] : "rwm"));
        return long_;
    }

    static <T extends Node> T retag(T node, Node original) {
        node.setMergeTag(original.mergeTag());
        return node;
    }
}
