package dev.berth.compose.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the compose conformance corpus. The copy inside this module's test resources is what CI
 * uses; {@code BERTH_COMPOSE_CORPUS} (system property or environment) points at another copy, and the
 * shared workspace copy is the last resort.
 */
public final class Corpus {

    private Corpus() {}

    public static Path root() {
        String configured = System.getProperty("BERTH_COMPOSE_CORPUS", System.getenv("BERTH_COMPOSE_CORPUS"));
        if (configured != null && Files.isDirectory(Path.of(configured))) {
            return Path.of(configured).toAbsolutePath();
        }
        URL bundled = Corpus.class.getClassLoader().getResource("corpus/README.md");
        if (bundled != null && "file".equals(bundled.getProtocol())) {
            try {
                return Path.of(bundled.toURI()).getParent();
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        for (Path candidate : List.of(Path.of("../../shared/compose-corpus"), Path.of("../shared/compose-corpus"),
                Path.of("/work/shared/compose-corpus"))) {
            if (Files.isDirectory(candidate.resolve("cases"))) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("compose corpus not found: set BERTH_COMPOSE_CORPUS");
    }

    public static List<Path> caseDirectories() {
        try (Stream<Path> dirs = Files.list(root().resolve("cases"))) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 43 real-world files: awesome-compose and the voting app. */
    public static List<Path> realWorldFiles() {
        try (Stream<Path> files = Stream.concat(Files.walk(root().resolve("awesome")), Files.walk(root().resolve("voting-app")))) {
            return files.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
