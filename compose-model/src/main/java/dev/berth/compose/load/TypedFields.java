package dev.berth.compose.load;

import dev.berth.compose.Diagnostic;
import dev.berth.compose.Diagnostics;
import dev.berth.compose.model.Units;
import dev.berth.compose.tree.ListNode;
import dev.berth.compose.tree.MapNode;
import dev.berth.compose.tree.Node;
import dev.berth.compose.tree.PathRules;
import dev.berth.compose.tree.ScalarNode;
import dev.berth.compose.tree.TreePath;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Casts string values back to the type the field has, once interpolation is done and before the
 * schema sees the document ({@code replicas: $N} must be the number 3, {@code privileged: ${REQ}} the
 * boolean true). One line per field, keyed by path pattern: compose-go's interpolation cast table
 * ({@code loader/interpolate.go}) plus the byte sizes, durations and file modes its decoder checks
 * later. A string that cannot be cast is an error at its position naming the field and the value,
 * worded as docker compose words it. Byte sizes and durations are only checked here (the binder
 * converts them); the others are replaced by their typed value.
 */
final class TypedFields {

    enum Type { INT, INT64, FLOAT, BOOL, FILE_MODE, BYTES, DURATION }

    private static final Map<String, Type> RULES = new LinkedHashMap<>();
    private static final PathRules<Type> TABLE = new PathRules<>();

