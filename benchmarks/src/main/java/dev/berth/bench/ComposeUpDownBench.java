package dev.berth.bench;

import dev.berth.engine.api.ContainersApi.ListOptions;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.api.Filters;
import dev.berth.engine.api.model.ContainerConfig;
import dev.berth.engine.api.model.ContainerCreateRequest;
import dev.berth.engine.api.model.ContainerSummary;
import dev.berth.engine.api.model.EndpointSettings;
import dev.berth.engine.api.model.Healthcheck;
import dev.berth.engine.api.model.HostConfig;
import dev.berth.engine.api.model.NetworkCreateRequest;
import dev.berth.engine.api.model.NetworkingConfig;
import dev.berth.testkit.TestEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * {@code up -d} and {@code down} side by side on the same engine in one run: Berth's CLI and
 * {@code docker-compose} (v1) as whole processes, and a raw floor that issues the same create/start
 * (stop/remove) Engine API calls directly with 16 in flight. N busybox services that sleep (and stop at
 * once on SIGTERM), then a three-level chain gated by {@code service_healthy}. Rounds interleave the tools
 * so machine noise hits all of them alike; medians are printed.
 * Run: {@code benchmarks/run ComposeUpDownBench [runs] [sizes, e.g. 1,10,50,100] [chain runs]}.
 */
public final class ComposeUpDownBench {

    private static final String IMAGE = TestEngine.BUSYBOX_IMAGE;
    private static final int FLOOR_PARALLELISM = 16;
    /** Tool + file pairs that failed or hung once; later rounds skip them. */
    private static final Set<String> GAVE_UP = new HashSet<>();

