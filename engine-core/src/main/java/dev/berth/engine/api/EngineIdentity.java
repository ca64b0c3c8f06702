package dev.berth.engine.api;

/**
 * Who answered: product name ("Docker Engine", "Podman Engine"), release, the engine's API range, the
 * version negotiated for our requests, and the platform.
 */
public record EngineIdentity(String name, String version, ApiVersion apiVersion, ApiVersion minApiVersion,
                             ApiVersion negotiated, String os, String arch, String kernelVersion, boolean podman) {

    /** e.g. {@code Docker Engine 20.10.24 (API 1.41, negotiated 1.41)}. */
    public String summary() {
        return name + " " + version + " (API " + apiVersion + ", negotiated " + negotiated + ")";
    }
}
