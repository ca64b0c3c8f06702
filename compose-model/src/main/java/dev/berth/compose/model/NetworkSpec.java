package dev.berth.compose.model;

import java.util.Map;

/** A top-level network; {@code name} is the engine name ({@code <project>_<key>} unless set or external). */
public record NetworkSpec(String key, String name, String driver, Map<String, String> driverOpts, boolean external,
        boolean internal, boolean attachable, Boolean enableIpv6, Map<String, Object> ipam, Map<String, String> labels,
        Map<String, Object> other, Map<String, Object> extensions) {}
