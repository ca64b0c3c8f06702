package dev.berth.compose.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Flattens a {@code config} document (ours or docker-compose v1's) into "field path → value" for the
 * fields both tools print, after undoing pure notation differences: v1 keeps short volume and port
 * strings, string commands and string healthcheck tests, and prints published ports as numbers.
 */
final class ComparableView {

    private ComparableView() {}

    static Map<String, String> of(Map<String, Object> config, boolean v1) {
        Map<String, String> view = new TreeMap<>();
        Map<String, Object> services = map(config.get("services"));
        for (Map.Entry<String, Object> e : services.entrySet()) {
            service("services." + e.getKey(), map(e.getValue()), view, v1);
        }
        for (String section : List.of("volumes", "networks", "secrets", "configs")) {
            for (Map.Entry<String, Object> e : map(config.get(section)).entrySet()) {
                if (section.equals("networks") && e.getKey().equals("default")) {
                    continue;
                }
                Map<String, Object> resource = map(e.getValue());
                view.put(section + "." + e.getKey(), "declared");
                put(view, section + "." + e.getKey() + ".file", resource.get("file"));
                put(view, section + "." + e.getKey() + ".driver", resource.get("driver"));
                put(view, section + "." + e.getKey() + ".external", resource.get("external") == null ? null
                        : String.valueOf(resource.get("external") instanceof Map ? true : resource.get("external")));
            }
        }
        return view;
    }

    private static void service(String p, Map<String, Object> s, Map<String, String> view, boolean v1) {
        for (String key : List.of("image", "restart", "container_name", "hostname", "user", "working_dir", "platform",
                "stop_signal", "network_mode", "privileged", "init", "tty", "stdin_open", "pull_policy", "mem_limit", "shm_size")) {
            put(view, p + "." + key, s.get(key));
        }
        Map<String, Object> build = map(s.get("build"));
        put(view, p + ".build.context", build.get("context"));
        put(view, p + ".build.target", build.get("target"));
        for (Map.Entry<String, Object> a : map(build.get("args")).entrySet()) {
            put(view, p + ".build.args." + a.getKey(), a.getValue());
        }
        put(view, p + ".command", words(s.get("command")));
        put(view, p + ".entrypoint", words(s.get("entrypoint")));
        for (Map.Entry<String, Object> env : map(s.get("environment")).entrySet()) {
            put(view, p + ".environment." + env.getKey(), env.getValue());
        }
        for (Map.Entry<String, Object> label : map(s.get("labels")).entrySet()) {
            put(view, p + ".labels." + label.getKey(), label.getValue());
        }
        List<String> ports = new ArrayList<>();
        for (Object port : list(s.get("ports"))) {
            ports.add(port(port));
        }
        put(view, p + ".ports", ports.isEmpty() ? null : String.join(", ", ports));
        List<String> volumes = new ArrayList<>();
        for (Object volume : list(s.get("volumes"))) {
            volumes.add(volume(volume));
        }
        put(view, p + ".volumes", volumes.isEmpty() ? null : String.join(", ", volumes));
        Object dependsOn = s.get("depends_on");
        if (dependsOn instanceof List<?> names) {
            for (Object n : names) {
                view.put(p + ".depends_on." + n, "service_started");
            }
        } else {
            for (Map.Entry<String, Object> d : map(dependsOn).entrySet()) {
                put(view, p + ".depends_on." + d.getKey(), map(d.getValue()).get("condition"));
            }
        }
        if (s.containsKey("networks") && (v1 || !map(s.get("networks")).containsKey("default"))) {
            Object networks = s.get("networks");
            List<String> names = networks instanceof List<?> l ? l.stream().map(String::valueOf).sorted().toList()
                    : map(networks).keySet().stream().sorted().toList();
            put(view, p + ".networks", String.join(",", names));
        }
        Map<String, Object> health = map(s.get("healthcheck"));
        Object test = health.get("test");
        put(view, p + ".healthcheck.test", test instanceof String t ? "CMD-SHELL " + t : words(test));
        for (String key : List.of("interval", "timeout", "retries", "start_period", "disable")) {
            put(view, p + ".healthcheck." + key, health.get(key));
        }
        List<String> expose = list(s.get("expose")).stream().map(String::valueOf).toList();
        put(view, p + ".expose", expose.isEmpty() ? null : String.join(",", expose));
        List<String> secrets = list(s.get("secrets")).stream()
                .map(x -> x instanceof Map<?, ?> m ? String.valueOf(m.get("source")) : String.valueOf(x)).toList();
        put(view, p + ".secrets", secrets.isEmpty() ? null : String.join(",", secrets));
        Map<String, Object> deploy = map(s.get("deploy"));
        put(view, p + ".deploy.replicas", deploy.get("replicas"));
        Map<String, Object> limits = map(map(deploy.get("resources")).get("limits"));
        put(view, p + ".deploy.resources.limits.cpus", limits.get("cpus"));
        put(view, p + ".deploy.resources.limits.memory", limits.get("memory"));
        List<String> profiles = list(s.get("profiles")).stream().map(String::valueOf).toList();
        put(view, p + ".profiles", profiles.isEmpty() ? null : String.join(",", profiles));
    }

    /** {@code [host_ip:]published:target/protocol}, from either the long form or v1's short strings. */
    private static String port(Object port) {
        if (port instanceof Map<?, ?> m) {
            Object hostIp = m.get("host_ip");
            Object published = m.get("published");
            Object protocol = m.get("protocol") == null ? "tcp" : m.get("protocol");
            return (hostIp == null ? "" : hostIp + ":") + (published == null ? "" : published + ":") + m.get("target") + "/" + protocol;
        }
        String s = String.valueOf(port);
        return s.contains("/") ? s : s + "/tcp";
    }

    /** {@code type:source:target[:ro]}, from either the long form or v1's {@code src:dst:rw} strings. */
    private static String volume(Object volume) {
        if (volume instanceof Map<?, ?> m) {
            String ro = Boolean.TRUE.equals(m.get("read_only")) ? ":ro" : "";
            return m.get("type") + ":" + (m.get("source") == null ? "" : m.get("source")) + ":" + m.get("target") + ro;
        }
        String[] parts = String.valueOf(volume).split(":");
        if (parts.length == 1) {
            return "volume::" + parts[0];
        }
        String type = parts[0].startsWith("/") || parts[0].startsWith(".") || parts[0].startsWith("~") ? "bind" : "volume";
        String ro = parts.length > 2 && List.of(parts[2].split(",")).contains("ro") ? ":ro" : "";
        return type + ":" + parts[0] + ":" + parts[1] + ro;
    }

    private static String words(Object command) {
        if (command == null) {
            return null;
        }
        if (command instanceof List<?> list) {
            return String.join(" ", list.stream().map(String::valueOf).toList());
        }
        return String.join(" ", shellSplit(String.valueOf(command)));
    }

    private static List<String> shellSplit(String s) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        char quote = 0;
        boolean in = false;
        for (char c : s.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    w.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                in = true;
            } else if (Character.isWhitespace(c)) {
                if (in) {
                    words.add(w.toString());
                    w.setLength(0);
                    in = false;
                }
            } else {
                w.append(c);
                in = true;
            }
        }
        if (in) {
            words.add(w.toString());
        }
        return words;
    }

    private static void put(Map<String, String> view, String key, Object value) {
        if (value != null) {
            view.put(key, String.valueOf(value));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : List.of();
    }
}
