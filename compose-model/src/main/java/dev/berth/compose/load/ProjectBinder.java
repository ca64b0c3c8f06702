package dev.berth.compose.load;

import dev.berth.compose.Diagnostics;
import dev.berth.compose.Location;
import dev.berth.compose.model.BuildSpec;
import dev.berth.compose.model.ConfigSpec;
import dev.berth.compose.model.Dependency;
import dev.berth.compose.model.DeploySpec;
import dev.berth.compose.model.EnvFile;
import dev.berth.compose.model.FileReference;
import dev.berth.compose.model.HealthcheckSpec;
import dev.berth.compose.model.LoggingSpec;
import dev.berth.compose.model.NetworkSpec;
import dev.berth.compose.model.PortSpec;
import dev.berth.compose.model.SecretSpec;
import dev.berth.compose.model.ServiceNetwork;
import dev.berth.compose.model.ServiceSpec;
import dev.berth.compose.model.Ulimit;
import dev.berth.compose.model.Units;
import dev.berth.compose.model.VolumeMount;
import dev.berth.compose.model.VolumeSpec;
import dev.berth.compose.tree.ListNode;
import dev.berth.compose.tree.MapNode;
import dev.berth.compose.tree.Node;
import dev.berth.compose.tree.ScalarNode;
import dev.berth.compose.tree.TreePath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Binds the normalised tree to the immutable records. Values of the wrong shape were stopped by the
 * schema; what is left to check here are units (durations, sizes) — reported, never thrown.
 */
final class ProjectBinder {

    /** Service keys bound to typed fields; everything else lands in {@code otherFields}. */
    private static final Set<String> TYPED_SERVICE_KEYS = Set.of("image", "build", "command", "entrypoint",
            "environment", "env_file", "labels", "annotations", "ports", "expose", "volumes", "volumes_from", "tmpfs",
            "depends_on", "links", "external_links", "healthcheck", "restart", "networks", "network_mode", "ipc", "pid",
            "uts", "cgroup", "deploy", "scale", "container_name", "hostname", "domainname", "user", "working_dir",
            "stop_grace_period", "stop_signal", "tty", "stdin_open", "privileged", "read_only", "init", "cap_add",
            "cap_drop", "security_opt", "ulimits", "extra_hosts", "dns", "dns_search", "dns_opt", "sysctls",
            "pull_policy", "platform", "profiles", "logging", "secrets", "configs", "shm_size", "mem_limit",
            "mem_reservation", "memswap_limit", "cpus", "devices", "develop");

    private final Diagnostics diagnostics;