    static {
        Map<String, Type> r = RULES;
        r.put("services.*.configs.*.mode", Type.FILE_MODE);
        r.put("services.*.secrets.*.mode", Type.FILE_MODE);
        r.put("services.*.build.secrets.*.mode", Type.FILE_MODE);
        r.put("services.*.volumes.*.tmpfs.mode", Type.FILE_MODE);
        r.put("services.*.cpu_count", Type.INT64);
        r.put("services.*.cpu_percent", Type.FLOAT);
        r.put("services.*.cpu_period", Type.INT64);
        r.put("services.*.cpu_quota", Type.INT64);
        r.put("services.*.cpu_rt_period", Type.INT64);
        r.put("services.*.cpu_rt_runtime", Type.INT64);
        r.put("services.*.cpus", Type.FLOAT);
        r.put("services.*.cpu_shares", Type.INT64);
        r.put("services.*.init", Type.BOOL);
        r.put("services.*.deploy.replicas", Type.INT);
        r.put("services.*.deploy.update_config.parallelism", Type.INT);
        r.put("services.*.deploy.update_config.max_failure_ratio", Type.FLOAT);
        r.put("services.*.deploy.update_config.delay", Type.DURATION);
        r.put("services.*.deploy.update_config.monitor", Type.DURATION);
        r.put("services.*.deploy.rollback_config.parallelism", Type.INT);
        r.put("services.*.deploy.rollback_config.max_failure_ratio", Type.FLOAT);
        r.put("services.*.deploy.rollback_config.delay", Type.DURATION);
        r.put("services.*.deploy.rollback_config.monitor", Type.DURATION);
        r.put("services.*.deploy.restart_policy.max_attempts", Type.INT);
        r.put("services.*.deploy.restart_policy.delay", Type.DURATION);
        r.put("services.*.deploy.restart_policy.window", Type.DURATION);
        r.put("services.*.deploy.placement.max_replicas_per_node", Type.INT);
        r.put("services.*.deploy.resources.limits.cpus", Type.FLOAT);
        r.put("services.*.deploy.resources.limits.pids", Type.INT64);
        r.put("services.*.deploy.resources.limits.memory", Type.BYTES);
        r.put("services.*.deploy.resources.reservations.cpus", Type.FLOAT);
        r.put("services.*.deploy.resources.reservations.memory", Type.BYTES);
        r.put("services.*.healthcheck.retries", Type.INT);
        r.put("services.*.healthcheck.disable", Type.BOOL);
        r.put("services.*.healthcheck.interval", Type.DURATION);
        r.put("services.*.healthcheck.timeout", Type.DURATION);
        r.put("services.*.healthcheck.start_period", Type.DURATION);
        r.put("services.*.healthcheck.start_interval", Type.DURATION);
        r.put("services.*.mem_limit", Type.BYTES);
        r.put("services.*.mem_reservation", Type.BYTES);
        r.put("services.*.memswap_limit", Type.BYTES);
        r.put("services.*.shm_size", Type.BYTES);
        r.put("services.*.build.shm_size", Type.BYTES);
        r.put("services.*.blkio_config.device_read_bps.*.rate", Type.BYTES);
        r.put("services.*.blkio_config.device_write_bps.*.rate", Type.BYTES);
        r.put("services.*.volumes.*.tmpfs.size", Type.BYTES);
        r.put("services.*.stop_grace_period", Type.DURATION);
        r.put("services.*.mem_swappiness", Type.INT64);
        r.put("services.*.oom_kill_disable", Type.BOOL);
        r.put("services.*.oom_score_adj", Type.INT64);
        r.put("services.*.pids_limit", Type.INT64);
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

    /**
     * Applies the casts to every matching scalar under {@code root} (a whole compose document);
     * returns false when a value could not be cast (each such value is reported). With null
     * diagnostics, values that do not cast stay as written and nothing is reported.
     */
    static boolean cast(MapNode root, Diagnostics diagnostics) {
        Diagnostics sink = diagnostics == null ? new Diagnostics() : diagnostics;
        int before = sink.errorCount();
        walk(root, TABLE, "", sink);
        return sink.errorCount() == before;
    }

    /** Follows the rule trie alongside the tree: only subtrees that hold a typed field are visited. */
    private static void walk(Node node, PathRules<Type> rules, String path, Diagnostics diagnostics) {
        if (node instanceof ScalarNode scalar) {
            Type type = rules.rule();
            if (type != null) {
                castScalar(scalar, type, path, diagnostics);
            }
        } else if (node instanceof MapNode map) {
            for (Map.Entry<String, Node> e : map.entries()) {
                PathRules<Type> next = rules.next(e.getKey());
                if (next != null && e.getValue() != null) {
                    walk(e.getValue(), next, TreePath.child(path, e.getKey()), diagnostics);
                }
            }
        } else if (node instanceof ListNode list) {
            PathRules<Type> next = rules.next("*");
            if (next != null) {
                for (int i = 0; i < list.size(); i++) {
                    walk(list.get(i), next, TreePath.index(path, i), diagnostics);
                }
            }
        }
    }

    private static void castScalar(ScalarNode scalar, Type type, String path, Diagnostics diagnostics) {
        Object value = scalar.value();
        if (type == Type.FILE_MODE) {
            fileMode(scalar, path, diagnostics);
            return;
        }
        if (!(value instanceof String s)) {
            if (type == Type.INT || type == Type.INT64) {
                if (value instanceof Double d && d == Math.rint(d)) {
                    scalar.setValue(d.longValue());
                }
            } else if (type == Type.FLOAT && value instanceof Long l) {
                scalar.setValue(l.doubleValue());
            }
            return;
        }
        switch (type) {
            case INT, INT64 -> {
                Long n = parseLong(s);
                if (n != null) {
                    scalar.setValue(n);
                } else {
                    String function = type == Type.INT ? "strconv.Atoi" : "strconv.ParseInt";
                    castError(diagnostics, scalar, path, function + ": parsing " + quote(s) + ": "
                            + (looksNumeric(s) ? "value out of range" : "invalid syntax"));
                }
            }
            case FLOAT -> {
                Double d = parseGoFloat(s);
                if (d != null) {
                    scalar.setValue(d);
                } else {
                    castError(diagnostics, scalar, path, "strconv.ParseFloat: parsing " + quote(s) + ": invalid syntax");
                }
            }
            case BOOL -> {
                Boolean b = parseBoolean(s);
                if (b == null) {
                    castError(diagnostics, scalar, path, "invalid boolean: " + s);
                    return;
                }
                if (!s.equalsIgnoreCase("true") && !s.equalsIgnoreCase("false")) {
                    diagnostics.add(Diagnostic.warning("yaml11-boolean", path, scalar.location(), quote(s)
                            + " for boolean is not supported by YAML 1.2, please use `" + b + "`"));
                }
                scalar.setValue(b);
            }
            case BYTES -> {
                if (Units.bytes(s) == null) {
                    diagnostics.error("invalid-size", path, scalar.location(),
                            TreePath.display(path) + ": invalid size " + quote(s));
                }
            }
            case DURATION -> {
                if (Units.duration(s) == null) {
                    diagnostics.error("invalid-duration", path, scalar.location(),
                            TreePath.display(path) + ": invalid duration " + quote(s));
                }
            }
            default -> throw new IllegalStateException(type.name());
        }
    }

    /** A quoted or interpolated mode and a plain 0440 are octal, as in compose-go; a plain 288 is decimal. */
    private static void fileMode(ScalarNode scalar, String path, Diagnostics diagnostics) {
        Object value = scalar.value();
        String text = value instanceof String s ? s : scalar.quoted() ? null : scalar.raw();
        if (text == null || !(value instanceof String) && !text.startsWith("0")) {
            return;
        }
        String digits = text.startsWith("0o") ? text.substring(2) : text;
        try {
            scalar.setValue(Long.parseLong(digits, 8));
        } catch (NumberFormatException e) {
            diagnostics.error("invalid-file-mode", path, scalar.location(),
                    TreePath.display(path) + ": invalid file mode " + quote(text) + ": an octal number is expected (0440)");
        }
    }

    private static void castError(Diagnostics diagnostics, ScalarNode scalar, String path, String why) {
        diagnostics.error("type-cast", path, scalar.location(), "error while interpolating " + TreePath.display(path)
                + ": failed to cast to expected type: " + why);
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }

    private static boolean looksNumeric(String s) {
        if (s.isEmpty()) {
            return false;
        }
        int start = s.charAt(0) == '-' || s.charAt(0) == '+' ? 1 : 0;
        if (start == s.length()) {
            return false;
        }
        for (int i = start; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Go's strconv.ParseFloat for the forms compose files use; Java-only spellings (2f, 2d, Infinity) refused. */
    static Double parseGoFloat(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            case "nan" -> {
                return Double.NaN;
            }
            default -> { }
        }
        boolean digit = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            digit |= Character.isDigit(c);
            if (!(c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) {
                return null;
            }
        }
        if (!digit) {
            return null;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Go's strconv.ParseInt base 10: an optional sign and digits, nothing else (no spaces, no underscores). */
    static Long parseLong(String s) {
        if (!looksNumeric(s)) {
            return null;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** YAML 1.1 spellings are still accepted for booleans, as docker compose does. */
    static Boolean parseBoolean(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "on" -> Boolean.TRUE;
            case "false", "no", "n", "off" -> Boolean.FALSE;
            default -> null;
        };
    }
}
