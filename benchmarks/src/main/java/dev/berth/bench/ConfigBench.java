package dev.berth.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code berth config -q} against {@code docker-compose config -q} on the same generated 500-service
 * file, as whole processes (JVM or Python start-up included), side by side in one run: median of N
 * runs each, after one unmeasured run of each. Berth runs through {@code ./berth} when the launcher's
 * distribution is built, otherwise as {@code java -cp <this classpath> dev.berth.app.Main} with the
 * launcher's JVM options. Run: {@code benchmarks/run ConfigBench [runs] [services]}.
 */
public final class ConfigBench {

    private ConfigBench() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int services = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        Path dir = Files.createTempDirectory("berth-config-bench");
        Path file = GeneratedCompose.write(dir, services);
        List<String> berth = berthCommand();
        berth.addAll(List.of("config", "-q", "-f", file.toString()));
        List<String> v1 = List.of("docker-compose", "-f", file.toString(), "config", "-q");

        System.out.printf("config -q on %d services (%s), %d runs each, median wall time%n", services, file, runs);
        System.out.println("berth: " + String.join(" ", berth));
        double berthMs = median(berth, runs, dir);
        System.out.printf("  berth config -q           %8.0f ms%n", berthMs);
        double v1Ms = median(v1, runs, dir);
        System.out.printf("  docker-compose config -q  %8.0f ms%n", v1Ms);
        System.out.printf("  berth is %.1fx faster%n", v1Ms / berthMs);
    }

    private static List<String> berthCommand() {
        Path launcher = Path.of("berth").toAbsolutePath();
        if (Files.isExecutable(launcher) && Files.isDirectory(Path.of("packaging/target/dist/lib"))) {
            return new ArrayList<>(List.of(launcher.toString()));
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ArrayList<>(List.of(java, "-XX:+UseG1GC", "-Xss1m",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "dev.berth.app.Main"));
    }

    private static double median(List<String> command, int runs, Path dir) throws IOException, InterruptedException {
        time(command, dir);
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            times.add(time(command, dir));
        }
        Collections.sort(times);
        return runs % 2 == 1 ? times.get(runs / 2) : (times.get(runs / 2 - 1) + times.get(runs / 2)) / 2;
    }

    private static double time(List<String> command, Path dir) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(new File(dir.toFile(), "stderr.txt"));
        long start = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        double ms = (System.nanoTime() - start) / 1e6;
        if (p.exitValue() != 0) {
            throw new IOException("failed (" + p.exitValue() + "): " + String.join(" ", command) + "\n"
                    + Files.readString(dir.resolve("stderr.txt")));
        }
        return ms;
    }
}
