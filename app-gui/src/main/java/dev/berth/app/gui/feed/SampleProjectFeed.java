package dev.berth.app.gui.feed;

import dev.berth.app.gui.containers.ContainerRow;
import dev.berth.app.gui.containers.PublishedPort;
import dev.berth.app.gui.graph.GraphEdge;
import dev.berth.app.gui.graph.GraphNode;
import dev.berth.app.gui.graph.ProjectGraph;
import dev.berth.app.gui.graph.ServiceState;
import dev.berth.app.gui.logs.LogLine;
import dev.berth.app.gui.stats.StatsSample;
import dev.berth.engine.compose.ContainerHealth;
import dev.berth.engine.compose.ContainerState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * DEMO DATA — a made-up project ("shop": proxy, web ×2, api, worker, db, cache, a finished migration job,
 * two networks, two volumes) that exercises every pane before the engine layer exists. It is only ever
 * used when Berth runs with {@code -Dberth.demo=true} (and by tests); the status bar says so. The real
 * engine feed implements the same {@link ProjectFeed} and replaces it.
 */
public final class SampleProjectFeed implements ProjectFeed {

    public static final String PROJECT = "shop";

    private record Service(String name, String image, int replicas, int port, int containerPort) {}

    private static final List<Service> SERVICES = List.of(
            new Service("proxy", "nginx:1.27-alpine", 1, 8080, 80),
            new Service("web", "shop/web:2.4.1", 2, 0, 0),
            new Service("api", "shop/api:2.4.1", 1, 8081, 8000),
            new Service("worker", "shop/worker:2.4.1", 1, 0, 0),
            new Service("db", "postgres:17", 1, 5432, 5432),
            new Service("cache", "redis:7.4", 1, 0, 0),
            new Service("migrate", "shop/api:2.4.1", 1, 0, 0));

    private final Clock clock;
    private final Random random = new Random(42);
    private final Map<String, ServiceState> states = new ConcurrentHashMap<>();
    private final Map<String, double[]> usage = new ConcurrentHashMap<>(); // container -> {cpu, mem}
    private volatile String selected;
    private volatile ProjectSink sink;
    private Thread thread;

