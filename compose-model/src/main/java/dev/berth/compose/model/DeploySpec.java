package dev.berth.compose.model;

import java.util.Map;

/** The {@code deploy} section; replicas and resources are typed, the rest kept as written. */
public record DeploySpec(String mode, Integer replicas, Resources limits, Resources reservations,
        Map<String, String> labels, Map<String, Object> other) {

    /** {@code memory} in bytes. */
    public record Resources(Double cpus, Long memory, Long pids) {}
}
