package dev.berth.compose.model;

/** A service's use of a secret or config: {@code source} is the top-level key; {@code mode} numeric (0o440 = 288). */
public record FileReference(String source, String target, String uid, String gid, Long mode) {}
