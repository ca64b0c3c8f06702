package dev.berth.engine.stack;

import dev.berth.compose.Diagnostic;
import dev.berth.compose.model.NetworkSpec;
import dev.berth.compose.model.Project;
import dev.berth.compose.model.ServiceSpec;
import dev.berth.engine.stack.StackSpec.DesiredFile;
import dev.berth.engine.stack.StackSpec.DesiredNetwork;
import dev.berth.engine.stack.StackSpec.DesiredService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A loaded compose project → the stack a swarm runs, the mapping {@code docker stack deploy} uses
 * (docker CLI's {@code cli/compose/convert}): networks {@code <stack>_<key>} (overlay unless a driver is
 * given), secrets and configs {@code <stack>_<key>} from their file, environment variable or inline content,
 * and one service spec per service ({@link ServiceSpecMapper}). Nothing is dropped silently: what a swarm does
 * not support is a warning at its position ({@link SwarmIgnored}).
 *
 * <p>Load the project with the stack's name as project name: the loader then names networks, volumes,
 * secrets and configs {@code <stack>_<key>} exactly as the docker CLI scopes them.
 */
public final class StackSpecMapper {

    private StackSpecMapper() {}

    /** Maps the project; a secret or config whose content cannot be read is an error in {@code diagnostics}. */
    public static StackSpec map(Project project, String stack) {
        List<Diagnostic> warnings = new ArrayList<>();
        Map<String, DesiredNetwork> networks = networks(project, stack);
        Map<String, DesiredFile> secrets = new LinkedHashMap<>();
        project.secrets().forEach((key, s) -> secrets.put(key, file(project, stack, "secrets", key, s.name(), s.external(),
                s.file(), s.environment(), s.content(), s.labels(), warnings)));
        Map<String, DesiredFile> configs = new LinkedHashMap<>();
        project.configs().forEach((key, c) -> configs.put(key, file(project, stack, "configs", key, c.name(), c.external(),
                c.file(), c.environment(), c.content(), c.labels(), warnings)));
        Map<String, DesiredService> services = new LinkedHashMap<>();
        for (ServiceSpec service : project.services().values()) {
            SwarmIgnored.check(project, service, warnings);
            services.put(service.name(), new ServiceSpecMapper(project, stack, service, networks, secrets, configs, warnings).map());
        }
        return new StackSpec(stack, networks, secrets, configs, services, List.copyOf(warnings));
    }

    private static Map<String, DesiredNetwork> networks(Project project, String stack) {
        Map<String, DesiredNetwork> networks = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        project.services().values().forEach(service -> used.addAll(service.networks().keySet()));
        for (NetworkSpec network : project.networks().values()) {
            if (!used.contains(network.key())) {
                continue; // as docker stack deploy: a network no service joins is not created (nor looked up)
            }
            String name = network.name() != null ? network.name() : StackLabels.scoped(stack, network.key());
            if (network.external()) {
                networks.put(network.key(), new DesiredNetwork(network.key(), name, null));
                continue;
            }
            Map<String, Object> create = new LinkedHashMap<>();
            create.put("Name", name);
            create.put("Driver", network.driver() == null ? "overlay" : network.driver());
            create.put("Scope", "swarm");
            create.put("CheckDuplicate", true);
            if (!network.driverOpts().isEmpty()) {
                create.put("Options", new TreeMap<>(network.driverOpts()));
            }
            create.put("Internal", network.internal());
            create.put("Attachable", network.attachable());
            if (network.enableIpv6() != null) {
                create.put("EnableIPv6", network.enableIpv6());
            }
            if (network.ipam() != null && !network.ipam().isEmpty()) {
                create.put("IPAM", ipam(network.ipam()));
            }
            create.put("Labels", withNamespace(network.labels(), stack));
            networks.put(network.key(), new DesiredNetwork(network.key(), name, create));
        }
        return networks;
    }

    private static Map<String, Object> ipam(Map<String, Object> ipam) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (ipam.get("driver") != null) {
            out.put("Driver", ipam.get("driver"));
        }
        List<Map<String, Object>> pools = new ArrayList<>();
        if (ipam.get("config") instanceof List<?> config) {
            for (Object entry : config) {
                if (entry instanceof Map<?, ?> pool) {
                    Map<String, Object> p = new LinkedHashMap<>();
                    putIf(p, "Subnet", pool.get("subnet"));
                    putIf(p, "IPRange", pool.get("ip_range"));
                    putIf(p, "Gateway", pool.get("gateway"));
                    pools.add(p);
                }
            }
        }
        out.put("Config", pools);
        return out;
    }

    private static void putIf(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static DesiredFile file(Project project, String stack, String section, String key, String name, boolean external,
            String file, String environment, String content, Map<String, String> labels, List<Diagnostic> diagnostics) {
        String engineName = name != null ? name : external ? key : StackLabels.scoped(stack, key);
        if (external) {
            return new DesiredFile(key, engineName, null, null, Map.of());
        }
        byte[] data = null;
        String path = section + "." + key;
        if (content != null) {
            data = content.getBytes(StandardCharsets.UTF_8);
        } else if (environment != null) {
            String value = project.environment().get(environment);
            if (value == null) {
                diagnostics.add(Diagnostic.error("stack-secret-source", path + ".environment", project.locationOf(path + ".environment"),
                        section.substring(0, section.length() - 1) + " " + key + ": environment variable " + environment + " is not set"));
                value = "";
            }
            data = value.getBytes(StandardCharsets.UTF_8);
        } else if (file != null) {
            try {
                data = Files.readAllBytes(Path.of(file));
            } catch (IOException e) {
                diagnostics.add(Diagnostic.error("stack-secret-source", path + ".file", project.locationOf(path + ".file"),
                        section.substring(0, section.length() - 1) + " " + key + ": cannot read " + file + " (" + e.getMessage() + ")"));
                data = new byte[0];
            }
        } else {
            diagnostics.add(Diagnostic.error("stack-secret-source", path, project.locationOf(path),
                    section.substring(0, section.length() - 1) + " " + key + " has no file, environment or content"));
            data = new byte[0];
        }
        String hash = sha256(data);
        Map<String, String> all = withNamespace(labels, stack);
        all.put(StackLabels.CONTENT_HASH, hash);
        return new DesiredFile(key, engineName, data, hash, all);
    }

    static Map<String, String> withNamespace(Map<String, String> labels, String stack) {
        Map<String, String> all = new TreeMap<>(labels);
        all.put(StackLabels.NAMESPACE, stack);
        return all;
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
