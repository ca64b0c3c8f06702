package dev.berth.compose.model;

import java.util.Map;

public record LoggingSpec(String driver, Map<String, String> options) {}