    public SampleProjectFeed(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void start(ProjectSink target) {
        this.sink = target;
        target.engineStatus("Demo data (berth.demo=true) — not connected to an engine");
        target.projects(List.of(new ProjectSummary(PROJECT, 0, SERVICES.size(), false, "demo"),
                new ProjectSummary("blog", 2, 2, false, "demo")));
        SERVICES.forEach(s -> states.put(s.name(), ServiceState.NOT_CREATED));
        target.graph(graph());
        backfill(target);
        thread = Thread.ofVirtual().name("berth-demo-feed").start(this::run);
    }

    @Override
    public void selectionChanged(String service) {
        selected = service;
        ProjectSink target = sink;
        if (target != null && service != null && SERVICES.stream().anyMatch(s -> s.name().equals(service))) {
            String container = containerNames(service).getFirst();
            target.inspect(container, inspectJson(service, container));
            target.processes(container, List.of("PID", "USER", "TIME", "COMMAND"), processes(service));
        }
    }

    @Override
    public void close() {
        if (thread != null) {
            thread.interrupt();
        }
    }

    static ProjectGraph graph() {
        List<GraphNode> nodes = new ArrayList<>();
        for (Service s : SERVICES) {
            nodes.add(GraphNode.service(s.name(), ServiceState.NOT_CREATED, "0/" + s.replicas()));
        }
        nodes.add(GraphNode.network("frontend"));
        nodes.add(GraphNode.network("backend"));
        nodes.add(GraphNode.volume("db-data"));
        nodes.add(GraphNode.volume("uploads"));
        List<GraphEdge> edges = List.of(
                new GraphEdge("proxy", "web", "service_started"),
                new GraphEdge("proxy", "api", "service_healthy"),
                new GraphEdge("web", "api", "service_healthy"),
                new GraphEdge("api", "db", "service_healthy"),
                new GraphEdge("api", "cache", "service_started"),
                new GraphEdge("api", "migrate", "service_completed_successfully"),
                new GraphEdge("migrate", "db", "service_healthy"),
                new GraphEdge("worker", "db", "service_healthy"),
                new GraphEdge("worker", "cache", "service_started"),
                new GraphEdge("proxy", "network:frontend", null),
                new GraphEdge("web", "network:frontend", null),
                new GraphEdge("api", "network:backend", null),
                new GraphEdge("worker", "network:backend", null),
                new GraphEdge("db", "network:backend", null),
                new GraphEdge("cache", "network:backend", null),
                new GraphEdge("db", "volume:db-data", null),
                new GraphEdge("web", "volume:uploads", null));
        return new ProjectGraph(nodes, edges);
    }

    /** Five minutes of stats and a screenful of logs "from before", so the panes open populated. */
    private void backfill(ProjectSink target) {
        Instant now = clock.instant();
        for (int second = 300; second > 0; second--) {
            Instant at = now.minusSeconds(second);
            for (String container : runningContainers()) {
                target.stats(sample(container, at));
            }
        }
        for (int i = 0; i < 120; i++) {
            target.logLine(logLine(now.minusMillis((120 - i) * 250L)));
        }
    }

    private void run() {
        try {
            // Start-up in dependency order, like `up` would show it.
            step(List.of("db", "cache"), ServiceState.STARTING);
            step(List.of("db"), ServiceState.HEALTHY);
            step(List.of("cache"), ServiceState.RUNNING);
            step(List.of("migrate"), ServiceState.RUNNING);
            step(List.of("migrate"), ServiceState.exited(0));
            step(List.of("api", "worker"), ServiceState.STARTING);
            step(List.of("api"), ServiceState.HEALTHY);
            step(List.of("worker"), ServiceState.RUNNING);
            step(List.of("web", "proxy"), ServiceState.RUNNING);
            long tick = 0;
            while (!Thread.currentThread().isInterrupted()) {
                Instant now = clock.instant();
                ProjectSink target = sink;
                for (int i = 0; i < 4; i++) {
                    target.logLine(logLine(now));
                }
                if (tick % 4 == 0) {
                    for (String container : runningContainers()) {
                        target.stats(sample(container, now));
                    }
                    target.containers(containers(now));
                    if (selected != null) {
                        selectionChanged(selected);
                    }
                }
                if (tick % 60 == 30) {
                    flip("worker", ServiceState.RESTARTING);
                } else if (tick % 60 == 38) {
                    flip("worker", ServiceState.RUNNING);
                }
                tick++;
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void step(List<String> services, ServiceState state) throws InterruptedException {
        services.forEach(service -> flip(service, state));
        sink.containers(containers(clock.instant()));
        Thread.sleep(350);
    }

    private void flip(String service, ServiceState state) {
        states.put(service, state);
        int replicas = replicas(service);
        boolean up = state.kind() == ServiceState.Kind.RUNNING || state.kind() == ServiceState.Kind.HEALTHY;
        sink.serviceState(service, state, (up ? replicas : 0) + "/" + replicas);
        long running = SERVICES.stream().filter(s -> {
            ServiceState st = states.get(s.name());
            return st.kind() == ServiceState.Kind.RUNNING || st.kind() == ServiceState.Kind.HEALTHY;
        }).count();
        sink.projects(List.of(new ProjectSummary(PROJECT, (int) running, SERVICES.size() - 1, false, "demo"),
                new ProjectSummary("blog", 2, 2, false, "demo")));
    }

    private static int replicas(String service) {
        return SERVICES.stream().filter(s -> s.name().equals(service)).findFirst().map(Service::replicas).orElse(1);
    }

    private static List<String> containerNames(String service) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= replicas(service); i++) {
            names.add(PROJECT + "-" + service + "-" + i);
        }
        return names;
    }

    private static List<String> runningContainers() {
        List<String> names = new ArrayList<>();
        SERVICES.stream().filter(s -> !s.name().equals("migrate")).forEach(s -> names.addAll(containerNames(s.name())));
        return names;
    }

    private StatsSample sample(String container, Instant at) {
        double[] u = usage.computeIfAbsent(container, c -> new double[] {2 + random.nextDouble() * 8, 40e6 + random.nextDouble() * 200e6, 0, 0});
        u[0] = Math.max(0.2, Math.min(180, u[0] + random.nextGaussian() * 2.5 + (container.contains("worker") && random.nextInt(20) == 0 ? 60 : 0)));
        if (u[0] > 50) {
            u[0] *= 0.7; // spikes fade
        }
        u[1] = Math.max(10e6, u[1] + random.nextGaussian() * 2e6);
        u[2] += 2_000 + random.nextInt(30_000);
        u[3] += random.nextInt(8_000);
        return new StatsSample(container, at, u[0], (long) u[1], 512L * 1024 * 1024, (long) u[2], (long) (u[2] * 0.6), (long) u[3] * 4, (long) u[3]);
    }

    private List<ContainerRow> containers(Instant now) {
        List<ContainerRow> rows = new ArrayList<>();
        for (Service s : SERVICES) {
            ServiceState state = states.getOrDefault(s.name(), ServiceState.NOT_CREATED);
            if (state.kind() == ServiceState.Kind.NOT_CREATED) {
                continue;
            }
            for (String name : containerNames(s.name())) {
                ContainerState engineState = switch (state.kind()) {
                    case EXITED -> ContainerState.EXITED;
                    case RESTARTING -> ContainerState.RESTARTING;
                    case CREATED -> ContainerState.CREATED;
                    case PAUSED -> ContainerState.PAUSED;
                    default -> ContainerState.RUNNING;
                };
                ContainerHealth health = switch (state.kind()) {
                    case HEALTHY -> ContainerHealth.HEALTHY;
                    case UNHEALTHY -> ContainerHealth.UNHEALTHY;
                    case STARTING -> s.name().equals("api") || s.name().equals("db") ? ContainerHealth.STARTING : ContainerHealth.NONE;
                    default -> ContainerHealth.NONE;
                };
                List<PublishedPort> ports = s.port() > 0 ? List.of(new PublishedPort("0.0.0.0", s.port(), s.containerPort(), "tcp")) : List.of();
                double[] u = usage.getOrDefault(name, new double[] {0, 0});
                boolean running = engineState == ContainerState.RUNNING;
                rows.add(new ContainerRow(Integer.toHexString(name.hashCode()) + "a1b2", name, s.name(), engineState, health, s.image(), ports,
                        running ? now.minus(Duration.ofMinutes(42)) : null, running ? u[0] : 0, running ? (long) u[1] : 0, 512L * 1024 * 1024));
            }
        }
        return rows;
    }

    private static final String[] PATHS = {"/", "/api/products", "/api/cart", "/api/orders/1042", "/static/app.js", "/health"};

    private LogLine logLine(Instant at) {
        int pick = random.nextInt(100);
        String source;
        String text;
        LogLine.Stream stream = LogLine.Stream.STDOUT;
        if (pick < 30) {
            source = "proxy";
            String path = PATHS[random.nextInt(PATHS.length)];
            int status = random.nextInt(30) == 0 ? 502 : 200;
            text = "172.18.0.1 - - \"GET " + path + " HTTP/1.1\" " + (status == 200 ? "\u001b[32m200\u001b[0m" : "\u001b[31m502\u001b[0m")
                    + " " + (200 + random.nextInt(4000)) + " \"Mozilla/5.0\"";
        } else if (pick < 55) {
            source = "api";
            text = random.nextInt(12) == 0
                    ? "\u001b[33mWARN \u001b[0m slow query (" + (150 + random.nextInt(400)) + " ms): SELECT * FROM orders WHERE customer_id = $1"
                    : "\u001b[36mINFO \u001b[0m " + PATHS[random.nextInt(PATHS.length)] + " handled in " + (2 + random.nextInt(40)) + " ms";
        } else if (pick < 70) {
            source = "worker";
            if (random.nextInt(10) == 0) {
                stream = LogLine.Stream.STDERR;
                text = "\u001b[1;31mERROR\u001b[0m job send-receipt#" + random.nextInt(9999) + " failed: SMTP timeout, retrying in 30s";
            } else {
                text = "\u001b[36mINFO \u001b[0m processed job resize-image#" + random.nextInt(9999) + " in " + (20 + random.nextInt(300)) + " ms";
            }
        } else if (pick < 82) {
            source = "web";
            text = "\u001b[2m[next]\u001b[0m rendered /products in " + (8 + random.nextInt(60)) + " ms (cache " + (random.nextBoolean() ? "hit" : "miss") + ")";
        } else if (pick < 92) {
            source = "db";
            text = "LOG:  checkpoint complete: wrote " + random.nextInt(300) + " buffers (" + String.format("%.1f", random.nextDouble() * 2) + "%)";
        } else {
            source = "cache";
            text = "1:M " + "* " + (random.nextInt(100) + 1) + " changes in 300 seconds. Saving...";
        }
        return new LogLine(source, at, stream, text);
    }

    private static List<List<String>> processes(String service) {
        return switch (service) {
            case "db" -> List.of(List.of("1", "postgres", "0:03", "postgres"), List.of("27", "postgres", "0:00", "postgres: checkpointer"),
                    List.of("28", "postgres", "0:00", "postgres: background writer"), List.of("30", "postgres", "0:01", "postgres: walwriter"),
                    List.of("112", "postgres", "0:02", "postgres: shop shop 172.19.0.5(40312) idle"));
            case "proxy" -> List.of(List.of("1", "root", "0:00", "nginx: master process nginx -g daemon off;"),
                    List.of("29", "nginx", "0:01", "nginx: worker process"), List.of("30", "nginx", "0:01", "nginx: worker process"));
            case "cache" -> List.of(List.of("1", "redis", "0:04", "redis-server *:6379"));
            default -> List.of(List.of("1", "app", "0:12", "/usr/local/bin/" + service + " --config /etc/shop/" + service + ".toml"),
                    List.of("14", "app", "0:00", "/usr/local/bin/healthcheck --interval 10s"));
        };
    }

    private static Map<String, Object> inspectJson(String service, String container) {
        Service s = SERVICES.stream().filter(x -> x.name().equals(service)).findFirst().orElseThrow();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("Id", Integer.toHexString(container.hashCode()) + "9f8e7d6c5b4a39281706f5e4d3c2b1a0");
        json.put("Name", "/" + container);
        json.put("Created", "2026-11-23T09:12:44.512Z");
        json.put("State", Map.of("Status", "running", "Running", true, "Pid", 4242, "ExitCode", 0, "StartedAt", "2026-11-23T09:12:45.103Z",
                "Health", Map.of("Status", "healthy", "FailingStreak", 0)));
        json.put("Image", "sha256:5f1e0a9c2d7b");
        json.put("RestartCount", 0);
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put("com.docker.compose.project", PROJECT);
        labels.put("com.docker.compose.service", service);
        labels.put("com.docker.compose.container-number", "1");
        labels.put("com.docker.compose.config-hash", "9c1f3e2a7b");
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("Hostname", service);
        config.put("Image", s.image());
        config.put("Env", List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin", "SHOP_ENV=production", "DATABASE_URL=postgres://shop@db/shop"));
        config.put("Cmd", List.of("/usr/local/bin/" + service));
        config.put("Labels", labels);
        json.put("Config", config);
        json.put("Mounts", service.equals("db")
                ? List.of(Map.of("Type", "volume", "Name", PROJECT + "_db-data", "Destination", "/var/lib/postgresql/data", "RW", true))
                : List.of());
        Map<String, Object> ports = new LinkedHashMap<>();
        if (s.port() > 0) {
            ports.put(s.containerPort() + "/tcp", List.of(Map.of("HostIp", "0.0.0.0", "HostPort", String.valueOf(s.port()))));
        }
        json.put("NetworkSettings", Map.of("Ports", ports, "Networks",
                Map.of(PROJECT + "_backend", Map.of("IPAddress", "172.19.0." + (2 + Math.abs(service.hashCode() % 200)), "Aliases", List.of(service)))));
        json.put("HostConfig", Map.of("RestartPolicy", Map.of("Name", "unless-stopped", "MaximumRetryCount", 0), "Memory", 536870912L));
        return json;
    }
}