    ProjectBinder(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    Map<String, ServiceSpec> services(MapNode services) {
        Map<String, ServiceSpec> out = new LinkedHashMap<>();
        if (services == null) {
            return out;
        }
        for (Map.Entry<String, Node> e : services.entries()) {
            if (e.getValue() instanceof MapNode service) {
                out.put(e.getKey(), service(e.getKey(), service, TreePath.child("services", e.getKey())));
            }
        }
        return out;
    }

    ServiceSpec service(String name, MapNode s, String path) {
        MapNode deploy = s.getMap("deploy");
        return new ServiceSpec(
                name,
                s.getString("image"),
                build(s.getMap("build")),
                optionalStrings(s.get("command")),
                optionalStrings(s.get("entrypoint")),
                nullableStringMap(s.getMap("environment")),
                envFiles(s.getList("env_file")),
                stringMap(s.getMap("labels")),
                stringMap(s.getMap("annotations")),
                ports(s.getList("ports")),
                strings(s.get("expose")),
                volumes(s.getList("volumes"), TreePath.child(path, "volumes")),
                strings(s.get("volumes_from")),
                strings(s.get("tmpfs")),
                dependsOn(s.getMap("depends_on")),
                strings(s.get("links")),
                strings(s.get("external_links")),
                healthcheck(s.getMap("healthcheck"), TreePath.child(path, "healthcheck")),
                s.getString("restart"),
                networks(s.getMap("networks")),
                s.getString("network_mode"),
                s.getString("ipc"),
                s.getString("pid"),
                s.getString("uts"),
                s.getString("cgroup"),
                deploy(deploy, TreePath.child(path, "deploy")),
                integer(s.get("scale")),
                s.getString("container_name"),
                s.getString("hostname"),
                s.getString("domainname"),
                s.getString("user"),
                s.getString("working_dir"),
                duration(s, "stop_grace_period", path),
                s.getString("stop_signal"),
                bool(s.get("tty")),
                bool(s.get("stdin_open")),
                bool(s.get("privileged")),
                bool(s.get("read_only")),
                s.get("init") instanceof ScalarNode i && i.value() instanceof Boolean b ? b : null,
                strings(s.get("cap_add")),
                strings(s.get("cap_drop")),
                strings(s.get("security_opt")),
                ulimits(s.getMap("ulimits")),
                extraHosts(s.getMap("extra_hosts")),
                strings(s.get("dns")),
                strings(s.get("dns_search")),
                strings(s.get("dns_opt")),
                stringMap(s.getMap("sysctls")),
                s.getString("pull_policy"),
                s.getString("platform"),
                strings(s.get("profiles")),
                logging(s.getMap("logging")),
                references(s.getList("secrets")),
                references(s.getList("configs")),
                bytes(s, "shm_size", path),
                bytes(s, "mem_limit", path),
                bytes(s, "mem_reservation", path),
                bytes(s, "memswap_limit", path),
                number(s.get("cpus")),
                deviceStrings(s.get("devices")),
                plainMap(s.getMap("develop")),
                remaining(s, TYPED_SERVICE_KEYS),
                extensions(s));
    }

    private BuildSpec build(MapNode b) {
        if (b == null) {
            return null;
        }
        Set<String> typed = Set.of("context", "dockerfile", "dockerfile_inline", "args", "target", "labels",
                "cache_from", "tags", "network", "platforms", "additional_contexts");
        return new BuildSpec(b.getString("context"), b.getString("dockerfile"), b.getString("dockerfile_inline"),
                nullableStringMap(b.getMap("args")), b.getString("target"), stringMap(b.getMap("labels")),
                strings(b.get("cache_from")), strings(b.get("tags")), b.getString("network"), strings(b.get("platforms")),
                stringMap(b.getMap("additional_contexts")), remaining(b, typed));
    }

    private static List<PortSpec> ports(ListNode list) {
        List<PortSpec> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        for (Node n : list.items()) {
            if (n instanceof MapNode p) {
                Integer target = integer(p.get("target"));
                out.add(new PortSpec(target == null ? 0 : target, p.getString("published"), p.getString("host_ip"),
                        p.getString("protocol"), p.getString("mode"), p.getString("name"), p.getString("app_protocol")));
            }
        }
        return Collections.unmodifiableList(out);
    }

    private List<VolumeMount> volumes(ListNode list, String path) {
        List<VolumeMount> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof MapNode v)) {
                continue;
            }
            MapNode bind = v.getMap("bind");
            MapNode volume = v.getMap("volume");
            MapNode tmpfs = v.getMap("tmpfs");
            VolumeMount.TmpfsOptions tmpfsOptions = null;
            if (tmpfs != null) {
                tmpfsOptions = new VolumeMount.TmpfsOptions(bytes(tmpfs, "size", TreePath.index(path, i) + ".tmpfs"),
                        tmpfs.get("mode") instanceof ScalarNode m && m.value() instanceof Long l ? l : null);
            }
            out.add(new VolumeMount(v.getString("type"), v.getString("source"), v.getString("target"),
                    bool(v.get("read_only")), v.getString("consistency"),
                    bind == null ? null : new VolumeMount.BindOptions(bind.getString("propagation"),
                            bind.get("create_host_path") instanceof ScalarNode c && c.value() instanceof Boolean b ? b : null,
                            bind.getString("selinux")),
                    volume == null ? null : new VolumeMount.VolumeOptions(
                            volume.get("nocopy") instanceof ScalarNode c && c.value() instanceof Boolean b ? b : null,
                            volume.getString("subpath")),
                    tmpfsOptions, extensions(v)));
        }
        return Collections.unmodifiableList(out);
    }

    private static Map<String, Dependency> dependsOn(MapNode map) {
        Map<String, Dependency> out = new LinkedHashMap<>();
        if (map == null) {
            return out;
        }
        for (Map.Entry<String, Node> e : map.entries()) {
            MapNode d = e.getValue() instanceof MapNode m ? m : new MapNode(map.location());
            String condition = d.getString("condition");
            out.put(e.getKey(), new Dependency(e.getKey(), condition == null ? Dependency.STARTED : condition,
                    !(d.get("required") instanceof ScalarNode r && Boolean.FALSE.equals(r.value())),
                    bool(d.get("restart"))));
        }
        return Collections.unmodifiableMap(out);
    }

    private HealthcheckSpec healthcheck(MapNode h, String path) {
        if (h == null) {
            return null;
        }
        return new HealthcheckSpec(optionalStrings(h.get("test")), duration(h, "interval", path), duration(h, "timeout", path),
                duration(h, "start_period", path), duration(h, "start_interval", path), integer(h.get("retries")),
                bool(h.get("disable")));
    }

    private static Map<String, ServiceNetwork> networks(MapNode map) {
        Map<String, ServiceNetwork> out = new LinkedHashMap<>();
        if (map == null) {
            return out;
        }
        for (Map.Entry<String, Node> e : map.entries()) {
            MapNode n = e.getValue() instanceof MapNode m ? m : new MapNode(map.location());
            out.put(e.getKey(), new ServiceNetwork(e.getKey(), strings(n.get("aliases")), n.getString("ipv4_address"),
                    n.getString("ipv6_address"), strings(n.get("link_local_ips")), n.getString("mac_address"),
                    integer(n.get("priority")), integer(n.get("gw_priority")), n.getString("interface_name"),
                    stringMap(n.getMap("driver_opts"))));
        }
        return Collections.unmodifiableMap(out);
    }

    private DeploySpec deploy(MapNode d, String path) {
        if (d == null) {
            return null;
        }
        MapNode resources = d.getMap("resources");
        return new DeploySpec(d.getString("mode"), integer(d.get("replicas")),
                resources(resources == null ? null : resources.getMap("limits"), path + ".resources.limits"),
                resources(resources == null ? null : resources.getMap("reservations"), path + ".resources.reservations"),
                stringMap(d.getMap("labels")), remaining(d, Set.of("mode", "replicas", "labels")));
    }

    private DeploySpec.Resources resources(MapNode r, String path) {
        if (r == null) {
            return null;
        }
        return new DeploySpec.Resources(number(r.get("cpus")), bytes(r, "memory", path), r.get("pids") instanceof ScalarNode p
                && p.value() instanceof Long l ? l : null);
    }

    private static Map<String, Ulimit> ulimits(MapNode map) {
        Map<String, Ulimit> out = new LinkedHashMap<>();
        if (map == null) {
            return out;
        }
        for (Map.Entry<String, Node> e : map.entries()) {
            if (e.getValue() instanceof ScalarNode s && s.value() instanceof Long l) {
                out.put(e.getKey(), new Ulimit(l, l, true));
            } else if (e.getValue() instanceof MapNode m) {
                Long soft = m.get("soft") instanceof ScalarNode s && s.value() instanceof Long l ? l : 0L;
                Long hard = m.get("hard") instanceof ScalarNode h && h.value() instanceof Long l ? l : 0L;
                out.put(e.getKey(), new Ulimit(soft, hard, false));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, List<String>> extraHosts(MapNode map) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (map == null) {
            return out;
        }
        for (Map.Entry<String, Node> e : map.entries()) {
            out.put(e.getKey(), strings(e.getValue()));
        }
        return Collections.unmodifiableMap(out);
    }

    private static LoggingSpec logging(MapNode l) {
        return l == null ? null : new LoggingSpec(l.getString("driver"), stringMap(l.getMap("options")));
    }

    private static List<FileReference> references(ListNode list) {
        List<FileReference> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        for (Node n : list.items()) {
            if (n instanceof MapNode r) {
                out.add(new FileReference(r.getString("source"), r.getString("target"), r.getString("uid"), r.getString("gid"),
                        r.get("mode") instanceof ScalarNode m && m.value() instanceof Long l ? l : null));
            }
        }
        return Collections.unmodifiableList(out);
    }

    private static List<EnvFile> envFiles(ListNode list) {
        List<EnvFile> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        for (Node n : list.items()) {
            if (n instanceof MapNode f) {
                out.add(new EnvFile(f.getString("path"), !(f.get("required") instanceof ScalarNode r
                        && Boolean.FALSE.equals(r.value())), f.getString("format")));
            }
        }
        return Collections.unmodifiableList(out);
    }

    Map<String, NetworkSpec> networkSpecs(MapNode networks) {
        Map<String, NetworkSpec> out = new LinkedHashMap<>();
        if (networks == null) {
            return out;
        }
        Set<String> typed = Set.of("name", "driver", "driver_opts", "external", "internal", "attachable", "enable_ipv6",
                "ipam", "labels");
        for (Map.Entry<String, Node> e : networks.entries()) {
            if (e.getValue() instanceof MapNode n) {
                out.put(e.getKey(), new NetworkSpec(e.getKey(), n.getString("name"), n.getString("driver"),
                        stringMap(n.getMap("driver_opts")), bool(n.get("external")), bool(n.get("internal")),
                        bool(n.get("attachable")), n.get("enable_ipv6") instanceof ScalarNode b && b.value() instanceof Boolean v
                                ? v : null, plainMap(n.getMap("ipam")), stringMap(n.getMap("labels")), remaining(n, typed),
                        extensions(n)));
            }
        }
        return out;
    }

    Map<String, VolumeSpec> volumeSpecs(MapNode volumes) {
        Map<String, VolumeSpec> out = new LinkedHashMap<>();
        if (volumes == null) {
            return out;
        }
        Set<String> typed = Set.of("name", "driver", "driver_opts", "external", "labels");
        for (Map.Entry<String, Node> e : volumes.entries()) {
            if (e.getValue() instanceof MapNode v) {
                out.put(e.getKey(), new VolumeSpec(e.getKey(), v.getString("name"), v.getString("driver"),
                        stringMap(v.getMap("driver_opts")), bool(v.get("external")), stringMap(v.getMap("labels")),
                        remaining(v, typed), extensions(v)));
            }
        }
        return out;
    }

    Map<String, SecretSpec> secretSpecs(MapNode secrets) {
        Map<String, SecretSpec> out = new LinkedHashMap<>();
        if (secrets == null) {
            return out;
        }
        Set<String> typed = Set.of("name", "file", "environment", "content", "external", "labels");
        for (Map.Entry<String, Node> e : secrets.entries()) {
            if (e.getValue() instanceof MapNode s) {
                out.put(e.getKey(), new SecretSpec(e.getKey(), s.getString("name"), s.getString("file"),
                        s.getString("environment"), s.getString("content"), bool(s.get("external")),
                        stringMap(s.getMap("labels")), remaining(s, typed), extensions(s)));
            }
        }
        return out;
    }

    Map<String, ConfigSpec> configSpecs(MapNode configs) {
        Map<String, ConfigSpec> out = new LinkedHashMap<>();
        if (configs == null) {
            return out;
        }
        Set<String> typed = Set.of("name", "file", "environment", "content", "external", "labels");
        for (Map.Entry<String, Node> e : configs.entries()) {
            if (e.getValue() instanceof MapNode c) {
                out.put(e.getKey(), new ConfigSpec(e.getKey(), c.getString("name"), c.getString("file"),
                        c.getString("environment"), c.getString("content"), bool(c.get("external")),
                        stringMap(c.getMap("labels")), remaining(c, typed), extensions(c)));
            }
        }
        return out;
    }

    // ---- small conversions -------------------------------------------------------------------

    private Duration duration(MapNode map, String key, String path) {
        Node n = map.get(key);
        if (!(n instanceof ScalarNode s) || s.value() == null) {
            return null;
        }
        Duration d = Units.duration(s.value());
        if (d == null) {
            diagnostics.error("invalid-duration", TreePath.child(path, key), s.location(),
                    TreePath.display(TreePath.child(path, key)) + ": invalid duration \"" + s.asString() + "\"");
        }
        return d;
    }

    private Long bytes(MapNode map, String key, String path) {
        Node n = map.get(key);
        if (!(n instanceof ScalarNode s) || s.value() == null) {
            return null;
        }
        Long b = Units.bytes(s.value());
        if (b == null) {
            Location at = s.location();
            diagnostics.error("invalid-size", TreePath.child(path, key), at,
                    TreePath.display(TreePath.child(path, key)) + ": invalid size \"" + s.asString() + "\"");
        }
        return b;
    }

    static Integer integer(Node n) {
        if (n instanceof ScalarNode s && s.value() instanceof Long l) {
            return (int) (long) l;
        }
        if (n instanceof ScalarNode s && s.value() instanceof Double d) {
            return d.intValue();
        }
        return null;
    }

    private static Double number(Node n) {
        if (n instanceof ScalarNode s) {
            if (s.value() instanceof Number num) {
                return num.doubleValue();
            }
            if (s.value() instanceof String str) {
                try {
                    return Double.parseDouble(str);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    static boolean bool(Node n) {
        return n instanceof ScalarNode s && Boolean.TRUE.equals(s.value());
    }

    static List<String> strings(Node n) {
        if (n instanceof ListNode list) {
            List<String> out = new ArrayList<>(list.size());
            for (Node item : list.items()) {
                if (item instanceof ScalarNode s) {
                    out.add(s.asString());
                }
            }
            return Collections.unmodifiableList(out);
        }
        if (n instanceof ScalarNode s && s.value() != null) {
            return List.of(s.asString());
        }
        return List.of();
    }

    private static List<String> deviceStrings(Node n) {
        if (!(n instanceof ListNode list)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Node item : list.items()) {
            if (item instanceof ScalarNode s) {
                out.add(s.asString());
            } else if (item instanceof MapNode m) {
                String permissions = m.getString("permissions");
                out.add(m.getString("source") + ":" + m.getString("target") + (permissions == null ? "" : ":" + permissions));
            }
        }
        return Collections.unmodifiableList(out);
    }

    private static List<String> optionalStrings(Node n) {
        return n instanceof ListNode ? strings(n) : null;
    }

    static Map<String, String> stringMap(MapNode map) {
        Map<String, String> out = new LinkedHashMap<>();
        if (map != null) {
            for (Map.Entry<String, Node> e : map.entries()) {
                out.put(e.getKey(), e.getValue() instanceof ScalarNode s ? s.asString() : "");
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** Like {@link #stringMap} but keeps null for "declared without a value" (environment, build args). */
    private static Map<String, String> nullableStringMap(MapNode map) {
        Map<String, String> out = new LinkedHashMap<>();
        if (map != null) {
            for (Map.Entry<String, Node> e : map.entries()) {
                out.put(e.getKey(), e.getValue() instanceof ScalarNode s && !s.isNull() ? s.asString() : null);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> plainMap(MapNode map) {
        return map == null ? null : (Map<String, Object>) Immutables.plain(map);
    }

    private static Map<String, Object> remaining(MapNode map, Set<String> typed) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : map.entries()) {
            if (!typed.contains(e.getKey()) && !e.getKey().startsWith("x-")) {
                out.put(e.getKey(), Immutables.plain(e.getValue()));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    static Map<String, Object> extensions(MapNode map) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : map.entries()) {
            if (e.getKey().startsWith("x-")) {
                out.put(e.getKey(), Immutables.plain(e.getValue()));
            }
        }
        return Collections.unmodifiableMap(out);
    }
}
