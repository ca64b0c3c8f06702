package dev.berth.compose.model;

import java.util.List;
import java.util.Map;

/** How to build the service image; {@code context} is absolute unless it is a URL. {@code other} keeps the rarer fields. */
public record BuildSpec(String context, String dockerfile, String dockerfileInline, Map<String, String> args,
        String target, Map<String, String> labels, List<String> cacheFrom, List<String> tags, String network,
        List<String> platforms, Map<String, String> additionalContexts, Map<String, Object> other) {}
