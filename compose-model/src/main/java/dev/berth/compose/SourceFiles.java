package dev.berth.compose;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the loader reads compose files, {@code .env} and env files from. {@link #DISK} reads the file
 * system; {@link #overlay} lets an editor validate the texts it holds in memory (unsaved buffers) while
 * every other file still comes from disk, so a whole project — overrides included — is checked as it
 * will be once saved.
 */
public interface SourceFiles {

    /** True when {@code file} exists as a regular file (or is held in memory). */
    boolean isRegularFile(Path file);

    /** The UTF-8 text of {@code file}. */
    String read(Path file) throws IOException;

    /** The file system. */
    SourceFiles DISK = new SourceFiles() {
        @Override
        public boolean isRegularFile(Path file) {
            return Files.isRegularFile(file);
        }

        @Override
        public String read(Path file) throws IOException {
            return Files.readString(file, StandardCharsets.UTF_8);
        }
    };

    /**
     * {@code texts} (absolute, normalised paths → content) over {@code under}: a path in the map is read
     * from it even when the file does not exist on disk yet.
     */
    static SourceFiles overlay(Map<Path, String> texts, SourceFiles under) {
        Map<Path, String> copy = Map.copyOf(texts);
        return new SourceFiles() {
            @Override
            public boolean isRegularFile(Path file) {
                return copy.containsKey(key(file)) || under.isRegularFile(file);
            }

            @Override
            public String read(Path file) throws IOException {
                String text = copy.get(key(file));
                return text != null ? text : under.read(file);
            }

            private Path key(Path file) {
                return file.toAbsolutePath().normalize();
            }
        };
    }
}
