package dev.berth.engine.stack;

import dev.berth.compose.Diagnostic;
import dev.berth.compose.model.DeploySpec;
import dev.berth.compose.model.FileReference;
import dev.berth.compose.model.HealthcheckSpec;
import dev.berth.compose.model.PortSpec;
import dev.berth.compose.model.Project;
import dev.berth.compose.model.ServiceSpec;
import dev.berth.compose.model.Units;
import dev.berth.compose.model.VolumeMount;
import dev.berth.compose.model.VolumeSpec;
import dev.berth.engine.stack.StackSpec.DesiredFile;
import dev.berth.engine.stack.StackSpec.DesiredNetwork;
import dev.berth.engine.stack.StackSpec.DesiredService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One compose service → one swarm service spec ({@code /services/create} body), field by field as the docker
 * CLI's {@code convertService}: entrypoint → {@code Command}, command → {@code Args}, labels on the container and
 * {@code deploy.labels} on the service (both with the stack namespace), mounts, healthcheck, DNS, ulimits,
 * sysctls, the {@code deploy} section (mode, replicas, update/rollback config, restart policy, placement,
 * resources, endpoint mode), ports and networks. Durations are nanoseconds, CPUs nano-CPUs, as the API wants.
 */
final class ServiceSpecMapper {

    private final Project project;
    private final String stack;
    private final ServiceSpec service;
    private final Map<String, DesiredNetwork> networks;
    private final Map<String, DesiredFile> secrets;
    private final Map<String, DesiredFile> configs;
    private final List<Diagnostic> warnings;
    private final String path;
    private final Map<String, Object> deployOther;

    ServiceSpecMapper(Project project, String stack, ServiceSpec service, Map<String, DesiredNetwork> networks,
            Map<String, DesiredFile> secrets, Map<String, DesiredFile> configs, List<Diagnostic> warnings) {
        this.project = project;
        this.stack = stack;
        this.service = service;
        this.networks = networks;
        this.secrets = secrets;
        this.configs = configs;
        this.warnings = warnings;
        this.path = "services." + service.name();
        this.deployOther = service.deploy() == null ? Map.of() : service.deploy().other();
    }

    DesiredService map() {
        String name = StackLabels.scoped(stack, service.name());
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("Name", name);
        Map<String, String> labels = StackSpecMapper.withNamespace(service.deploy() == null ? Map.of() : service.deploy().labels(), stack);
        if (service.image() != null) {
            labels.put(StackLabels.IMAGE, service.image());
        }
        spec.put("Labels", labels);
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("ContainerSpec", containerSpec());
        putIf(task, "Resources", resources());
        putIf(task, "RestartPolicy", restartPolicy());
        putIf(task, "Placement", placement());
        if (service.logging() != null && (service.logging().driver() != null || !service.logging().options().isEmpty())) {
            Map<String, Object> log = new LinkedHashMap<>();
            putIf(log, "Name", service.logging().driver());
            putIf(log, "Options", sorted(service.logging().options()));
            task.put("LogDriver", log);
        }
        task.put("Networks", attachments());
        spec.put("TaskTemplate", task);
        String mode = mode(spec);
        if (!mode.endsWith("job")) {
            putIf(spec, "UpdateConfig", updateConfig("update_config"));
            putIf(spec, "RollbackConfig", updateConfig("rollback_config"));
        } else {
            for (String key : List.of("update_config", "rollback_config")) {
                if (deployOther.containsKey(key)) {
                    warn(path + ".deploy." + key, key + " is ignored: a " + mode + " service has no rolling updates");
                }
            }
        }
        spec.put("EndpointSpec", endpointSpec());
        return new DesiredService(service.name(), name, service.image(), spec);
    }

