package dev.berth.compose.model;

/** A published or exposed port in long form; {@code published} is a string because it may be a range ("8000-8010"). */
public record PortSpec(int target, String published, String hostIp, String protocol, String mode, String name, String appProtocol) {}
