package dev.berth.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Running the peers as whole processes, the way a user runs them: Berth through {@code ./berth} when the
 * launcher's distribution is built (so its AOT cache counts), otherwise {@code java -cp <this classpath>
 * dev.berth.app.Main} with the launcher's JVM options; peers like {@code docker-compose} as they are.
 */
final class BenchProcesses {

    private BenchProcesses() {}

    /** The command that starts Berth's CLI; append the arguments. */
    static List<String> berthCommand() {
        Path launcher = Path.of("berth").toAbsolutePath();
        if (Files.isExecutable(launcher) && Files.isDirectory(Path.of("packaging/target/dist/lib"))) {
            return new ArrayList<>(List.of(launcher.toString()));
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ArrayList<>(List.of(java, "-XX:+UseG1GC", "-Xss1m",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "dev.berth.app.Main"));
    }

    static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    /** Runs {@code command} in {@code dir} and returns its wall time in milliseconds; fails on a non-zero exit. */
    static double timeMillis(List<String> command, Path dir) throws IOException, InterruptedException {
        return timeMillis(command, dir, Map.of());
    }

    /** The same with {@code environment} added to this process's (e.g. {@code DOCKER_HOST}). */
    static double timeMillis(List<String> command, Path dir, Map<String, String> environment) throws IOException, InterruptedException {
        File stderr = dir.resolve("stderr.txt").toFile();
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr);
        pb.environment().putAll(environment);
        long start = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(Long.getLong("bench.timeout.seconds", 600), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        double ms = (System.nanoTime() - start) / 1e6;
        if (p.exitValue() != 0) {
            throw new IOException("failed (" + p.exitValue() + "): " + String.join(" ", command) + "\n"
                    + Files.readString(stderr.toPath()));
        }
        return ms;
    }

    /** The median of the values that are numbers (a failed run is recorded as NaN); NaN when none is. */
    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values.stream().filter(v -> !v.isNaN()).toList());
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
