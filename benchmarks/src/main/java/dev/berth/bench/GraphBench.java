package dev.berth.bench;

import dev.berth.app.gui.graph.ServiceGraphView;
import dev.berth.app.gui.graph.ServiceGraphViewModel;
import dev.berth.app.gui.main.ProjectPanes;
import dev.berth.testkit.PrivateEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import javafx.animation.AnimationTimer;
import javafx.scene.Scene;

/**
 * 200 services in one compose file, chains and fans of depends_on ({@link #services}): {@code berth config},
 * {@code berth config -q} and {@code berth up --dry-run} (the plan, against the private engine) beside
 * docker-compose v1's {@code config}; then the file opened in the window: load + layout until the graph has
 * 200 cards drawn, and pulse gaps while panning, zooming and selecting cards. Screenshots
 * {@code scale-graph-200.png} (fitted) and {@code scale-graph-200-zoomed.png}.
 */
final class GraphBench {

    static final int SERVICES = 200;

    private GraphBench() {}

    static void run(PrivateEngine engine, Path work, Map<String, String> env, int rounds, boolean window) throws Exception {
        Path dir = Files.createDirectories(work.resolve("graph200"));
        Path file = dir.resolve("compose.yaml");
        Files.writeString(file, services(SERVICES));
        cli(dir, file, env, rounds);
        if (window) {
            gui(file);
        }
    }

    private static void cli(Path dir, Path file, Map<String, String> env, int rounds) throws IOException, InterruptedException {
        List<String> berth = BenchProcesses.berthCommand();
        Map<String, List<String>> commands = new LinkedHashMap<>();
        commands.put("berth config", BenchProcesses.concat(berth, "-p", "graph200", "-f", file.toString(), "config"));
        commands.put("docker-compose v1 config", List.of("docker-compose", "-p", "graph200", "-f", file.toString(), "config"));
        commands.put("berth config -q", BenchProcesses.concat(berth, "-p", "graph200", "-f", file.toString(), "config", "-q"));
        commands.put("docker-compose v1 config -q", List.of("docker-compose", "-p", "graph200", "-f", file.toString(), "config", "-q"));
        commands.put("berth up --dry-run (plan, engine observed)", BenchProcesses.concat(berth, "-p", "graph200", "-f", file.toString(), "up", "--dry-run"));
        Map<String, List<Double>> times = new LinkedHashMap<>();
        commands.keySet().forEach(name -> times.put(name, new ArrayList<>()));
        for (int round = -1; round < rounds; round++) {
            for (var entry : commands.entrySet()) {
                double ms;
                try {
                    ms = BenchProcesses.timeMillis(entry.getValue(), dir, env);
                } catch (IOException failed) {
                    System.err.println("  " + entry.getKey() + " failed: " + failed.getMessage().lines().limit(3).toList());
                    ms = Double.NaN;
                }
                if (round >= 0) {
                    times.get(entry.getKey()).add(ms);
                }
            }
        }
        System.out.printf("%n%d services in one file (%d lines), wall time of the whole process, median of %d rounds (load average %s)%n",
                SERVICES, Files.readAllLines(file).size(), rounds, ScaleBench.loadAverage());
        times.forEach((name, list) -> System.out.printf("  %-45s %8.0f ms   runs %s%n", name, BenchProcesses.median(list),
                list.stream().map(Math::round).toList()));
    }

