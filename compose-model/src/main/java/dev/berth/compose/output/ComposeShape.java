package dev.berth.compose.output;

import dev.berth.compose.model.Units;
import dev.berth.compose.tree.PathRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shape {@code docker compose config} prints a project in: compose-go marshals typed Go structs,
 * so a mapping that is a struct lists its fields in the struct's order (omitting empty ones), a
 * mapping that is a Go map lists its keys sorted, and a few types print a decoded form — byte sizes as
 * a number of bytes in a string, durations as Go prints them ({@code 1m30s}), file modes in octal
 * ({@code "0440"}), a single ulimit as a number, extra hosts as a sorted {@code host=ip} list.
 * One line per struct below; the path table says which struct sits where.
 */
final class ComposeShape {

    /** Field order of each compose-go struct (yaml tags), and the fields that are printed even when empty. */
    private static final Map<String, List<String>> FIELDS = new HashMap<>();
    private static final Map<String, List<String>> ALWAYS = new HashMap<>();
    private static final PathRules<String> STRUCTS = new PathRules<>();
    private static final PathRules<Kind> VALUES = new PathRules<>();

    enum Kind { BYTES, DURATION, FILE_MODE, ULIMIT, HOSTS, DROP, PRINT_EMPTY, OPT_OUT, STRING_VALUES }

    private static void struct(String name, String fields, String... patterns) {
        FIELDS.put(name, List.of(fields.split(" ")));
        for (String p : patterns) {
            if (!p.isEmpty()) {
                STRUCTS.put(p, name);
            }
        }
    }

