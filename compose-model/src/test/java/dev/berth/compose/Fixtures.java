package dev.berth.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/** Writes compose files into a temporary project directory and loads them. */
public final class Fixtures {

    private final Path dir;

    public Fixtures(Path dir) {
        this.dir = dir;
    }

    public Path write(String name, String content) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public LoadResult load(String... files) {
        return load(Map.of(), files);
    }

    public LoadResult load(Map<String, String> env, String... files) {
        return ComposeLoader.load(ProjectOptions.in(dir)
                .withComposeFiles(Arrays.stream(files).map(dir::resolve).toList())
                .withEnvironment(env));
    }

    public Path dir() {
        return dir;
    }
}
