package dev.berth.compose.model;

import java.util.Map;

/** A top-level named volume; {@code name} is the engine name. */
public record VolumeSpec(String key, String name, String driver, Map<String, String> driverOpts, boolean external,
        Map<String, String> labels, Map<String, Object> other, Map<String, Object> extensions) {}