    static {
        struct("project", "name services networks volumes secrets configs models", "");
        struct("service", "profiles annotations attach build develop blkio_config cap_add cap_drop cgroup_parent cgroup"
                + " cpu_count cpu_percent cpu_period cpu_quota cpu_rt_period cpu_rt_runtime cpus cpuset cpu_shares command"
                + " configs container_name credential_spec depends_on deploy device_cgroup_rules devices dns dns_opt"
                + " dns_search dockerfile domainname entrypoint provider environment env_file expose extends external_links"
                + " extra_hosts group_add gpus hostname healthcheck image init ipc isolation labels label_file links logging"
                + " log_driver log_opt mem_limit mem_reservation memswap_limit mem_swappiness mac_address models net"
                + " network_mode networks oom_kill_disable oom_score_adj pid pids_limit platform ports privileged"
                + " pull_policy read_only restart runtime scale secrets security_opt shm_size stdin_open stop_grace_period"
                + " stop_signal storage_opt sysctls tmpfs tty ulimits use_api_socket user userns_mode uts volume_driver"
                + " volumes volumes_from working_dir pre_start post_start pre_stop", "services.*");
        struct("build", "context dockerfile dockerfile_inline entitlements args provenance sbom ssh labels cache_from"
                + " cache_to no_cache no_cache_filter additional_contexts pull extra_hosts isolation network target secrets"
                + " shm_size tags ulimits platforms privileged", "services.*.build");
        struct("develop", "watch", "services.*.develop");
        struct("trigger", "path action target exec include ignore initial_sync", "services.*.develop.watch.*");
        struct("hook", "command image user privileged working_dir environment per_replica",
                "services.*.pre_start.*", "services.*.post_start.*", "services.*.pre_stop.*", "services.*.develop.watch.*.exec");
        struct("blkio", "weight weight_device device_read_bps device_read_iops device_write_bps device_write_iops",
                "services.*.blkio_config");
        struct("file_reference", "source target uid gid mode", "services.*.secrets.*", "services.*.configs.*",
                "services.*.build.secrets.*");
        struct("dependency", "condition restart required", "services.*.depends_on.*");
        struct("deploy", "mode replicas labels update_config rollback_config resources restart_policy placement endpoint_mode",
                "services.*.deploy");
        struct("update", "parallelism delay failure_action monitor max_failure_ratio order",
                "services.*.deploy.update_config", "services.*.deploy.rollback_config");
        struct("resources", "limits reservations", "services.*.deploy.resources");
        struct("resource", "cpus memory pids devices generic_resources",
                "services.*.deploy.resources.limits", "services.*.deploy.resources.reservations");
        struct("device_request", "capabilities driver count device_ids options",
                "services.*.deploy.resources.reservations.devices.*", "services.*.gpus.*");
        struct("restart_policy", "condition delay max_attempts window", "services.*.deploy.restart_policy");
        struct("placement", "constraints preferences max_replicas_per_node", "services.*.deploy.placement");
        struct("device", "source target permissions", "services.*.devices.*");
        struct("env_file", "path required format", "services.*.env_file.*");
        struct("extends", "file service", "services.*.extends");
        struct("healthcheck", "test timeout interval retries start_period start_interval disable", "services.*.healthcheck");
        struct("logging", "driver options", "services.*.logging");
        struct("service_model", "endpoint_var model_var", "services.*.models.*");
        struct("service_network", "aliases driver_opts gw_priority interface_name ipv4_address ipv6_address link_local_ips"
                + " mac_address priority", "services.*.networks.*");
        struct("port", "name mode host_ip target published protocol app_protocol", "services.*.ports.*");
        struct("provider", "type options", "services.*.provider");
        struct("ulimit", "soft hard", "services.*.ulimits.*", "services.*.build.ulimits.*");
        struct("service_volume", "type source target read_only consistency bind volume tmpfs image", "services.*.volumes.*");
        struct("bind", "selinux propagation create_host_path recursive", "services.*.volumes.*.bind");
        struct("volume_options", "labels nocopy subpath", "services.*.volumes.*.volume");
        struct("tmpfs", "size mode", "services.*.volumes.*.tmpfs");
        struct("network", "name driver driver_opts ipam external internal attachable labels enable_ipv4 enable_ipv6",
                "networks.*");
        struct("ipam", "driver config options", "networks.*.ipam");
        struct("ipam_pool", "subnet gateway ip_range aux_addresses", "networks.*.ipam.config.*");
        struct("volume", "name driver driver_opts external labels", "volumes.*");
        struct("file_object", "name file environment content external labels driver driver_opts template_driver",
                "secrets.*", "configs.*");
        struct("model", "name model context_size runtime_flags", "models.*");
        ALWAYS.put("project", List.of("services"));
        ALWAYS.put("trigger", List.of("path", "action"));
        ALWAYS.put("dependency", List.of("required"));

        for (String p : List.of("services.*.mem_limit", "services.*.mem_reservation", "services.*.memswap_limit",
                "services.*.mem_swappiness", "services.*.shm_size", "services.*.build.shm_size",
                "services.*.deploy.resources.limits.memory", "services.*.deploy.resources.reservations.memory",
                "services.*.volumes.*.tmpfs.size")) {
            VALUES.put(p, Kind.BYTES);
        }
        for (String p : List.of("services.*.healthcheck.timeout", "services.*.healthcheck.interval",
                "services.*.healthcheck.start_period", "services.*.healthcheck.start_interval", "services.*.stop_grace_period",
                "services.*.deploy.update_config.delay", "services.*.deploy.update_config.monitor",
                "services.*.deploy.rollback_config.delay", "services.*.deploy.rollback_config.monitor",
                "services.*.deploy.restart_policy.delay", "services.*.deploy.restart_policy.window")) {
            VALUES.put(p, Kind.DURATION);
        }
        for (String p : List.of("services.*.secrets.*.mode", "services.*.configs.*.mode", "services.*.build.secrets.*.mode")) {
            VALUES.put(p, Kind.FILE_MODE);
        }
        VALUES.put("services.*.ulimits.*", Kind.ULIMIT);
        VALUES.put("services.*.build.ulimits.*", Kind.ULIMIT);
        // Go map[string]string (and *string) fields: every value prints as a string.
        for (String p : List.of("volumes.*.driver_opts", "volumes.*.labels", "networks.*.driver_opts", "networks.*.labels",
                "networks.*.ipam.options", "networks.*.ipam.config.*.aux_addresses", "secrets.*.labels", "configs.*.labels",
                "secrets.*.driver_opts", "services.*.networks.*.driver_opts", "services.*.logging.options",
                "services.*.sysctls", "services.*.storage_opt", "services.*.log_opt", "services.*.labels",
                "services.*.annotations", "services.*.environment", "services.*.deploy.labels", "services.*.build.args",
                "services.*.build.labels", "services.*.build.additional_contexts")) {
            VALUES.put(p, Kind.STRING_VALUES);
        }
        VALUES.put("services.*.extra_hosts", Kind.HOSTS);
        VALUES.put("services.*.build.extra_hosts", Kind.HOSTS);
        // config discards env_file and label_file once read (WithDiscardEnvFile), and never prints content.
        VALUES.put("services.*.env_file", Kind.DROP);
        VALUES.put("services.*.label_file", Kind.DROP);
        // OptOut booleans default to true and are left out when true.
        VALUES.put("services.*.volumes.*.bind.create_host_path", Kind.OPT_OUT);
        VALUES.put("secrets.*.content", Kind.DROP);
        // Pointers to structs (printed even when empty) and map values that are pointers (printed as null).
        for (String p : List.of("services.*.volumes.*.bind", "services.*.volumes.*.volume", "services.*.volumes.*.tmpfs",
                "services.*.volumes.*.image", "services.*.networks.*", "services.*.models.*", "services.*.attach",
                "services.*.init", "services.*.scale", "services.*.deploy.replicas", "services.*.healthcheck.retries",
                "services.*.deploy.update_config.parallelism", "services.*.deploy.rollback_config.parallelism",
                "services.*.deploy.restart_policy.max_attempts", "networks.*.enable_ipv4", "networks.*.enable_ipv6",
                "services.*.build", "services.*.develop", "services.*.healthcheck", "services.*.logging",
                "services.*.deploy", "services.*.extends", "services.*.provider", "services.*.blkio_config",
                "services.*.deploy.resources.limits", "services.*.deploy.resources.reservations",
                "services.*.ulimits.*", "networks.*", "volumes.*", "secrets.*", "configs.*", "models.*",
                "services.*.depends_on.*")) {
            VALUES.put(p, Kind.PRINT_EMPTY);
        }
    }

