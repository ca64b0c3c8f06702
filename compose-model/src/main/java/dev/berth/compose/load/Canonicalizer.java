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
    private final boolean interpolated;

    Canonicalizer(Diagnostics diagnostics) {
        this(diagnostics, true);
    }

    /**
     * @param interpolated false for {@code --no-interpolate}: short syntax that does not parse (it may
     *                     hold {@code ${…}}) is kept as written instead of being an error, as compose-go's
     *                     canonical transform does when interpolation is skipped
     */
    Canonicalizer(Diagnostics diagnostics, boolean interpolated) {
        this.diagnostics = diagnostics;
        this.interpolated = interpolated;
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
        providerOptions(service.getMap("provider"));
        dependsOn(service);
        serviceNetworks(service);
        references(service, "secrets");
        references(service, "configs");
        extraHosts(service);
        ListNode ports = service.getList("ports");
        if (ports != null) {
            Diagnostics found = interpolated ? diagnostics : new Diagnostics();
            ListNode long_ = Ports.canonicalize(ports, TreePath.child(path, "ports"), found);
            if (!found.hasErrors()) {
                service.replace("ports", retag(long_, ports));
            } // else (not interpolated): the whole list stays as written, as compose-go leaves it
        }
        ListNode volumes = service.getList("volumes");
        if (volumes != null && interpolated) {
            service.replace("volumes", retag(Volumes.canonicalize(volumes, TreePath.child(path, "volumes"), diagnostics), volumes));
        } else if (volumes != null) {
            ListNode out = retag(new ListNode(volumes.location()), volumes);
            for (int i = 0; i < volumes.size(); i++) {
                ListNode one = new ListNode(volumes.location());
                one.add(volumes.get(i));
                Diagnostics found = new Diagnostics();
                ListNode long_ = Volumes.canonicalize(one, TreePath.child(path, "volumes"), found);
                out.items().addAll(found.hasErrors() ? one.items() : long_.items());
            }
            service.replace("volumes", out);
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

    /** Both {@code host: ip} and {@code - host:ip} / {@code - host=ip} become host → list of addresses. */
    private static void extraHosts(MapNode service) {
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
                String host = sep < 0 ? entry : entry.substring(0, sep);
                String ip = sep < 0 ? "" : entry.substring(sep + 1);
                addHost(hosts, host, ip, s.location());
            }
        } else if (node instanceof MapNode map) {
            hosts = retag(new MapNode(map.location()), map);
            for (Map.Entry<String, Node> e : map.entries()) {
                Node value = e.getValue();
                if (value instanceof ListNode ips) {
                    for (Node ip : ips.items()) {
                        addHost(hosts, e.getKey(), ((ScalarNode) ip).asString(), ip.location());
                    }
                } else if (value instanceof ScalarNode s) {
                    addHost(hosts, e.getKey(), s.asString(), s.location());
                }
            }
        } else {
            return;
        }
        service.replace("extra_hosts", hosts);
    }

    private static void addHost(MapNode hosts, String host, String ip, Location at) {
        ListNode ips = hosts.getList(host);
        if (ips == null) {
            ips = new ListNode(at);
            hosts.put(host, ips, at);
        }
        String address = ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
        ips.add(ScalarNode.of(at, address));
    }

    static <T extends Node> T retag(T node, Node original) {
        node.setMergeTag(original.mergeTag());
        return node;
    }
}