    private ComposeUpDownBench() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        String sizes = args.length > 1 ? args[1] : "1,10,50,100";
        int chainRuns = args.length > 2 ? Integer.parseInt(args[2]) : runs;
        TestEngine.ensureAvailable();
        List<String> berth = BenchProcesses.berthCommand();
        System.out.println("berth: " + String.join(" ", berth));
        try (EngineClient engine = EngineClient.connect(new EngineEndpoint.Unix(TestEngine.socket()))) {
            System.out.printf("%-26s %12s %12s %12s %10s %10s%n", "scenario (median of " + runs + ")",
                    "raw floor", "berth", "compose v1", "berth/flr", "v1/berth");
            for (String size : sizes.split(",")) {
                int n = Integer.parseInt(size.trim());
                Path dir = Files.createTempDirectory("berth-updown-" + n + "-");
                Path file = dir.resolve("compose.yaml");
                Files.writeString(file, sleepers(n));
                Timings timings = new Timings();
                for (int round = 0; round < runs; round++) {
                    String suffix = n + "x" + round + "x" + ProcessHandle.current().pid();
                    floor(engine, n, "bfloor" + suffix, timings);
                    viaCli(berth, dir, file, "bberth" + suffix, timings.berthUp, timings.berthDown, engine);
                    viaCli(List.of("docker-compose"), dir, file, "bv1" + suffix, timings.v1Up, timings.v1Down, engine);
                }
                timings.print(n);
            }
            if (chainRuns > 0) {
                Path dir = Files.createTempDirectory("berth-chain-");
                Path file = dir.resolve("compose.yaml");
                Files.writeString(file, healthChain());
                List<Double> floorUp = new ArrayList<>();
                List<Double> berthUp = new ArrayList<>();
                List<Double> v1Up = new ArrayList<>();
                for (int round = 0; round < chainRuns; round++) {
                    String suffix = "x" + round + "x" + ProcessHandle.current().pid();
                    chainFloor(engine, "bchainfloor" + suffix, floorUp);
                    viaCli(berth, dir, file, "bchainberth" + suffix, berthUp, new ArrayList<>(), engine);
                    viaCli(List.of("docker-compose"), dir, file, "bchainv1" + suffix, v1Up, new ArrayList<>(), engine);
                }
                double f = BenchProcesses.median(floorUp);
                double b = BenchProcesses.median(berthUp);
                double v = BenchProcesses.median(v1Up);
                System.out.printf("%-26s %9.0f ms %9.0f ms %10.0f ms %9.2fx %9.2fx%s%n",
                        "up -d health chain (3)", f, b, v, b / f, v / b,
                        Timings.failures("berth", berthUp) + Timings.failures("v1", v1Up));
                System.out.printf("  health chain runs, ms: floor %s, berth %s, v1 %s; v1/floor %.2fx%n",
                        rounded(floorUp), rounded(berthUp), rounded(v1Up), v / f);
            }
        }
    }

    /** Up then down through a CLI process; whatever is left over is removed so the next round starts clean. */
    private static void viaCli(List<String> cli, Path dir, Path file, String project, List<Double> up, List<Double> down,
                               EngineClient engine) throws Exception {
        String attempt = cli.getFirst() + " " + file;
        if (GAVE_UP.contains(attempt)) { // it failed on this file before: one timeout per size is enough
            up.add(Double.NaN);
            down.add(Double.NaN);
            return;
        }
        try {
            up.add(BenchProcesses.timeMillis(BenchProcesses.concat(cli, "-f", file.toString(), "-p", project, "up", "-d"), dir));
            down.add(BenchProcesses.timeMillis(BenchProcesses.concat(cli, "-f", file.toString(), "-p", project, "down"), dir));
        } catch (IOException failed) {
            // A tool that fails or hangs is a result, not the end of the run: the row shows how often.
            System.err.println("  " + cli.getFirst() + " failed for " + project + ": " + failed.getMessage().lines().findFirst().orElse(""));
            up.add(Double.NaN);
            down.add(Double.NaN);
            GAVE_UP.add(attempt);
        } finally {
            cleanUp(engine, project);
        }
    }

    /** The same calls a Compose tool must make, with nothing else: network, then create+start each container, 16 at a time. */
    private static void floor(EngineClient engine, int n, String project, Timings timings) throws Exception {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            String network = project + "_default";
            long start = System.nanoTime();
            engine.networks().create(NetworkCreateRequest.builder().name(network)
                    .labels(Map.of("com.docker.compose.project", project, "com.docker.compose.network", "default")).build());
            List<Callable<Void>> creates = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String service = "s" + i;
                String name = project + "-" + service + "-1";
                creates.add(() -> {
                    String id = engine.containers().create(name, request(project, service, network, name)).id();
                    engine.containers().start(id);
                    return null;
                });
            }
            runAll(threads, creates);
            timings.floorUp.add((System.nanoTime() - start) / 1e6);

            start = System.nanoTime();
            List<Callable<Void>> removes = new ArrayList<>();
            for (ContainerSummary container : projectContainers(engine, project)) {
                removes.add(() -> {
                    engine.containers().stop(container.id(), Duration.ofSeconds(10));
                    engine.containers().remove(container.id(), false, false);
                    return null;
                });
            }
            runAll(threads, removes);
            removeNetwork(engine, network);
            timings.floorDown.add((System.nanoTime() - start) / 1e6);
        } finally {
            cleanUp(engine, project);
        }
    }

    /**
     * The health chain's floor: db, api, web created and started straight through the API, each as soon as
     * the one below reports healthy (its state polled every 10 ms, so the reaction costs nothing). No tool can
     * be faster than the engine here: Docker runs a container's first health check one interval after its start.
     */
    private static void chainFloor(EngineClient engine, String project, List<Double> times) throws Exception {
        String network = project + "_default";
        try {
            long start = System.nanoTime();
            engine.networks().create(NetworkCreateRequest.builder().name(network)
                    .labels(Map.of("com.docker.compose.project", project, "com.docker.compose.network", "default")).build());
            List<String> services = List.of("db", "api", "web");
            for (int i = 0; i < services.size(); i++) {
                String service = services.get(i);
                String name = project + "-" + service + "-1";
                ContainerCreateRequest plain = request(project, service, network, name);
                ContainerCreateRequest checked = ContainerCreateRequest.builder()
                        .config(plain.config().toBuilder().healthcheck(Healthcheck.builder()
                                .test(List.of("CMD", "true")).interval(1_000_000_000L).timeout(1_000_000_000L).retries(30).build()).build())
                        .hostConfig(plain.hostConfig()).networkingConfig(plain.networkingConfig()).build();
                String id = engine.containers().create(name, checked).id();
                engine.containers().start(id);
                if (i < services.size() - 1) {
                    awaitHealthy(engine, id);
                }
            }
            times.add((System.nanoTime() - start) / 1e6);
        } finally {
            cleanUp(engine, project);
        }
    }

    private static void awaitHealthy(EngineClient engine, String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            var state = engine.containers().inspect(id).state();
            if (state != null && state.health() != null && "healthy".equals(state.health().status())) {
                return;
            }
            sleep(10);
        }
        throw new IllegalStateException("not healthy in 60 s: " + id);
    }

    private static ContainerCreateRequest request(String project, String service, String network, String name) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("com.docker.compose.project", project);
        labels.put("com.docker.compose.service", service);
        labels.put("com.docker.compose.container-number", "1");
        labels.put("com.docker.compose.oneoff", "False");
        return ContainerCreateRequest.builder()
                .config(ContainerConfig.builder().image(IMAGE).cmd(SLEEPER_COMMAND).labels(labels).build())
                .hostConfig(HostConfig.builder().networkMode(network).build())
                .networkingConfig(new NetworkingConfig(Map.of(network,
                        EndpointSettings.builder().aliases(List.of(service, name)).build())))
                .build();
    }

    private static void runAll(ExecutorService threads, List<Callable<Void>> tasks) throws Exception {
        Semaphore inFlight = new Semaphore(FLOOR_PARALLELISM);
        List<Future<Void>> futures = new ArrayList<>();
        for (Callable<Void> task : tasks) {
            futures.add(threads.submit(() -> {
                inFlight.acquire();
                try {
                    return task.call();
                } finally {
                    inFlight.release();
                }
            }));
        }
        for (Future<Void> future : futures) {
            future.get();
        }
    }

    private static List<ContainerSummary> projectContainers(EngineClient engine, String project) {
        return engine.containers().list(ListOptions.allContainers()
                .withFilters(Filters.none().label("com.docker.compose.project=" + project)));
    }

    /** Best effort, never masking the failure that brought us here: force-removes the project's leftovers. */
    private static void cleanUp(EngineClient engine, String project) {
        for (ContainerSummary container : projectContainers(engine, project)) {
            try {
                engine.containers().remove(container.id(), true, false);
            } catch (RuntimeException e) {
                System.err.println("cleanup: " + e.getMessage());
            }
        }
        for (int attempt = 0; attempt < 10; attempt++) {
            var networks = engine.networks().list(Filters.none().label("com.docker.compose.project=" + project));
            if (networks.isEmpty()) {
                return;
            }
            for (var network : networks) {
                try {
                    engine.networks().remove(network.id());
                } catch (RuntimeException e) {
                    // The engine may still be detaching endpoints of containers removed a moment ago.
                    sleep(300);
                }
            }
        }
    }

    /** Like a Compose tool: retry while the engine is still detaching endpoints of just-removed containers. */
    private static void removeNetwork(EngineClient engine, String network) {
        for (int attempt = 1; ; attempt++) {
            try {
                engine.networks().remove(network);
                return;
            } catch (RuntimeException e) {
                if (attempt == 50) { // 5 s: a loaded engine detaches 50 endpoints slowly
                    throw e;
                }
                sleep(100);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** busybox sleep as PID 1 ignores SIGTERM; this shell exits on it, so down measures the tools, not a 10 s grace period. */
    private static final List<String> SLEEPER_COMMAND = List.of("sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait");

    static String sleepers(int n) {
        StringBuilder y = new StringBuilder("services:\n");
        for (int i = 0; i < n; i++) {
            y.append("  s").append(i).append(":\n    image: ").append(IMAGE).append('\n')
                    .append("    command: [\"sh\", \"-c\", \"trap 'exit 0' TERM; sleep 3600 & wait\"]\n");
        }
        return y.toString();
    }

    /** db ← api ← web, each gated on the one below being healthy; checks every second. */
    private static List<Long> rounded(List<Double> times) {
        return times.stream().map(Math::round).toList();
    }

    static String healthChain() {
        StringBuilder y = new StringBuilder("services:\n");
        String below = null;
        for (String service : List.of("db", "api", "web")) {
            y.append("  ").append(service).append(":\n    image: ").append(IMAGE).append('\n')
                    .append("    command: [\"sh\", \"-c\", \"trap 'exit 0' TERM; sleep 3600 & wait\"]\n")
                    .append("    healthcheck:\n      test: [\"CMD\", \"true\"]\n      interval: 1s\n      timeout: 1s\n      retries: 30\n");
            if (below != null) {
                y.append("    depends_on:\n      ").append(below).append(":\n        condition: service_healthy\n");
            }
            below = service;
        }
        return y.toString();
    }

    private static final class Timings {
        final List<Double> floorUp = new ArrayList<>();
        final List<Double> floorDown = new ArrayList<>();
        final List<Double> berthUp = new ArrayList<>();
        final List<Double> berthDown = new ArrayList<>();
        final List<Double> v1Up = new ArrayList<>();
        final List<Double> v1Down = new ArrayList<>();

        void print(int n) {
            row("up -d   N=" + n, floorUp, berthUp, v1Up);
            row("down    N=" + n, floorDown, berthDown, v1Down);
        }

        private static void row(String label, List<Double> floor, List<Double> berth, List<Double> v1) {
            double f = BenchProcesses.median(floor);
            double b = BenchProcesses.median(berth);
            double v = BenchProcesses.median(v1);
            System.out.printf("%-26s %9.0f ms %9.0f ms %9.0f ms %9.2fx %9.2fx%s%n", label, f, b, v, b / f, v / b,
                    failures("berth", berth) + failures("v1", v1));
        }

        private static String failures(String tool, List<Double> times) {
            long failed = times.stream().filter(t -> t.isNaN()).count();
            return failed == 0 ? "" : "  (" + tool + " failed " + failed + " of " + times.size() + ")";
        }
    }
}
