package dev.berth.compose.load;

import dev.berth.compose.Diagnostics;
import dev.berth.compose.Location;
import dev.berth.compose.tree.ListNode;
import dev.berth.compose.tree.MapNode;
import dev.berth.compose.tree.Node;
import dev.berth.compose.tree.ScalarNode;
import dev.berth.compose.tree.TreePath;
import java.util.List;
import java.util.Map;

/**
 * Rewrites every short syntax into the long one, so that merging, normalising and binding only ever
 * see one shape: ports and volumes as mappings, lists of {@code KEY=VALUE} as mappings, depends_on
 * and service networks as mappings, string commands as word lists… New nodes keep the position and
 * the {@code !reset}/{@code !override} tag of what they replace.
 */
final class Canonicalizer {

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
        MapNode services = root.getMap("services");
        if (services != null) {
            for (Map.Entry<String, Node> e : services.entries()) {
                if (e.getValue() instanceof MapNode service) {
                    service(service, TreePath.child("services", e.getKey()));
                } else if (e.getValue() == null || e.getValue() instanceof ScalarNode s && s.isNull()) {
                    services.replace(e.getKey(), new MapNode(services.keyLocation(e.getKey())));
                }
            }
        }
        for (String section : List.of("networks", "volumes", "secrets", "configs")) {
            MapNode resources = root.getMap(section);
            if (resources == null) {
                continue;
            }
            for (Map.Entry<String, Node> e : resources.entries()) {
                Node value = e.getValue();
                if (value instanceof ScalarNode s && s.isNull()) {
                    MapNode empty = new MapNode(value.location());
                    empty.setMergeTag(value.mergeTag());
                    e.setValue(empty);
                } else if (value instanceof MapNode resource) {
                    dictionary(resource, "labels", "");
                    dictionary(resource, "driver_opts", null);
                }
            }
        }
        ListNode include = root.getList("include");
        if (include != null) {
            for (int i = 0; i < include.size(); i++) {
                Node item = include.get(i);
                if (item instanceof ScalarNode s) {
                    MapNode long_ = new MapNode(s.location());
                    ListNode paths = new ListNode(s.location());
                    paths.add(s);
                    long_.put("path", paths);
                    include.items().set(i, long_);
                } else if (item instanceof MapNode m) {
                    stringToList(m, "path");
                    stringToList(m, "env_file");
                }
            }
        }
    }

    /** {@code provider.options}: every option is a list of strings, as compose-go's MultiOptions decode it. */
    private static void providerOptions(MapNode provider) {
        MapNode options = provider == null ? null : provider.getMap("options");
        if (options == null) {
            return;
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
    }

    private void service(MapNode service, String path) {
        Node build = service.get("build");
        if (build instanceof ScalarNode s && s.value() instanceof String context) {
            MapNode long_ = retag(new MapNode(s.location()), s);
            long_.put("context", ScalarNode.of(s.location(), context));
            service.replace("build", long_);
        }
        MapNode buildMap = service.getMap("build");
        if (buildMap != null) {
            dictionary(buildMap, "args", null);
            dictionary(buildMap, "labels", "");
            keyValues(buildMap, "additional_contexts", path + ".build.additional_contexts");
            sshKeys(buildMap, path + ".build.ssh");
            stringToList(buildMap, "cache_from");
            stringToList(buildMap, "tags");
        }
        Node extendsNode = service.get("extends");
        if (extendsNode instanceof ScalarNode s && s.value() instanceof String name) {
            MapNode long_ = new MapNode(s.location());
            long_.put("service", ScalarNode.of(s.location(), name));
            service.replace("extends", long_);
        }
        dictionary(service, "environment", null);
        dictionary(service, "labels", "");
        dictionary(service, "annotations", "");
        dictionary(service, "sysctls", null);
        MapNode deploy = service.getMap("deploy");
        if (deploy != null) {
            dictionary(deploy, "labels", "");
        }
        words(service, "command");
        words(service, "entrypoint");
        MapNode healthcheck = service.getMap("healthcheck");
        if (healthcheck != null && healthcheck.get("test") instanceof ScalarNode s && s.value() instanceof String test) {
            ListNode list = retag(new ListNode(s.location()), s);
            list.add(ScalarNode.of(s.location(), "CMD-SHELL"));
            list.add(ScalarNode.of(s.location(), test));
            healthcheck.replace("test", list);
        }
        for (String key : List.of("dns", "dns_search", "tmpfs", "env_file", "label_file", "cap_add", "cap_drop")) {
            stringToList(service, key);
        }
        omitEmptyItems(service, "dns");
        if (service.get("gpus") instanceof ScalarNode g && g.value() instanceof String) {
            // gpus: all is one request for every GPU (compose-go's transformGpus).
            ListNode list = retag(new ListNode(g.location()), g);
            MapNode all = new MapNode(g.location());
            all.put("count", ScalarNode.of(g.location(), "all"));
            list.add(all);
            service.replace("gpus", list);
        }
        ListNode envFiles = service.getList("env_file");
        if (envFiles != null) {
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
        ListNode expose = service.getList("expose");
        if (expose != null) {
            for (Node n : expose.items()) {
                if (n instanceof ScalarNode s && !(s.value() instanceof String)) {
                    s.setValue(s.asString());
                }
            }
        }
        blankWatchPaths(service, path);
        providerOptions(service.getMap("provider"));
        dependsOn(service);
        serviceNetworks(service);
        references(service, "secrets");
        references(service, "configs");
        extraHosts(service, path);
        devices(service, path);
        ListNode ports = service.getList("ports");
        if (ports != null) {
            Diagnostics portErrors = keepUnparsed ? new Diagnostics() : diagnostics;
            ListNode parsed = Ports.canonicalize(ports, TreePath.child(path, "ports"), portErrors);
            if (!(keepUnparsed && portErrors.hasErrors())) {
                service.replace("ports", retag(parsed, ports));
            }
        }
        ListNode volumes = service.getList("volumes");
        if (volumes != null) {
            service.replace("volumes", retag(Volumes.canonicalize(volumes, TreePath.child(path, "volumes"),
                    keepUnparsed ? null : diagnostics), volumes));
        }
    }

    /** {@code - KEY=VALUE} lists become mappings; {@code - KEY} becomes KEY: {@code bareValue}. */
    private void dictionary(MapNode parent, String key, String bareValue) {
        ListNode list = parent.getList(key);
        if (list == null) {
            return;
        }
        MapNode map = retag(new MapNode(list.location()), list);
        for (Node item : list.items()) {
            if (!(item instanceof ScalarNode s) || s.isNull()) {
                continue;
            }
            String entry = s.asString();
            int eq = entry.indexOf('=');
            String name = eq < 0 ? entry : entry.substring(0, eq);
            if (key.equals("environment") && !name.equals(name.stripTrailing())) {
                diagnostics.error("environment-trailing-space", "", s.location(),
                        "environment variable " + name + " is declared with a trailing space");
                continue;
            }
            Object value = eq < 0 ? bareValue : entry.substring(eq + 1);
            map.put(name, ScalarNode.of(s.location(), value), s.location());
        }
        parent.replace(key, map);
    }

    /** validation.go's checkPath, before {@link PathResolver} turns an empty path into the project directory. */
    private void blankWatchPaths(MapNode service, String path) {
        MapNode develop = service.getMap("develop");
        ListNode watch = develop == null ? null : develop.getList("watch");
        for (int i = 0; watch != null && i < watch.size(); i++) {
            if (watch.get(i) instanceof MapNode trigger && trigger.get("path") instanceof ScalarNode p && p.asString().isEmpty()) {
                diagnostics.error("watch-path", path + ".develop.watch." + i + ".path", p.location(),
                        TreePath.display(path) + ".develop.watch[" + i + "].path: value can't be blank");
            }
        }
    }

    /** compose-go's transformKeyValue: {@code - KEY=VALUE} items to a mapping; an item without {@code =} is refused. */
    private void keyValues(MapNode parent, String key, String path) {
        ListNode list = parent.getList(key);
        if (list == null) {
            return;
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
                return;
            }
            map.put(entry.substring(0, eq), ScalarNode.of(item.location(), entry.substring(eq + 1)), item.location());
        }
        parent.replace(key, map);
    }

    /** compose-go's transformSSH: each item is {@code default} or {@code ID=PATH}. */
    private void sshKeys(MapNode build, String path) {
        ListNode list = build.getList("ssh");
        for (Node item : list == null ? List.<Node>of() : list.items()) {
            if (item instanceof ScalarNode s && s.asString().indexOf('=') < 0 && !s.asString().equals("default")) {
                diagnostics.error("ssh-key", path, s.location(), "invalid ssh key \"" + s.asString() + "\"");
            }
        }
    }

    private static void words(MapNode service, String key) {
        if (service.get(key) instanceof ScalarNode s && s.value() instanceof String text) {
            ListNode list = retag(new ListNode(s.location()), s);
            for (String word : ShellWords.split(text)) {
                list.add(ScalarNode.of(s.location(), word));
            }
            service.replace(key, list);
        }
    }

    private static void stringToList(MapNode parent, String key) {
        if (parent.get(key) instanceof ScalarNode s && s.value() instanceof String text) {
            ListNode list = retag(new ListNode(s.location()), s);
            list.add(ScalarNode.of(s.location(), text));
            parent.replace(key, list);
        }
    }

    /** Drops empty and null items (a {@code ${DNS:-}} that came out empty), as compose-go's OmitEmpty does for dns. */
    private static void omitEmptyItems(MapNode service, String key) {
        ListNode list = service.getList(key);
        if (list != null) {
            list.items().removeIf(n -> n instanceof ScalarNode s && (s.isNull() || "".equals(s.value())));
        }
    }

    private static void dependsOn(MapNode service) {
        Node node = service.get("depends_on");
        if (node instanceof ListNode list) {
            MapNode map = retag(new MapNode(list.location()), list);
            for (Node item : list.items()) {
                if (item instanceof ScalarNode s) {
                    map.put(s.asString(), dependency(s.location()), s.location());
                }
            }
            service.replace("depends_on", map);
        } else if (node instanceof MapNode map) {
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
    }

    static MapNode dependency(Location at) {
        MapNode dep = new MapNode(at);
        dep.put("condition", ScalarNode.of(at, "service_started"));
        dep.put("required", ScalarNode.of(at, Boolean.TRUE));
        return dep;
    }

    private static void serviceNetworks(MapNode service) {
        if (service.get("networks") instanceof ListNode list) {
            MapNode map = retag(new MapNode(list.location()), list);
            for (Node item : list.items()) {
                if (item instanceof ScalarNode s) {
                    map.put(s.asString(), ScalarNode.of(s.location(), null), s.location());
                }
            }
            service.replace("networks", map);
        }
    }

    private static void references(MapNode service, String key) {
        ListNode list = service.getList(key);
        if (list == null) {
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof ScalarNode s) {
                MapNode long_ = new MapNode(s.location());
                long_.put("source", ScalarNode.of(s.location(), s.asString()));
                list.items().set(i, long_);
            }
        }
    }

    /**
     * Both {@code host: ip} and {@code - host:ip} / {@code - host=ip} become host → list of addresses,
     * as compose-go's {@code types.HostsList} reads them: in the list form the first {@code =} (else
     * {@code :}) separates, a comma separates several addresses, an entry without separator is refused;
     * a host name must be non-empty without {@code :} or {@code =}; {@code [::1]} loses its brackets.
     */
    private void extraHosts(MapNode service, String path) {
        Node node = service.get("extra_hosts");
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
                    diagnostics.error("extra-hosts", path + ".extra_hosts", s.location(),
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
                Location at = value == null ? map.keyLocation(e.getKey()) : value.location();
                if (value instanceof ListNode ips) {
                    for (Node ip : ips.items()) {
                        addHost(hosts, e.getKey(), ((ScalarNode) ip).asString(), ip.location(), path);
                    }
                } else if (value == null || value instanceof ScalarNode) {
                    addHost(hosts, e.getKey(), value == null ? "" : ((ScalarNode) value).asString(), at, path);
                }
            }
        } else {
            return;
        }
        service.replace("extra_hosts", hosts);
    }

    private void addHost(MapNode hosts, String host, String ip, Location at, String path) {
        if (host.isEmpty() || host.indexOf(':') >= 0 || host.indexOf('=') >= 0) {
            diagnostics.error("extra-hosts", path + ".extra_hosts", at, "bad host name '" + host + "'");
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
    private void devices(MapNode service, String path) {
        ListNode devices = service.getList("devices");
        if (devices == null) {
            return;
        }
        for (int i = 0; i < devices.size(); i++) {
            if (!(devices.get(i) instanceof ScalarNode s) || s.isNull()) {
                continue;
            }
            String[] parts = s.asString().split(":", -1);
            if (parts.length > 3 && keepUnparsed) {
                continue;
            }
            if (parts.length > 3) {
                diagnostics.error("device-syntax", TreePath.index(path + ".devices", i), s.location(),
                        "confusing device mapping, please use long syntax: " + s.asString());
                continue;
            }
            String source = parts[0];
            String target = parts.length > 1 && !parts[1].isEmpty() ? parts[1] : source;
            MapNode long_ = new MapNode(s.location());
            long_.put("source", ScalarNode.of(s.location(), source));
            long_.put("target", ScalarNode.of(s.location(), target));
            long_.put("permissions", ScalarNode.of(s.location(), parts.length > 2 ? parts[2] : "rwm"));
            devices.items().set(i, long_);
        }
    }

    static <T extends Node> T retag(T node, Node original) {
        node.setMergeTag(original.mergeTag());
        return node;
    }
}
