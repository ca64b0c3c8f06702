package dev.berth.bench;

import dev.berth.engine.api.ContainersApi;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EngineEndpoint;
import dev.berth.testkit.PrivateEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Issue 17 fault 8, scale: 1,450 containers in ten Compose projects (one of 1,000) on a private engine of
 * this run's own (its own network namespace and data root, so the shared engine is not slowed down), then
 * side by side in one run, as whole processes, interleaved round by round, medians printed:
 * {@code berth ls}, {@code berth -p X ps -a} against docker-compose v1's {@code ps} and the docker CLI's
 * {@code ps -a}; the window on that engine ({@link ScaleWindowBench}: sidebar, the 1,000-row containers tab,
 * events, an event storm, scrolling, FX pulse gaps); a 200-service compose file ({@link GraphBench}:
 * {@code config} and {@code up --dry-run} against v1's {@code config}, the graph's load, layout and pulses).
 * Run as root under Xvfb: {@code xvfb-run -a -s "-screen 0 1440x900x24" benchmarks/run ScaleBench [rounds] [cli,gui,graph]}.
 */
public final class ScaleBench {

    private ScaleBench() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Set<String> phases = Set.of((args.length > 1 ? args[1] : "cli,gui,graph").split(","));
        Path work = Files.createTempDirectory("berth-scale-");
        System.out.println("load average at start: " + loadAverage());
        try (PrivateEngine engine = PrivateEngine.start()) {
            engine.loadImage(ScaleProjects.IMAGE);
            Map<String, String> env = Map.of("DOCKER_HOST", engine.host());
            try (EngineClient client = EngineClient.connect(new EngineEndpoint.Unix(engine.socket()))) {
                long t0 = System.nanoTime();
                List<ScaleProjects.Made> made = ScaleProjects.create(client, work, ScaleProjects.shapes());
                long running = client.containers().list(ContainersApi.ListOptions.running()).size();
                System.out.printf("made %d containers in %d projects (%d running) in %.0f s; load average %s%n", made.size(),
                        ScaleProjects.shapes().size(), running, (System.nanoTime() - t0) / 1e9, loadAverage());
                System.out.println(EngineMemory.describe(engine));
                if (phases.contains("cli")) {
                    cli(rounds, work, env);
                }
                if (phases.contains("gui")) {
                    ScaleWindowBench.run(engine, client, made);
                    System.out.println(EngineMemory.describe(engine));
                }
                if (phases.contains("graph")) {
                    GraphBench.run(engine, work, env, rounds, phases.contains("gui"));
                }
            }
        } finally {
            ScaleWindowBench.exit();
        }
    }

    /** The listing commands, every tool once per round in turn (so machine noise hits all alike). */
    private static void cli(int rounds, Path work, Map<String, String> env) throws IOException, InterruptedException {
        List<String> berth = BenchProcesses.berthCommand();
        System.out.println("berth: " + String.join(" ", berth));
        Map<String, List<String>> commands = new LinkedHashMap<>();
        commands.put("berth ls", BenchProcesses.concat(berth, "ls"));
        commands.put("berth ls -a", BenchProcesses.concat(berth, "ls", "-a"));
        commands.put("docker ps -a (all 1,450)", List.of("docker", "ps", "-a"));
        commands.put("berth -p scale-big ps -a (1,000)", BenchProcesses.concat(berth, "-p", ScaleProjects.BIG, "ps", "-a"));
        commands.put("docker-compose v1 -p scale-big ps (1,000)", List.of("docker-compose", "-p", ScaleProjects.BIG, "-f",
                ScaleProjects.composeFileOf(work, ScaleProjects.BIG).toString(), "ps"));
        commands.put("docker ps -a --filter label=…=scale-big", List.of("docker", "ps", "-a", "--filter",
                "label=com.docker.compose.project=" + ScaleProjects.BIG));
        commands.put("berth -p scale-p1 ps -a (50)", BenchProcesses.concat(berth, "-p", "scale-p1", "ps", "-a"));
        commands.put("docker-compose v1 -p scale-p1 ps (50)", List.of("docker-compose", "-p", "scale-p1", "-f",
                ScaleProjects.composeFileOf(work, "scale-p1").toString(), "ps"));
        commands.put("docker ps -a --filter label=…=scale-p1", List.of("docker", "ps", "-a", "--filter",
                "label=com.docker.compose.project=scale-p1"));
        Map<String, List<Double>> times = new LinkedHashMap<>();
        commands.keySet().forEach(name -> times.put(name, new ArrayList<>()));
        for (int round = -1; round < rounds; round++) { // round -1 warms the page cache and the engine, unmeasured
            for (var entry : commands.entrySet()) {
                double ms;
                try {
                    ms = BenchProcesses.timeMillis(entry.getValue(), work, env);
                } catch (IOException failed) {
                    System.err.println("  " + entry.getKey() + " failed: " + failed.getMessage().lines().findFirst().orElse(""));
                    ms = Double.NaN;
                }
                if (round >= 0) {
                    times.get(entry.getKey()).add(ms);
                }
            }
        }
        System.out.printf("%nlisting commands, wall time of the whole process, median of %d rounds (load average now %s)%n", rounds, loadAverage());
        times.forEach((name, list) -> System.out.printf("  %-45s %8.0f ms   runs %s%n", name, BenchProcesses.median(list),
                list.stream().map(Math::round).toList()));
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip().split(" ", 4)[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
