package dev.berth.compose;

import dev.berth.compose.load.LoadSession;

/**
 * Loads Compose projects: {@code ComposeLoader.load(options)} turns compose files into every
 * diagnostic found and, when there was no error, an immutable {@link dev.berth.compose.model.Project}.
 * Never throws for bad input. Thread-safe (each call works on its own state).
 *
 * <p>Phases, in order: inputs (files, env files, project name) → per document: parse with positions
 * → interpolate → schema-validate → cast types → canonicalise short syntax → resolve paths → resolve
 * environments → include → extends; then merge the files in order → profiles and defaults →
 * consistency checks → bind the model → dependency cycles.
 */
public final class ComposeLoader {

    private ComposeLoader() {}

    public static LoadResult load(ProjectOptions options) {
        return load(options, SourceFiles.DISK);
    }

    /** Loads with files read through {@code files}, e.g. an editor's unsaved texts over the disk. */
    public static LoadResult load(ProjectOptions options, SourceFiles files) {
        return new LoadSession(options, files).run();
    }
}