    private final boolean json;

    /** @param json the JSON shape: struct fields that are structs print even when empty, x-* only at the top */
    ComposeShape(boolean json) {
        this.json = json;
    }

    /** The printable form of the canonical project: ordered maps, decoded units; null for "leave out". */
    Object shape(Object value, List<String> path) {
        String struct = path.isEmpty() ? "project" : STRUCTS.ruleFor(pathString(path));
        if (value instanceof Map<?, ?> map) {
            return struct != null ? structOf(map, struct, path) : sortedMap(map, path);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                Object item = shapeChild(list.get(i), path, "*");
                if (item != null) {
                    out.add(item);
                }
            }
            return out;
        }
        return value;
    }

    private Object shapeChild(Object value, List<String> path, String key) {
        List<String> child = new ArrayList<>(path);
        child.add(key);
        Kind kind = VALUES.ruleFor(pathString(child));
        Object converted = convert(value, kind);
        if (kind == Kind.DROP) {
            return null;
        }
        return shape(converted, child);
    }

    private Map<String, Object> structOf(Map<?, ?> map, String struct, List<String> path) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<String> always = ALWAYS.getOrDefault(struct, List.of());
        for (String field : FIELDS.get(struct)) {
            if (!map.containsKey(field)) {
                if (json && jsonEmptyStruct(struct, field)) {
                    out.put(field, new LinkedHashMap<>());
                }
                continue;
            }
            put(out, field, map.get(field), path, always.contains(field) || json && jsonEmptyStruct(struct, field));
        }
        // A key the table does not know (a field newer than it) is still printed, after the known ones.
        Map<String, Object> unknown = new TreeMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (!key.startsWith("x-") && !FIELDS.get(struct).contains(key)) {
                unknown.put(key, e.getValue());
            }
        }
        for (Map.Entry<String, Object> e : unknown.entrySet()) {
            put(out, e.getKey(), e.getValue(), path, false);
        }
        if (json && !path.isEmpty()) {
            return out; // json:"-": extensions below the top level are not printed
        }
        Map<String, Object> extensions = new TreeMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (key.startsWith("x-")) {
                extensions.put(key, e.getValue());
            }
        }
        for (Map.Entry<String, Object> e : extensions.entrySet()) {
            put(out, e.getKey(), e.getValue(), path, true);
        }
        return out;
    }

    /** Struct-typed fields that encoding/json prints as {} even when empty (no omitempty for structs). */
    private static boolean jsonEmptyStruct(String struct, String field) {
        return struct.equals("network") && field.equals("ipam")
                || struct.equals("deploy") && (field.equals("resources") || field.equals("placement"));
    }

    private Map<String, Object> sortedMap(Map<?, ?> map, List<String> path) {
        Map<String, Object> sorted = new TreeMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            sorted.put(String.valueOf(e.getKey()), e.getValue());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : sorted.entrySet()) {
            put(out, e.getKey(), e.getValue(), path, true);
        }
        return out;
    }

    private void put(Map<String, Object> out, String key, Object value, List<String> path, boolean keepEmpty) {
        List<String> child = new ArrayList<>(path);
        child.add(key);
        Kind kind = VALUES.ruleFor(pathString(child));
        if (kind == Kind.DROP || kind == Kind.OPT_OUT && Boolean.TRUE.equals(value)) {
            return;
        }
        Object shaped = shape(convert(value, kind), child);
        boolean printEmpty = keepEmpty || kind == Kind.PRINT_EMPTY || kind == Kind.OPT_OUT; // an OptOut's zero is true
        if (!printEmpty && isEmpty(shaped)) {
            return;
        }
        out.put(key, shaped);
    }

    /** Go's omitempty: false, 0, "", empty lists and maps, null. */
    private static boolean isEmpty(Object v) {
        return v == null || Boolean.FALSE.equals(v) || v instanceof String s && s.isEmpty()
                || v instanceof Long l && l == 0 || v instanceof Integer i && i == 0 || v instanceof Double d && d == 0
                || v instanceof Map<?, ?> m && m.isEmpty() || v instanceof List<?> l2 && l2.isEmpty();
    }

    private static Object convert(Object value, Kind kind) {
        if (kind == null || value == null) {
            return value;
        }
        switch (kind) {
            case BYTES: {
                Long bytes = Units.bytes(value);
                return bytes == null ? value : String.valueOf(bytes);
            }
            case DURATION: {
                Duration d = Units.duration(value);
                return d == null ? value : Units.format(d);
            }
            case FILE_MODE: {
                if (value instanceof Long l) {
                    return "0" + Long.toOctalString(l);
                }
                if (value instanceof String s && s.matches("[0-7]+")) {
                    return "0" + Long.toOctalString(Long.parseLong(s, 8));
                }
                return value;
            }
            case STRING_VALUES: {
                if (value instanceof Map<?, ?> m) {
                    Map<Object, Object> out = new LinkedHashMap<>();
                    for (Map.Entry<?, ?> e : m.entrySet()) {
                        Object v = e.getValue();
                        out.put(e.getKey(), v == null || v instanceof String ? v
                                : v instanceof Double d ? GoYaml.goFloat(d) : String.valueOf(v));
                    }
                    return out;
                }
                return value;
            }
            case ULIMIT: {
                if (value instanceof Map<?, ?> m && m.containsKey("single")) {
                    return m.get("single");
                }
                return value;
            }
            case HOSTS: {
                if (value instanceof Map<?, ?> m) {
                    List<String> hosts = new ArrayList<>();
                    for (Map.Entry<?, ?> e : m.entrySet()) {
                        if (e.getValue() instanceof List<?> ips) {
                            for (Object ip : ips) {
                                hosts.add(e.getKey() + "=" + ip);
                            }
                        } else {
                            hosts.add(e.getKey() + "=" + (e.getValue() == null ? "" : e.getValue()));
                        }
                    }
                    Collections.sort(hosts);
                    return hosts;
                }
                return value;
            }
            default:
                return value;
        }
    }

    private static String pathString(List<String> path) {
        if (path.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (String p : path) {
            if (b.length() > 0) {
                b.append('.');
            }
            b.append(p.replace(".", "\\."));
        }
        return b.toString();
    }
}
