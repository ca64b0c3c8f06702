package dev.berth.compose.load;

import dev.berth.compose.tree.ListNode;
import dev.berth.compose.tree.MapNode;
import dev.berth.compose.tree.Node;
import dev.berth.compose.tree.PathRules;
import dev.berth.compose.tree.ScalarNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Casts string values back to the type the field has, once interpolation is done ({@code replicas:
 * $N} must be the number 3, {@code init: yes} the boolean true). One line per field, keyed by path
 * pattern, following compose-go's interpolation casts. Values that do not parse stay strings; the
 * binder reports them.
 */
final class TypedFields {

    enum Type { INT, FLOAT, BOOL, FILE_MODE }

    private static final Map<String, Type> RULES = new LinkedHashMap<>();
    private static final PathRules<Type> TABLE = new PathRules<>();

    static {
        Map<String, Type> r = RULES;
        r.put("services.*.configs.*.mode", Type.FILE_MODE);
        r.put("services.*.secrets.*.mode", Type.FILE_MODE);
        r.put("services.*.cpu_count", Type.INT);
        r.put("services.*.cpu_percent", Type.FLOAT);
        r.put("services.*.cpu_period", Type.INT);
        r.put("services.*.cpu_quota", Type.INT);
        r.put("services.*.cpu_rt_period", Type.INT);
        r.put("services.*.cpu_rt_runtime", Type.INT);
        r.put("services.*.cpus", Type.FLOAT);
        r.put("services.*.cpu_shares", Type.INT);
        r.put("services.*.init", Type.BOOL);
        r.put("services.*.deploy.replicas", Type.INT);
        r.put("services.*.deploy.update_config.parallelism", Type.INT);
        r.put("services.*.deploy.update_config.max_failure_ratio", Type.FLOAT);
        r.put("services.*.deploy.rollback_config.parallelism", Type.INT);
        r.put("services.*.deploy.rollback_config.max_failure_ratio", Type.FLOAT);
        r.put("services.*.deploy.restart_policy.max_attempts", Type.INT);
        r.put("services.*.deploy.placement.max_replicas_per_node", Type.INT);
        r.put("services.*.deploy.resources.limits.cpus", Type.FLOAT);
        r.put("services.*.deploy.resources.limits.pids", Type.INT);
        r.put("services.*.deploy.resources.reservations.cpus", Type.FLOAT);
        r.put("services.*.healthcheck.retries", Type.INT);
        r.put("services.*.healthcheck.disable", Type.BOOL);
        r.put("services.*.mem_swappiness", Type.INT);
        r.put("services.*.oom_kill_disable", Type.BOOL);
        r.put("services.*.oom_score_adj", Type.INT);
        r.put("services.*.pids_limit", Type.INT);
        r.put("services.*.ports.*.target", Type.INT);
        r.put("services.*.privileged", Type.BOOL);
        r.put("services.*.read_only", Type.BOOL);
        r.put("services.*.scale", Type.INT);
        r.put("services.*.stdin_open", Type.BOOL);
        r.put("services.*.tty", Type.BOOL);
        r.put("services.*.use_api_socket", Type.BOOL);
        r.put("services.*.ulimits.*", Type.INT);
        r.put("services.*.ulimits.*.hard", Type.INT);
        r.put("services.*.ulimits.*.soft", Type.INT);
        r.put("services.*.volumes.*.read_only", Type.BOOL);
        r.put("services.*.volumes.*.volume.nocopy", Type.BOOL);
        r.put("services.*.volumes.*.bind.create_host_path", Type.BOOL);
        r.put("services.*.depends_on.*.required", Type.BOOL);
        r.put("services.*.depends_on.*.restart", Type.BOOL);
        r.put("services.*.build.privileged", Type.BOOL);
        r.put("services.*.build.no_cache", Type.BOOL);
        r.put("services.*.build.pull", Type.BOOL);
        r.put("services.*.develop.watch.*.initial_sync", Type.BOOL);
        r.put("services.*.networks.*.priority", Type.INT);
        r.put("services.*.networks.*.gw_priority", Type.INT);
        r.put("networks.*.external", Type.BOOL);
        r.put("networks.*.internal", Type.BOOL);
        r.put("networks.*.attachable", Type.BOOL);
        r.put("networks.*.enable_ipv4", Type.BOOL);
        r.put("networks.*.enable_ipv6", Type.BOOL);
        r.put("volumes.*.external", Type.BOOL);
        r.put("secrets.*.external", Type.BOOL);
        r.put("configs.*.external", Type.BOOL);
        r.put("include.*.required", Type.BOOL);
        r.forEach(TABLE::put);
    }

    private TypedFields() {}

    /** Applies the casts to every matching scalar under {@code root} (a whole compose document). */
    static void cast(MapNode root) {
        walk(root, TABLE);
    }

    /** Follows the rule trie alongside the tree: only subtrees that hold a typed field are visited. */
    private static void walk(Node node, PathRules<Type> rules) {
        if (node instanceof ScalarNode scalar) {
            Type type = rules.rule();
            if (type != null) {
                castScalar(scalar, type);
            }
        } else if (node instanceof MapNode map) {
            for (Map.Entry<String, Node> e : map.entries()) {
                PathRules<Type> next = rules.next(e.getKey());
                if (next != null && e.getValue() != null) {
                    walk(e.getValue(), next);
                }
            }
        } else if (node instanceof ListNode list) {
            PathRules<Type> next = rules.next("*");
            if (next != null) {
                for (Node item : list.items()) {
                    walk(item, next);
                }
            }
        }
    }

    private static void castScalar(ScalarNode scalar, Type type) {
        Object value = scalar.value();
        switch (type) {
            case INT -> {
                if (value instanceof String s) {
                    Long n = parseLong(s.strip());
                    if (n != null) {
                        scalar.setValue(n);
                    }
                } else if (value instanceof Double d && d == Math.rint(d)) {
                    scalar.setValue(d.longValue());
                }
            }
            case FLOAT -> {
                if (value instanceof String s) {
                    try {
                        scalar.setValue(Double.parseDouble(s.strip()));
                    } catch (NumberFormatException ignored) {
                        // stays a string; reported when binding
                    }
                } else if (value instanceof Long l) {
                    scalar.setValue(l.doubleValue());
                }
            }
            case BOOL -> {
                if (value instanceof String s) {
                    Boolean b = parseBoolean(s);
                    if (b != null) {
                        scalar.setValue(b);
                    }
                }
            }
            case FILE_MODE -> {
                // A quoted or interpolated mode and a plain 0440 are octal, as in compose-go.
                String text = value instanceof String s ? s.strip() : scalar.quoted() ? null : scalar.raw();
                if (text != null && (value instanceof String || text.startsWith("0"))) {
                    String digits = text.startsWith("0o") ? text.substring(2) : text;
                    try {
                        scalar.setValue(Long.parseLong(digits, 8));
                    } catch (NumberFormatException ignored) {
                        // stays as written; reported when binding
                    }
                }
            }
        }
    }

    static Long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** YAML 1.1 spellings are still accepted for booleans, as docker compose does. */
    static Boolean parseBoolean(String s) {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "on" -> Boolean.TRUE;
            case "false", "no", "n", "off" -> Boolean.FALSE;
            default -> null;
        };
    }
}
