package dev.berth.compose.model;

/** One {@code env_file} entry with its absolute path. */
public record EnvFile(String path, boolean required, String format) {}
