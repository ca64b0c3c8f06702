package dev.berth.compose.model;

import java.util.Map;

/** A top-level secret: from a file (absolute), an environment variable, inline content, or external. */
public record SecretSpec(String key, String name, String file, String environment, String content, boolean external,
        Map<String, String> labels, Map<String, Object> other, Map<String, Object> extensions) {}
