package dev.berth.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
        // Without a top-level name: v1 predates it. Both get the project name from -p.
        Path file = GeneratedCompose.writeWithoutName(dir, services);
        List<String> berth = BenchProcesses.berthCommand();
        berth.addAll(List.of("-p", "bench", "config", "-q", "-f", file.toString()));
        List<String> v1 = List.of("docker-compose", "-p", "bench", "-f", file.toString(), "config", "-q");

        System.out.printf("config -q on %d services (%s), %d runs each, median wall time%n", services, file, runs);
        System.out.println("berth: " + String.join(" ", berth));
        double berthMs = median(berth, runs, dir);
        System.out.printf("  berth config -q           %8.0f ms%n", berthMs);
        double v1Ms = median(v1, runs, dir);
        System.out.printf("  docker-compose config -q  %8.0f ms%n", v1Ms);
        System.out.printf("  berth is %.1fx faster%n", v1Ms / berthMs);
    }

    private static double median(List<String> command, int runs, Path dir) throws IOException, InterruptedException {
        BenchProcesses.timeMillis(command, dir);
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            times.add(BenchProcesses.timeMillis(command, dir));
        }
        return BenchProcesses.median(times);
    }
}
