package dev.berth.compose.conformance;

import dev.berth.compose.model.Project;
import dev.berth.compose.tree.TreePath;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plain maps and lists (the canonical project, expected values read from YAML) compared by value. */
final class Plain {

    private Plain() {}

    /** The value at a dotted path ({@code services.web.ports.0.target}; {@code \.} escapes a dot in a key), or null. */
    static Object at(Object root, String path) {
        Object node = root;
        for (String segment : TreePath.segments(path)) {
            if (node instanceof Map<?, ?> map) {
                node = map.get(segment);
            } else if (node instanceof List<?> list && segment.matches("\\d+") && Integer.parseInt(segment) < list.size()) {
                node = list.get(Integer.parseInt(segment));
            } else {
                return null;
            }
        }
        return node;
    }

    /**
     * A value of the typed model by record accessors: {@code web.healthcheck.interval} is
     * {@code project.service("web").healthcheck().interval()}; a segment that names a map key looks it up.
     */
    static Object accessor(Project project, String path) {
        List<String> segments = TreePath.segments(path);
        Object node = project.service(segments.get(0));
        for (String segment : segments.subList(1, segments.size())) {
            if (node == null) {
                return null;
            }
            if (node instanceof Map<?, ?> map) {
                node = map.get(segment);
                continue;
            }
            if (node instanceof List<?> list) {
                node = list.get(Integer.parseInt(segment));
                continue;
            }
            try {
                node = node.getClass().getMethod(segment).invoke(node);
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("no " + segment + " on " + node.getClass().getSimpleName(), e);
            }
        }
        return node;
    }

    /** Integers of any width become Long and floats Double, so that 3 from YAML equals 3L from the model. */
    static Object normalize(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), normalize(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(normalize(v)));
            return out;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof BigInteger) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        return value;
    }
}
