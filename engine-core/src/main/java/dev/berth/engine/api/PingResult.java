package dev.berth.engine.api;

/** The headers of {@code /_ping}: the engine's API version and OS type, and whether it is Podman. */
public record PingResult(String apiVersion, String osType, boolean experimental, String server) {}
