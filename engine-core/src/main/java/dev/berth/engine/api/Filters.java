package dev.berth.engine.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's {@code filters} parameter ({@code {"label":["a=b"],"status":["running"]}}), immutable:
 * {@code Filters.none().label("berth.test=1").with("status", "running")}.
 */
public record Filters(Map<String, List<String>> values) {

    public Filters {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        values = Collections.unmodifiableMap(copy);
    }

    public static Filters none() {
        return new Filters(Map.of());
    }

    public Filters with(String key, String value) {
        Map<String, List<String>> copy = new LinkedHashMap<>(values);
        List<String> list = new ArrayList<>(copy.getOrDefault(key, List.of()));
        list.add(value);
        copy.put(key, list);
        return new Filters(copy);
    }

    /** {@code label=key} or {@code label=key=value}. */
    public Filters label(String label) {
        return with("label", label);
    }

    public Filters name(String name) {
        return with("name", name);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public String toJson() {
        return EngineJson.MAPPER.writeValueAsString(values);
    }
}
