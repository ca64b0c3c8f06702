package dev.berth.compose.load;

import dev.berth.compose.Diagnostics;
import dev.berth.compose.Location;
import dev.berth.compose.model.ServiceSpec;
import dev.berth.compose.model.Units;
import dev.berth.compose.tree.ListNode;
import dev.berth.compose.tree.MapNode;
import dev.berth.compose.tree.Node;
import dev.berth.compose.tree.ScalarNode;
import dev.berth.compose.tree.TreePath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Checks what the schema cannot, once the files are merged and normalised: compose-go's
 * {@code loader/validate.go} ({@code checkConsistency}), {@code validation/} ({@code Validate}) and
 * {@code Project.CheckContainerNameUnicity}, plus a few of Berth's own. (validation.go's blank
 * watch path is checked by the {@link Canonicalizer}: it must be seen before paths are made absolute.) One line per rule in
 * {@link #SERVICE_RULES} and {@link #PROJECT_RULES}; every finding carries the position of the value at
 * fault (a service-level finding: the service's key). Messages follow docker compose's wording.
 */
final class ConsistencyChecker {

    private static final String INVALID = ": invalid compose project";

    /** A rule about one service; {@code from} names what it follows. */
    private record Rule(String name, String from, BiConsumer<ConsistencyChecker, Service> check) {}

    /** A rule about the whole project. */
    private record ProjectRule(String name, String from, BiConsumer<ConsistencyChecker, MapNode> check) {}

    /** The service being checked: its name, dotted path, node and where its key is written. */
    private record Service(String name, String path, MapNode node, Location key) {}

    private static final List<Rule> SERVICE_RULES = List.of(
            new Rule("image, build or provider", "validate.go", ConsistencyChecker::imageOrBuild),
            new Rule("dockerfile xor dockerfile_inline", "validate.go", ConsistencyChecker::dockerfileInline),
            new Rule("additional_contexts service:X buildable", "validate.go", ConsistencyChecker::additionalContexts),
            new Rule("build.platforms includes platform", "validate.go", ConsistencyChecker::platforms),
            new Rule("network_mode xor networks", "validate.go", ConsistencyChecker::networkModeAndNetworks),
            new Rule("networks defined", "validate.go", ConsistencyChecker::networksDefined),
            new Rule("healthcheck.test prefix", "validate.go", ConsistencyChecker::healthcheckTest),
            new Rule("healthcheck.start_interval needs start_period", "docker compose convert.go", ConsistencyChecker::startInterval),
            new Rule("depends_on defined", "validate.go", ConsistencyChecker::dependsOnDefined),
            new Rule("network_mode service:X defined", "validate.go", ConsistencyChecker::networkModeService),
            new Rule("volumes defined; bind has a source", "validate.go + engine", ConsistencyChecker::volumesDefined),
            new Rule("build secrets defined", "validate.go", ConsistencyChecker::buildSecretsDefined),
            new Rule("configs defined", "validate.go", (c, s) -> c.references(s, "configs", "config")),
            new Rule("secrets defined", "validate.go", (c, s) -> c.references(s, "secrets", "secret")),
            new Rule("models defined", "validate.go", ConsistencyChecker::modelsDefined),
            new Rule("volumes_from/links services defined", "Berth", ConsistencyChecker::servicesDefined),
            new Rule("scale = deploy.replicas", "validate.go", ConsistencyChecker::scaleAndReplicas),
            new Rule("scale, replicas >= 0", "validate.go", ConsistencyChecker::nonNegativeScale),
            new Rule("cpus = deploy.resources.limits.cpus", "validate.go", ConsistencyChecker::cpusAndLimits),
            new Rule("mem_limit = limits.memory", "validate.go",
                    (c, s) -> c.sameBytes(s, "mem_limit", "limits", "memory", "deploy.resources.limits.memory")),
            new Rule("mem_reservation = reservations.memory", "validate.go",
                    (c, s) -> c.sameBytes(s, "mem_reservation", "reservations", "memory", "deploy.resources.reservations.memory")),
            new Rule("pids_limit = limits.pids", "validate.go", ConsistencyChecker::pidsAndLimits),
            new Rule("container_name with one replica", "validate.go", ConsistencyChecker::containerNameReplicas),
            new Rule("develop.watch target", "validate.go", ConsistencyChecker::developWatch),
            new Rule("one mount per target", "validate.go", ConsistencyChecker::mountTargets),
            new Rule("ports host_ip is an IP", "validation.go checkIPAddress", ConsistencyChecker::portHostIp),
            new Rule("device request count xor device_ids", "validation.go checkDeviceRequest", ConsistencyChecker::deviceRequests));

    private static final List<ProjectRule> PROJECT_RULES = List.of(
            new ProjectRule("container names unique", "Project.CheckContainerNameUnicity", ConsistencyChecker::uniqueContainerNames),
            new ProjectRule("host ports published once (warning)", "Berth", ConsistencyChecker::hostPortsOnce),
            new ProjectRule("external resources", "validation/external.go", ConsistencyChecker::externalResources),
            new ProjectRule("secrets and configs have content", "validate.go + validation.go checkFileObject",
                    ConsistencyChecker::fileObjects));

    private final Diagnostics diagnostics;
    private MapNode root;
    private MapNode services;
    private MapNode disabled;

    ConsistencyChecker(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    void check(MapNode root, MapNode disabled) {
        this.root = root;
        this.services = root.getMap("services");
        this.disabled = disabled;
        for (Map.Entry<String, Node> e : services.entries()) {
            if (e.getValue() instanceof MapNode node) {
                Service service = new Service(e.getKey(), TreePath.child("services", e.getKey()), node,
                        services.keyLocation(e.getKey()));
                for (Rule rule : SERVICE_RULES) {
                    rule.check().accept(this, service);
                }
            }
        }
        for (ProjectRule rule : PROJECT_RULES) {
            rule.check().accept(this, root);
        }
    }

    // ---- service rules ---------------------------------------------------------------------------

    private void imageOrBuild(Service s) {
        if (!s.node().has("image") && !s.node().has("build") && !s.node().has("provider")) {
            error(s.path(), s.key(), "service \"" + s.name() + "\" has neither an image nor a build context specified" + INVALID);
        }
    }

    private void dockerfileInline(Service s) {
        MapNode build = s.node().getMap("build");
        // The normaliser adds dockerfile: Dockerfile only when neither is written: both here means both written.
        if (build != null && nonEmpty(build, "dockerfile") && nonEmpty(build, "dockerfile_inline")) {
            // compose-go's wording, typo included, so that scripts matching it keep matching.
            error(s.path() + ".build", build.keyLocation("dockerfile_inline"), "service \"" + s.name()
                    + "\" declares mutualy exclusive dockerfile and dockerfile_inline" + INVALID);
        }
    }

    private void additionalContexts(Service s) {
        MapNode build = s.node().getMap("build");
        MapNode contexts = build == null ? null : build.getMap("additional_contexts");
        if (contexts == null) {
            return;
        }
        for (Map.Entry<String, Node> e : contexts.entries()) {
            if (e.getValue() instanceof ScalarNode v && v.asString().startsWith("service:")) {
                String target = v.asString().substring("service:".length());
                MapNode other = services.getMap(target);
                if (other == null) {
                    error(s.path() + ".build.additional_contexts", v.location(), "service \"" + s.name()
                            + "\" declares unknown service \"" + target + "\" as additional contexts " + e.getKey());
                } else if (!other.has("build")) {
                    error(s.path() + ".build.additional_contexts", v.location(), "service \"" + s.name()
                            + "\" declares non-buildable service \"" + target + "\" as additional contexts " + e.getKey());
                }
            }
        }
    }

    private void platforms(Service s) {
        MapNode build = s.node().getMap("build");
        String platform = s.node().getString("platform");
        if (build == null || platform == null || platform.isEmpty()) {
            return;
        }
        List<String> platforms = ProjectBinder.strings(build.get("platforms"));
        if (!platforms.isEmpty() && !platforms.contains(platform)) {
            error(s.path() + ".platform", s.node().get("platform").location(),
                    "service.build.platforms MUST include service.platform \"" + platform + "\"" + INVALID);
        }
    }

    private void networkModeAndNetworks(Service s) {
        if (s.node().has("network_mode") && s.node().has("networks")) {
            error(s.path() + ".network_mode", s.node().keyLocation("network_mode"),
                    "service " + s.name() + " declares mutually exclusive `network_mode` and `networks`" + INVALID);
        }
    }

    private void networksDefined(Service s) {
        MapNode serviceNetworks = s.node().getMap("networks");
        MapNode networks = root.getMap("networks");
        if (serviceNetworks == null) {
            return;
        }
        for (String network : serviceNetworks.keys()) {
            if (!network.equals("default") && (networks == null || !networks.has(network))) {
                error(s.path() + ".networks." + network, serviceNetworks.keyLocation(network),
                        "service \"" + s.name() + "\" refers to undefined network " + network + INVALID);
            }
        }
    }

    private void healthcheckTest(Service s) {
        MapNode healthcheck = s.node().getMap("healthcheck");
        ListNode test = healthcheck == null ? null : healthcheck.getList("test");
        if (test == null || test.size() == 0 || !(test.get(0) instanceof ScalarNode first)) {
            return;
        }
        switch (first.asString()) {
            case "CMD", "CMD-SHELL", "NONE" -> { }
            default -> error(s.path() + ".healthcheck.test", first.location(),
                    "healthcheck.test must start either by \"CMD\", \"CMD-SHELL\" or \"NONE\"");
        }
    }

    /** docker compose refuses it when creating the container (moby/moby#48874); Berth says so when loading. */
    private void startInterval(Service s) {
        MapNode healthcheck = s.node().getMap("healthcheck");
        if (healthcheck != null && healthcheck.has("start_interval") && !healthcheck.has("start_period")) {
            error(s.path() + ".healthcheck.start_interval", healthcheck.keyLocation("start_interval"),
                    "healthcheck.start_interval requires healthcheck.start_period to be set");
        }
    }

    private void dependsOnDefined(Service s) {
        MapNode dependsOn = s.node().getMap("depends_on");
        if (dependsOn == null) {
            return;
        }
        for (String dep : List.copyOf(dependsOn.keys())) {
            if (services.has(dep)) {
                continue;
            }
            boolean optional = dependsOn.get(dep) instanceof MapNode d && d.get("required") instanceof ScalarNode r
                    && Boolean.FALSE.equals(r.value());
            if (optional) {
                // An optional dependency on a service that is not there is dropped, as docker compose does.
                dependsOn.remove(dep);
                continue;
            }
            error(s.path() + ".depends_on." + dep, dependsOn.keyLocation(dep),
                    "service \"" + s.name() + "\" depends on undefined service \"" + dep + "\"" + INVALID);
        }
    }

    private void networkModeService(Service s) {
        String networkMode = s.node().getString("network_mode");
        if (networkMode != null && networkMode.startsWith("service:")) {
            String target = networkMode.substring("service:".length());
            if (!services.has(target)) {
                error(s.path() + ".network_mode", s.node().get("network_mode").location(),
                        "service \"" + target + "\" not found for network_mode '" + networkMode + "'");
            }
        }
    }

    private void volumesDefined(Service s) {
        MapNode volumes = root.getMap("volumes");
        ListNode mounts = s.node().getList("volumes");
        for (int i = 0; mounts != null && i < mounts.size(); i++) {
            if (!(mounts.get(i) instanceof MapNode mount)) {
                continue;
            }
            String type = mount.getString("type");
            String source = mount.getString("source");
            Location at = mount.location();
            if ("bind".equals(type) && (source == null || source.isEmpty())) {
                error(s.path() + ".volumes." + i, at, "invalid mount config for type \"bind\": field Source must not be empty");
            } else if ("volume".equals(type) && source != null && !source.isEmpty()
                    && (volumes == null || !volumes.has(source))) {
                error(s.path() + ".volumes." + i, at, "service \"" + s.name() + "\" refers to undefined volume " + source + INVALID);
            }
        }
    }

    private void buildSecretsDefined(Service s) {
        MapNode build = s.node().getMap("build");
        MapNode secrets = root.getMap("secrets");
        for (Node n : items(build == null ? null : build.getList("secrets"))) {
            String source = n instanceof MapNode m ? m.getString("source") : n instanceof ScalarNode v ? v.asString() : null;
            if (source != null && (secrets == null || !secrets.has(source))) {
                error(s.path() + ".build.secrets", n.location(),
                        "service \"" + s.name() + "\" refers to undefined build secret " + source + INVALID);
            }
        }
    }

    private void references(Service s, String key, String kind) {
        MapNode declared = root.getMap(key);
        for (Node n : items(s.node().getList(key))) {
            if (n instanceof MapNode ref) {
                String source = ref.getString("source");
                if (source != null && (declared == null || !declared.has(source))) {
                    error(s.path() + "." + key, ref.location(),
                            "service \"" + s.name() + "\" refers to undefined " + kind + " " + source + INVALID);
                }
            }
        }
    }

    private void modelsDefined(Service s) {
        Node models = s.node().get("models");
        MapNode declared = root.getMap("models");
        if (models instanceof MapNode map) {
            for (String model : map.keys()) {
                if (declared == null || !declared.has(model)) {
                    error(s.path() + ".models." + model, map.keyLocation(model),
                            "service \"" + s.name() + "\" refers to undefined model " + model + INVALID);
                }
            }
        } else if (models instanceof ListNode list) {
            for (Node n : list.items()) {
                String model = n instanceof ScalarNode v ? v.asString() : null;
                if (model != null && (declared == null || !declared.has(model))) {
                    error(s.path() + ".models", n.location(),
                            "service \"" + s.name() + "\" refers to undefined model " + model + INVALID);
                }
            }
        }
    }

    private void servicesDefined(Service s) {
        for (String key : List.of("volumes_from", "links")) {
            for (Node n : items(s.node().getList(key))) {
                String target = ((ScalarNode) n).asString();
                if (target.startsWith("container:")) {
                    continue;
                }
                int colon = target.indexOf(':');
                String serviceName = colon < 0 ? target : target.substring(0, colon);
                if (!services.has(serviceName) && !disabled.has(serviceName)) {
                    error(s.path() + "." + key, n.location(), "service \"" + s.name() + "\" refers to undefined service \""
                            + serviceName + "\" in " + key + INVALID);
                }
            }
        }
    }

    private void scaleAndReplicas(Service s) {
        Long scale = longAt(s.node(), "scale");
        MapNode deploy = s.node().getMap("deploy");
        Long replicas = deploy == null ? null : longAt(deploy, "replicas");
        if (scale != null && replicas != null && !scale.equals(replicas)) {
            error(s.path() + ".deploy.replicas", deploy.get("replicas").location(), TreePath.display(s.path())
                    + ": can't set distinct values on 'scale' and 'deploy.replicas'" + INVALID);
        }
    }

    private void nonNegativeScale(Service s) {
        Long scale = longAt(s.node(), "scale");
        if (scale != null && scale < 0) {
            error(s.path() + ".scale", s.node().get("scale").location(),
                    TreePath.display(s.path()) + ".scale: must be greater than or equal to 0");
        }
        MapNode deploy = s.node().getMap("deploy");
        Long replicas = deploy == null ? null : longAt(deploy, "replicas");
        if (replicas != null && replicas < 0) {
            error(s.path() + ".deploy.replicas", deploy.get("replicas").location(),
                    TreePath.display(s.path()) + ".deploy.replicas: must be greater than or equal to 0");
        }
    }

    /** The limits (or reservations) mapping under deploy.resources, or null. */
    private static MapNode resources(MapNode service, String kind) {
        MapNode deploy = service.getMap("deploy");
        MapNode resources = deploy == null ? null : deploy.getMap("resources");
        return resources == null ? null : resources.getMap(kind);
    }

    /**
     * As compose-go: once the service-level value is set and {@code deploy.resources.limits} exists,
     * the limit must say the same (a limit left out counts as 0).
     */
    private void cpusAndLimits(Service s) {
        Double cpus = doubleAt(s.node(), "cpus");
        MapNode limits = resources(s.node(), "limits");
        if (cpus == null || cpus == 0 || limits == null) {
            return;
        }
        Double limit = doubleAt(limits, "cpus");
        if ((float) (limit == null ? 0 : limit) != (float) (double) cpus) {
            distinct(s, "cpus", "deploy.resources.limits.cpus");
        }
    }

    private void sameBytes(Service s, String key, String kind, String limitKey, String shown) {
        Long value = s.node().get(key) instanceof ScalarNode v ? Units.bytes(v.value()) : null;
        MapNode limits = resources(s.node(), kind);
        if (value == null || value == 0 || limits == null) {
            return;
        }
        Long limit = limits.get(limitKey) instanceof ScalarNode v ? Units.bytes(v.value()) : null;
        if ((limit == null ? 0 : limit) != (long) value) {
            distinct(s, key, shown);
        }
    }

    private void pidsAndLimits(Service s) {
        Long pids = longAt(s.node(), "pids_limit");
        MapNode limits = resources(s.node(), "limits");
        if (pids == null || pids == 0 || limits == null) {
            return;
        }
        Long limit = longAt(limits, "pids");
        if ((limit == null ? 0 : limit) != (long) pids) {
            distinct(s, "pids_limit", "deploy.resources.limits.pids");
        }
    }

    private void distinct(Service s, String key, String deployKey) {
        error(s.path() + "." + key, s.node().get(key).location(), TreePath.display(s.path())
                + ": can't set distinct values on '" + key + "' and '" + deployKey + "'" + INVALID);
    }

    private void containerNameReplicas(Service s) {
        Long scale = longAt(s.node(), "scale");
        MapNode deploy = s.node().getMap("deploy");
        Long replicas = deploy == null ? null : longAt(deploy, "replicas");
        int wanted = ServiceSpec.replicas(scale == null ? null : (int) (long) scale, replicas == null ? null : (int) (long) replicas);
        if (s.node().has("container_name") && wanted > 1) {
            String attribute = scale != null ? "scale" : "deploy.replicas";
            error(s.path() + ".container_name", s.node().get("container_name").location(), TreePath.display(s.path())
                    + ": can't set container_name and " + attribute + " as container name must be unique" + INVALID);
        }
    }

    private void developWatch(Service s) {
        MapNode develop = s.node().getMap("develop");
        ListNode watch = develop == null ? null : develop.getList("watch");
        for (int i = 0; watch != null && i < watch.size(); i++) {
            if (!(watch.get(i) instanceof MapNode trigger)) {
                continue;
            }
            String action = trigger.getString("action");
            if (!"rebuild".equals(action) && !"restart".equals(action) && !nonEmpty(trigger, "target")) {
                error(s.path() + ".develop.watch", trigger.location(), TreePath.display(s.path())
                        + ".develop.watch: target is required for non-rebuild actions" + INVALID);
            }
        }
    }

    private void mountTargets(Service s) {
        Map<String, String> mounted = new HashMap<>();
        ListNode tmpfs = s.node().getList("tmpfs");
        for (int i = 0; tmpfs != null && i < tmpfs.size(); i++) {
            if (tmpfs.get(i) instanceof ScalarNode t) {
                String text = t.asString();
                String target = text.indexOf(':') < 0 ? text : text.substring(0, text.indexOf(':'));
                mount(s, mounted, target, TreePath.display(s.path()) + ".tmpfs[" + i + "]", t.location());
            }
        }
        ListNode volumes = s.node().getList("volumes");
        for (int i = 0; volumes != null && i < volumes.size(); i++) {
            if (volumes.get(i) instanceof MapNode v && v.getString("target") != null) {
                mount(s, mounted, v.getString("target"), TreePath.display(s.path()) + ".volumes[" + i + "]", v.location());
            }
        }
    }

    private void mount(Service s, Map<String, String> mounted, String target, String where, Location at) {
        String first = mounted.putIfAbsent(target, where);
        if (first != null) {
            error(s.path(), at, where + ": target " + target + " already mounted as " + first);
        }
    }

    private void portHostIp(Service s) {
        ListNode ports = s.node().getList("ports");
        for (int i = 0; ports != null && i < ports.size(); i++) {
            if (ports.get(i) instanceof MapNode p && p.get("host_ip") instanceof ScalarNode ip
                    && !IpAddresses.isIp(ip.asString())) {
                error(s.path() + ".ports." + i + ".host_ip", ip.location(), TreePath.display(s.path()) + ".ports[" + i
                        + "]: invalid ip address: " + ip.asString());
            }
        }
    }

    private void deviceRequests(Service s) {
        MapNode reservations = resources(s.node(), "reservations");
        deviceRequests(s, reservations == null ? null : reservations.getList("devices"), ".deploy.resources.reservations.devices");
        deviceRequests(s, s.node().getList("gpus"), ".gpus");
    }

    private void deviceRequests(Service s, ListNode requests, String where) {
        for (int i = 0; requests != null && i < requests.size(); i++) {
            if (requests.get(i) instanceof MapNode r && r.get("count") instanceof ScalarNode count
                    && !(count.value() instanceof Long) && !"all".equals(count.value())) {
                // compose-go's DeviceCount: "all", a number, or a number written as a string
                error(s.path() + where + "." + i + ".count", count.location(), "invalid value \"" + count.asString()
                        + "\", the only value allowed is 'all' or a number");
            }
            if (requests.get(i) instanceof MapNode r && r.has("count") && r.has("device_ids")) {
                error(s.path() + where + "." + i, r.keyLocation("device_ids"), TreePath.display(s.path()) + where + "[" + i
                        + "]: \"count\" and \"device_ids\" attributes are exclusive");
            }
        }
    }

    // ---- project rules ---------------------------------------------------------------------------

    private void uniqueContainerNames(MapNode root) {
        Map<String, String> names = new HashMap<>();
        for (Map.Entry<String, Node> e : services.entries()) {
            if (e.getValue() instanceof MapNode service && service.get("container_name") instanceof ScalarNode n) {
                String first = names.putIfAbsent(n.asString(), e.getKey());
                if (first != null) {
                    error(TreePath.child("services", e.getKey()) + ".container_name", n.location(), "services." + e.getKey()
                            + ": container name \"" + n.asString() + "\" is already in use by service " + first);
                }
            }
        }
    }

    private void hostPortsOnce(MapNode root) {
        Map<String, String> hostPorts = new HashMap<>();
        for (Map.Entry<String, Node> e : services.entries()) {
            if (!(e.getValue() instanceof MapNode service)) {
                continue;
            }
            for (Node n : items(service.getList("ports"))) {
                String published = n instanceof MapNode p ? p.getString("published") : null;
                if (published != null && !published.contains("-")) {
                    MapNode port = (MapNode) n;
                    String key = (port.getString("host_ip") == null ? "0.0.0.0" : port.getString("host_ip")) + ":"
                            + published + "/" + port.getString("protocol");
                    String first = hostPorts.putIfAbsent(key, e.getKey());
                    if (first != null) {
                        // A warning: the engine refuses the second binding only if both run at the same time.
                        diagnostics.warning("duplicate-host-port", TreePath.child("services", e.getKey()) + ".ports",
                                port.location(), "host port " + key + " is published by both \"" + first + "\" and \""
                                        + e.getKey() + "\"");
                    }
                }
            }
        }
    }

    private void externalResources(MapNode root) {
        for (String section : List.of("networks", "volumes", "secrets", "configs")) {
            MapNode resources = root.getMap(section);
            for (Map.Entry<String, Node> e : resources == null ? Map.<String, Node>of().entrySet() : resources.entries()) {
                if (!(e.getValue() instanceof MapNode resource)
                        || !(resource.get("external") instanceof ScalarNode x && Boolean.TRUE.equals(x.value()))) {
                    continue;
                }
                String path = TreePath.child(section, e.getKey());
                for (String key : resource.keys()) {
                    boolean conflicting = section.equals("volumes")
                            ? !key.equals("name") && !key.equals("external") && !key.startsWith("x-")
                            : key.equals("labels") || !section.equals("secrets") && !section.equals("configs")
                                    && (key.equals("driver") || key.equals("driver_opts"));
                    if (conflicting) {
                        error(path, resource.keyLocation(key), TreePath.display(path) + ": conflicting parameters \"external\" and \""
                                + key + "\" specified");
                    }
                }
            }
        }
    }

    private void fileObjects(MapNode root) {
        fileObjects(root.getMap("secrets"), "secrets", List.of("file", "environment"));
        fileObjects(root.getMap("configs"), "configs", List.of("file", "environment", "content"));
    }

    private void fileObjects(MapNode resources, String section, List<String> sources) {
        for (Map.Entry<String, Node> e : resources == null ? Map.<String, Node>of().entrySet() : resources.entries()) {
            if (!(e.getValue() instanceof MapNode resource)) {
                continue;
            }
            String path = TreePath.child(section, e.getKey());
            List<String> given = sources.stream().filter(resource::has).toList();
            if (given.size() > 1) {
                error(path, resource.keyLocation(given.get(1)), TreePath.display(path) + ": " + String.join("|", sources)
                        + " attributes are mutually exclusive");
            } else if (given.isEmpty() && !resource.has("external")) {
                if (!resource.has("driver")) {
                    error(path, resources.keyLocation(e.getKey()), TreePath.display(path) + ": one of "
                            + String.join("|", sources) + " must be set");
                } else if (section.equals("secrets")) {
                    // validation.go lets a custom driver through; validate.go still wants a file or a variable.
                    error(path, resources.keyLocation(e.getKey()), "secret \"" + e.getKey()
                            + "\" must declare either `file` or `environment`" + INVALID);
                }
            }
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static boolean nonEmpty(MapNode map, String key) {
        return map.get(key) instanceof ScalarNode s && !s.asString().isEmpty();
    }

    private static Long longAt(MapNode map, String key) {
        return map.get(key) instanceof ScalarNode s && s.value() instanceof Long l ? l : null;
    }

    private static Double doubleAt(MapNode map, String key) {
        if (!(map.get(key) instanceof ScalarNode s)) {
            return null;
        }
        return s.value() instanceof Number n ? n.doubleValue() : s.value() instanceof String t ? TypedFields.parseGoFloat(t) : null;
    }

    private static List<Node> items(ListNode list) {
        return list == null ? List.of() : list.items();
    }

    private void error(String path, Location at, String message) {
        diagnostics.error("consistency", path, at, message);
    }
}