    private static void gui(Path file) throws Exception {
        Scene scene = ScaleWindowBench.stage().getScene();
        ProjectPanes panes = ScaleWindowBench.app().panes();
        ServiceGraphViewModel graph = panes.graph();
        FxPulses load = new FxPulses(scene).start();
        AtomicLong laidOut = new AtomicLong();
        long start = System.nanoTime();
        FxPulses.onFx(() -> {
            graph.layoutProperty().addListener((obs, old, layout) -> {
                if (layout != null && layout.placements().size() >= SERVICES) {
                    laidOut.compareAndSet(0, System.nanoTime());
                }
            });
            ScaleWindowBench.app().window().opened(file.toFile());
            return null;
        });
        FxPulses.waitUntil(120, "the 200-service graph laid out", () -> laidOut.get() != 0);
        long drawn = FxPulses.onFx(() -> FxPulses.nextPulse(scene)).get(10, TimeUnit.SECONDS);
        Thread.sleep(1_500);
        load.stop();
        System.out.printf("%nthe 200-service file opened in the window: laid out %.0f ms after the open, drawn %.0f ms; %s%n",
                ScaleWindowBench.ms(laidOut.get() - start), ScaleWindowBench.ms(drawn - start), load.summary());
        ServiceGraphView view = FxPulses.onFx(() -> (ServiceGraphView) scene.getRoot().lookup(".graph-view"));
        FxPulses.onFx(() -> {
            view.fit();
            return null;
        });
        Thread.sleep(1_000);
        ScaleWindowBench.screenshot(scene, "scale-graph-200");

        animate(scene, "pan (20 px a pulse, 120 pulses)", 120, i -> graph.panBy(i < 60 ? -20 : 20, i < 60 ? -8 : 8));
        animate(scene, "zoom at the centre (×1.03 / ÷1.03 a pulse, 120 pulses)", 120,
                i -> graph.zoomAt(i < 60 ? 1.03 : 1 / 1.03, 500, 200));
        List<String> ids = FxPulses.onFx(() -> graph.nodes().stream().map(n -> n.id()).toList());
        animate(scene, "select a card a pulse (100 cards)", 100, i -> graph.select(ids.get((i * 7) % ids.size())));
        FxPulses.onFx(() -> {
            graph.zoomAt(1.0 / graph.zoomProperty().get(), 0, 0); // 100 %: cards readable
            graph.select(ids.get(ids.size() / 2));
            return null;
        });
        Thread.sleep(1_000);
        ScaleWindowBench.screenshot(scene, "scale-graph-200-zoomed");
    }

    /** Runs {@code step} once a pulse, {@code pulses} times, and prints the pulse gaps meanwhile. */
    private static void animate(Scene scene, String what, int pulses, IntConsumer step) throws Exception {
        FxPulses probe = new FxPulses(scene).start();
        CountDownLatch done = new CountDownLatch(1);
        long start = System.nanoTime();
        FxPulses.onFx(() -> {
            new AnimationTimer() {
                int i;

                @Override
                public void handle(long now) {
                    step.accept(i++);
                    if (i == pulses) {
                        stop();
                        done.countDown();
                    }
                }
            }.start();
            return null;
        });
        done.await(120, TimeUnit.SECONDS);
        double elapsed = ScaleWindowBench.ms(System.nanoTime() - start);
        probe.stop();
        System.out.printf("  %-55s %5.0f ms; %s%n", what, elapsed, probe.summary());
    }

    /**
     * {@code n} services (n a multiple of 20): 10 base services (databases, caches); 10 chains of 8, each link
     * depending on the one before and the first on a base; 10 hubs depending on two bases each, and the rest
     * leaves fanning out of the hubs, every third one also depending on a chain's end (service_healthy on the
     * bases, which have a healthcheck).
     */
    static String services(int n) {
        int leaves = n - 10 - 80 - 10;
        StringBuilder y = new StringBuilder("services:\n");
        for (int b = 0; b < 10; b++) {
            service(y, (b < 5 ? "db" : "cache") + b, List.of(), true);
        }
        for (int c = 0; c < 10; c++) {
            for (int k = 1; k <= 8; k++) {
                String dependency = k == 1 ? base(c) + ":service_healthy" : "chain" + c + "-" + (k - 1) + ":service_started";
                service(y, "chain" + c + "-" + k, List.of(dependency), false);
            }
        }
        for (int h = 0; h < 10; h++) {
            service(y, "hub" + h, List.of(base(h) + ":service_healthy", base(h + 3) + ":service_healthy"), false);
        }
        for (int l = 0; l < leaves; l++) {
            List<String> on = new ArrayList<>(List.of("hub" + (l % 10) + ":service_started"));
            if (l % 3 == 0) {
                on.add("chain" + (l % 10) + "-8:service_started");
            }
            service(y, "leaf" + l, on, false);
        }
        return y.toString();
    }

    private static String base(int i) {
        int b = i % 10;
        return (b < 5 ? "db" : "cache") + b;
    }

    private static void service(StringBuilder y, String name, List<String> dependsOn, boolean healthcheck) {
        y.append("  ").append(name).append(":\n    image: ").append(ScaleProjects.IMAGE).append('\n')
                .append("    command: [\"sleep\", \"86400\"]\n    network_mode: none\n");
        if (healthcheck) {
            y.append("    healthcheck:\n      test: [\"CMD\", \"true\"]\n      interval: 5s\n");
        }
        if (!dependsOn.isEmpty()) {
            y.append("    depends_on:\n");
            for (String dependency : dependsOn) {
                String[] parts = dependency.split(":");
                y.append("      ").append(parts[0]).append(":\n        condition: ").append(parts[1]).append('\n');
            }
        }
    }
}
