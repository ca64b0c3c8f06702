package dev.berth.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The CLI's AOT training run, started by {@code ./berth} right after a build: it runs the commands people
 * run most on a small but feature-rich project, so the JDK's AOT cache holds the classes (and method
 * profiles) of the loader, the schema validator, Jackson, the engine client and the planner, not only
 * picocli's. Everything it does is read-only: {@code config}, {@code up --dry-run}, {@code ps}, {@code ls},
 * {@code version}; without an engine those fail quietly and the run still trains the loader.
 */
public final class TrainingWorkload {

    private static final String PROJECT = """
            name: berth-aot-training
            x-common: &common
              restart: unless-stopped
              environment:
                LOG_LEVEL: ${LOG_LEVEL:-info}
            services:
              db:
                <<: *common
                image: berth-test/busybox:latest
                command: ["sh", "-c", "sleep 3600"]
                healthcheck:
                  test: ["CMD", "true"]
                  interval: 1s
                volumes: [data:/data]
              web:
                <<: *common
                image: berth-test/busybox:latest
                ports: ["127.0.0.1:18080:80"]
                depends_on:
                  db:
                    condition: service_healthy
                networks: [front, default]
            networks:
              front: {}
            volumes:
              data: {}
            """;

    private TrainingWorkload() {}

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("berth-aot-training");
        try {
            Path file = dir.resolve("compose.yaml");
            Files.writeString(file, PROJECT);
            PrintWriter quiet = new PrintWriter(Writer.nullWriter());
            String f = file.toString();
            String[][] commands = {
                    {"--help"},
                    {"-f", f, "config", "-q"},
                    {"-f", f, "config", "--format", "json"},
                    {"-f", f, "config"},
                    {"version"},
                    {"-f", f, "up", "-d", "--dry-run"},
                    {"-f", f, "ps", "-a"},
                    {"ls", "-a"},
            };
            for (String[] command : commands) {
                try {
                    BerthCli.run(quiet, quiet, command);
                } catch (RuntimeException ignored) {
                    // Training only: a missing engine must not stop the loader from being trained.
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        System.exit(0);
    }
}
