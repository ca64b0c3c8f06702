package dev.berth.app.gui.editor;

import java.nio.file.Path;

/** What a tab holds: a compose file (YAML) or an env file ({@code .env}, {@code env_file}). */
public enum DocumentKind {
    COMPOSE, ENV;

    public static DocumentKind of(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml") ? COMPOSE : ENV;
    }
}