    private Map<String, Object> containerSpec() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("Image", service.image());
        putIf(c, "Labels", StackSpecMapper.withNamespace(service.labels(), stack));
        putIf(c, "Command", nonEmpty(service.entrypoint()));
        putIf(c, "Args", nonEmpty(service.command()));
        putIf(c, "Hostname", service.hostname());
        putIf(c, "Env", environment());
        putIf(c, "Dir", service.workingDir());
        putIf(c, "User", service.user());
        if (service.otherFields().get("group_add") instanceof List<?> groups) {
            c.put("Groups", groups.stream().map(String::valueOf).toList());
        }
        putIf(c, "Mounts", mounts());
        if (service.stopGracePeriod() != null) {
            c.put("StopGracePeriod", service.stopGracePeriod().toNanos());
        }
        putIf(c, "StopSignal", service.stopSignal());
        if (service.tty()) {
            c.put("TTY", true);
        }
        if (service.stdinOpen()) {
            c.put("OpenStdin", true);
        }
        if (service.readOnly()) {
            c.put("ReadOnly", true);
        }
        putIf(c, "Init", service.init());
        putIf(c, "Healthcheck", healthcheck());
        putIf(c, "Hosts", hosts());
        putIf(c, "DNSConfig", dnsConfig());
        putIf(c, "Secrets", fileReferences(service.secrets(), secrets, "secrets", "Secret", "/run/secrets/"));
        putIf(c, "Configs", fileReferences(service.configs(), configs, "configs", "Config", "/"));
        putIf(c, "Sysctls", sorted(service.sysctls()));
        putIf(c, "CapabilityAdd", nonEmpty(service.capAdd()));
        putIf(c, "CapabilityDrop", nonEmpty(service.capDrop()));
        putIf(c, "Ulimits", ulimits());
        return c;
    }

    /** {@code K=V} sorted by name, a declared but unset variable as {@code K} alone (the docker CLI's form). */
    private List<String> environment() {
        List<String> env = new ArrayList<>();
        new TreeMap<>(service.environment()).forEach((k, v) -> env.add(v == null ? k : k + "=" + v));
        return env.isEmpty() ? null : env;
    }

    private List<Map<String, Object>> mounts() {
        List<Map<String, Object>> mounts = new ArrayList<>();
        for (int i = 0; i < service.volumes().size(); i++) {
            VolumeMount v = service.volumes().get(i);
            String at = path + ".volumes." + i;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Type", v.type());
            switch (v.type()) {
                case "volume" -> {
                    VolumeSpec volume = v.source() == null ? null : project.volumes().get(v.source());
                    if (v.source() != null) {
                        m.put("Source", volume != null && volume.name() != null ? volume.name() : StackLabels.scoped(stack, v.source()));
                    }
                    m.put("Target", v.target());
                    if (v.readOnly()) {
                        m.put("ReadOnly", true);
                    }
                    Map<String, Object> options = new LinkedHashMap<>();
                    if (v.volume() != null && Boolean.TRUE.equals(v.volume().nocopy())) {
                        options.put("NoCopy", true);
                    }
                    if (v.volume() != null && v.volume().subpath() != null) {
                        warn(at + ".volume.subpath", "volume.subpath is ignored: swarm mounts (API 1.41) have no subpath");
                    }
                    if (volume != null && !volume.external()) {
                        options.put("Labels", StackSpecMapper.withNamespace(volume.labels(), stack));
                        if (volume.driver() != null || !volume.driverOpts().isEmpty()) {
                            Map<String, Object> driver = new LinkedHashMap<>();
                            putIf(driver, "Name", volume.driver());
                            putIf(driver, "Options", sorted(volume.driverOpts()));
                            options.put("DriverConfig", driver);
                        }
                    }
                    if (!options.isEmpty()) {
                        m.put("VolumeOptions", options);
                    }
                }
                case "bind" -> {
                    m.put("Source", v.source());
                    m.put("Target", v.target());
                    if (v.readOnly()) {
                        m.put("ReadOnly", true);
                    }
                    if (v.bind() != null && v.bind().propagation() != null) {
                        m.put("BindOptions", Map.of("Propagation", v.bind().propagation()));
                    }
                    if (v.bind() != null && v.bind().selinux() != null) {
                        warn(at + ".bind.selinux", "bind.selinux is ignored: swarm bind mounts have no SELinux relabelling");
                    }
                }
                case "tmpfs" -> {
                    m.put("Target", v.target());
                    Map<String, Object> options = new LinkedHashMap<>();
                    if (v.tmpfs() != null) {
                        putIf(options, "SizeBytes", v.tmpfs().size());
                        putIf(options, "Mode", v.tmpfs().mode());
                    }
                    if (!options.isEmpty()) {
                        m.put("TmpfsOptions", options);
                    }
                }
                default -> {
                    warn(at + ".type", "a " + v.type() + " mount is not supported by swarm services; it is left out");
                    continue;
                }
            }
            if (v.consistency() != null) {
                warn(at + ".consistency", "consistency is ignored by swarm services");
            }
            mounts.add(m);
        }
        for (int i = 0; i < service.tmpfs().size(); i++) {
            // The service-level tmpfs list becomes tmpfs mounts (a swarm container has no HostConfig.Tmpfs).
            String spec = service.tmpfs().get(i);
            int colon = spec.indexOf(':');
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Type", "tmpfs");
            m.put("Target", colon < 0 ? spec : spec.substring(0, colon));
            if (colon >= 0) {
                warn(path + ".tmpfs." + i, "tmpfs options \"" + spec.substring(colon + 1) + "\" are ignored: use a long-syntax tmpfs volume with tmpfs.size/mode");
            }
            mounts.add(m);
        }
        return mounts.isEmpty() ? null : mounts;
    }

    private Map<String, Object> healthcheck() {
        HealthcheckSpec h = service.healthcheck();
        if (h == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (h.disable()) {
            out.put("Test", List.of("NONE"));
            return out;
        }
        putIf(out, "Test", nonEmpty(h.test()));
        putIf(out, "Interval", nanos(h.interval()));
        putIf(out, "Timeout", nanos(h.timeout()));
        putIf(out, "Retries", h.retries());
        putIf(out, "StartPeriod", nanos(h.startPeriod()));
        if (h.startInterval() != null) {
            warn(path + ".healthcheck.start_interval", "healthcheck.start_interval is ignored: the engine's API 1.41 has no start interval");
        }
        return out.isEmpty() ? null : out;
    }

    /** {@code extra_hosts} as the container's {@code /etc/hosts} lines: {@code IP host}. */
    private List<String> hosts() {
        List<String> hosts = new ArrayList<>();
        service.extraHosts().forEach((host, ips) -> ips.forEach(ip -> hosts.add(ip + " " + host)));
        return hosts.isEmpty() ? null : hosts;
    }

    private Map<String, Object> dnsConfig() {
        Map<String, Object> dns = new LinkedHashMap<>();
        putIf(dns, "Nameservers", nonEmpty(service.dns()));
        putIf(dns, "Search", nonEmpty(service.dnsSearch()));
        putIf(dns, "Options", nonEmpty(service.dnsOpt()));
        return dns.isEmpty() ? null : dns;
    }

    /**
     * Secret or config references: {@code File} (target, uid, gid, mode; 0444 unless given) and the object's
     * name; the deployer adds its id once the object exists. A relative secret target lands under {@code /run/secrets/}.
     */
    private List<Map<String, Object>> fileReferences(List<FileReference> refs, Map<String, DesiredFile> declared, String section,
            String kind, String base) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            FileReference ref = refs.get(i);
            DesiredFile file = declared.get(ref.source());
            if (file == null) {
                continue; // the loader already reported the undeclared name
            }
            String target = ref.target() == null ? base + ref.source() : ref.target();
            if (kind.equals("Secret") && !target.startsWith("/")) {
                target = "/run/secrets/" + target;
            }
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("Name", target);
            f.put("UID", ref.uid() == null ? "0" : ref.uid());
            f.put("GID", ref.gid() == null ? "0" : ref.gid());
            f.put("Mode", ref.mode() == null ? 0444L : ref.mode());
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("File", f);
            r.put(kind + "Name", file.name());
            out.add(r);
        }
        out.sort(Comparator.comparing(r -> String.valueOf(r.get(kind + "Name")) + "\u0000" + ((Map<?, ?>) r.get("File")).get("Name")));
        return out.isEmpty() ? null : out;
    }

    private List<Map<String, Object>> ulimits() {
        List<Map<String, Object>> out = new ArrayList<>();
        new TreeMap<>(service.ulimits()).forEach((name, u) -> {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("Name", name);
            l.put("Soft", u.soft());
            l.put("Hard", u.hard());
            out.add(l);
        });
        return out.isEmpty() ? null : out;
    }

    private Map<String, Object> resources() {
        DeploySpec deploy = service.deploy();
        if (deploy == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> limits = limits(deploy.limits(), true);
        Map<String, Object> reservations = limits(deploy.reservations(), false);
        Map<String, Object> resourcesWritten = map(deployOther.get("resources"));
        if (resourcesWritten != null && map(resourcesWritten.get("reservations")) instanceof Map<String, Object> r) {
            if (r.get("generic_resources") instanceof List<?> generic) {
                List<Map<String, Object>> resources = new ArrayList<>();
                for (Object g : generic) {
                    Map<String, Object> spec = map(g) == null ? null : map(map(g).get("discrete_resource_spec"));
                    if (spec != null) {
                        resources.add(Map.of("DiscreteResourceSpec", Map.of("Kind", String.valueOf(spec.get("kind")),
                                "Value", ((Number) spec.getOrDefault("value", 0L)).longValue())));
                    }
                }
                if (!resources.isEmpty()) {
                    reservations = reservations == null ? new LinkedHashMap<>() : reservations;
                    reservations.put("GenericResources", resources);
                }
            }
            if (r.containsKey("devices")) {
                warn(path + ".deploy.resources.reservations.devices",
                        "deploy.resources.reservations.devices is ignored: swarm services cannot reserve devices (use generic_resources)");
            }
        }
        putIf(out, "Limits", limits);
        putIf(out, "Reservations", reservations);
        return out.isEmpty() ? null : out;
    }

    private static Map<String, Object> limits(DeploySpec.Resources r, boolean pids) {
        if (r == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (r.cpus() != null) {
            out.put("NanoCPUs", Math.round(r.cpus() * 1e9));
        }
        putIf(out, "MemoryBytes", r.memory());
        if (pids) {
            putIf(out, "Pids", r.pids());
        }
        return out.isEmpty() ? null : out;
    }

    /**
     * {@code deploy.restart_policy}, else the service's {@code restart} translated as the docker CLI does
     * ({@code always}/{@code unless-stopped} → any, {@code on-failure[:N]} → on-failure, {@code no} → none).
     */
    private Map<String, Object> restartPolicy() {
        Map<String, Object> policy = map(deployOther.get("restart_policy"));
        Map<String, Object> out = new LinkedHashMap<>();
        if (policy != null) {
            putIf(out, "Condition", policy.get("condition"));
            putIf(out, "Delay", nanos(policy.get("delay")));
            putIf(out, "MaxAttempts", policy.get("max_attempts"));
            putIf(out, "Window", nanos(policy.get("window")));
            return out;
        }
        String restart = service.restart();
        if (restart == null) {
            return null;
        }
        if (restart.equals("always") || restart.equals("unless-stopped")) {
            out.put("Condition", "any");
        } else if (restart.equals("no")) {
            out.put("Condition", "none");
        } else if (restart.startsWith("on-failure")) {
            out.put("Condition", "on-failure");
            int colon = restart.indexOf(':');
            if (colon > 0) {
                out.put("MaxAttempts", Long.parseLong(restart.substring(colon + 1)));
            }
        } else {
            return null;
        }
        return out;
    }

    private Map<String, Object> placement() {
        Map<String, Object> p = map(deployOther.get("placement"));
        if (p == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (p.get("constraints") instanceof List<?> constraints && !constraints.isEmpty()) {
            out.put("Constraints", constraints.stream().map(String::valueOf).toList());
        }
        if (p.get("preferences") instanceof List<?> preferences && !preferences.isEmpty()) {
            List<Map<String, Object>> prefs = new ArrayList<>();
            for (Object pref : preferences) {
                Map<String, Object> m = map(pref);
                if (m != null && m.get("spread") != null) {
                    prefs.add(Map.of("Spread", Map.of("SpreadDescriptor", String.valueOf(m.get("spread")))));
                }
            }
            out.put("Preferences", prefs);
        }
        putIf(out, "MaxReplicas", p.get("max_replicas_per_node"));
        return out.isEmpty() ? null : out;
    }

    private String mode(Map<String, Object> spec) {
        String mode = service.deploy() == null || service.deploy().mode() == null ? "replicated" : service.deploy().mode();
        long replicas = service.replicas();
        boolean replicasGiven = service.scale() != null || service.deploy() != null && service.deploy().replicas() != null;
        switch (mode) {
            case "global" -> spec.put("Mode", Map.of("Global", Map.of()));
            case "global-job" -> spec.put("Mode", Map.of("GlobalJob", Map.of()));
            case "replicated-job" -> spec.put("Mode", Map.of("ReplicatedJob", Map.of("MaxConcurrent", replicas, "TotalCompletions", replicas)));
            default -> spec.put("Mode", Map.of("Replicated", Map.of("Replicas", replicas)));
        }
        if (replicasGiven && mode.startsWith("global")) {
            warn(path + ".deploy.replicas", "replicas is ignored: a " + mode + " service runs one task per node");
        }
        return mode;
    }

    private Map<String, Object> updateConfig(String key) {
        Map<String, Object> u = map(deployOther.get(key));
        if (u == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        putIf(out, "Parallelism", u.get("parallelism"));
        putIf(out, "Delay", nanos(u.get("delay")));
        putIf(out, "FailureAction", u.get("failure_action"));
        putIf(out, "Monitor", nanos(u.get("monitor")));
        if (u.get("max_failure_ratio") instanceof Number ratio) {
            out.put("MaxFailureRatio", ratio.doubleValue());
        }
        putIf(out, "Order", u.get("order"));
        return out;
    }

    /**
     * Ports: {@code ingress} (the routing mesh) unless {@code mode: host}; a published range with one target,
     * and {@code host_ip}, have no swarm equivalent and are warned about.
     */
    private Map<String, Object> endpointSpec() {
        Map<String, Object> out = new LinkedHashMap<>();
        putIf(out, "Mode", deployOther.get("endpoint_mode"));
        List<Map<String, Object>> ports = new ArrayList<>();
        for (int i = 0; i < service.ports().size(); i++) {
            PortSpec port = service.ports().get(i);
            String at = path + ".ports." + i;
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("Protocol", port.protocol() == null ? "tcp" : port.protocol());
            p.put("TargetPort", port.target());
            if (port.published() != null && !port.published().isEmpty()) {
                if (port.published().contains("-")) {
                    warn(at, "published range " + port.published() + " for one target port is not supported by swarm: the swarm picks the published port");
                } else {
                    p.put("PublishedPort", Long.parseLong(port.published()));
                }
            }
            p.put("PublishMode", port.mode() == null ? "ingress" : port.mode());
            if (port.hostIp() != null && !port.hostIp().isEmpty()) {
                warn(at, "host_ip " + port.hostIp() + " is ignored: swarm publishes on every address of the node");
            }
            ports.add(p);
        }
        ports.sort(Comparator.comparing((Map<String, Object> p) -> (Integer) p.get("TargetPort"))
                .thenComparing(p -> String.valueOf(p.get("Protocol"))));
        if (!ports.isEmpty()) {
            out.put("Ports", ports);
        }
        return out;
    }

    /** Each network the service joins, as {@code docker stack deploy}: aliases plus the service's own key, sorted by target. */
    private List<Map<String, Object>> attachments() {
        List<Map<String, Object>> out = new ArrayList<>();
        service.networks().forEach((key, n) -> {
            DesiredNetwork network = networks.get(key);
            if (network == null) {
                return;
            }
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("Target", network.name());
            List<String> aliases = new ArrayList<>(n == null || n.aliases() == null ? List.of() : n.aliases());
            aliases.add(service.name());
            a.put("Aliases", aliases);
            if (n != null) {
                String at = path + ".networks." + key;
                if (n.ipv4Address() != null || n.ipv6Address() != null) {
                    warn(at, "a static address is ignored: swarm assigns task addresses");
                }
                if (n.macAddress() != null) {
                    warn(at + ".mac_address", "mac_address is ignored by swarm services");
                }
                if (n.priority() != null || n.gwPriority() != null) {
                    warn(at, "network priorities are ignored by swarm services");
                }
                if (n.driverOpts() != null && !n.driverOpts().isEmpty()) {
                    a.put("DriverOpts", sorted(n.driverOpts()));
                }
            }
            out.add(a);
        });
        out.sort(Comparator.comparing(a -> String.valueOf(a.get("Target"))));
        return out;
    }

    private void warn(String at, String message) {
        warnings.add(Diagnostic.warning("stack-ignored", at, project.locationOf(at), message));
    }

    private static Long nanos(Duration d) {
        return d == null ? null : d.toNanos();
    }

    private static Long nanos(Object value) {
        if (value == null) {
            return null;
        }
        Duration d = Units.duration(value);
        return d == null ? null : d.toNanos();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    private static <T> List<T> nonEmpty(List<T> list) {
        return list == null || list.isEmpty() ? null : list;
    }

    private static Map<String, String> sorted(Map<String, String> map) {
        return map == null || map.isEmpty() ? null : new TreeMap<>(map);
    }

    private static void putIf(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
