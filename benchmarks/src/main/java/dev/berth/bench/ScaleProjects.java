package dev.berth.bench;

import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.model.ContainerConfig;
import dev.berth.engine.api.model.ContainerCreateRequest;
import dev.berth.engine.api.model.HostConfig;
import dev.berth.testkit.TestEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * The scale scenario's projects, made through Berth's own Engine API client on a private engine: one big
 * project ({@code scale-big}: 50 services × 20 replicas = 1,000 containers) and nine of 10 services × 5
 * replicas, all with the labels a Compose tool writes, so every tool lists them as Compose projects. Per
 * service: the first replicas run ({@code sleep}), the next ones ran and exited, the rest were only created
 * (the storm starts those). {@code network_mode: none}: the private engine has no bridge. Each project also
 * gets a compose file of its services, which docker-compose v1 needs before it lists anything.
 */
final class ScaleProjects {

    static final String BIG = "scale-big";
    static final String IMAGE = TestEngine.BUSYBOX_IMAGE;
    private static final int PARALLEL = 8;

    /** One project's shape: services × replicas, of which {@code running} and {@code exited} per service. */
    record Shape(String name, int services, int replicas, int running, int exited) {
        int containers() {
            return services * replicas;
        }
    }

    /** A container made here: its id, project, and whether it is (still) only created. */
    record Made(String id, String project, String name, boolean createdOnly) {}

    static List<Shape> shapes() {
        List<Shape> shapes = new ArrayList<>();
        shapes.add(new Shape(BIG, 50, 20, 2, 4));
        for (int p = 1; p <= 9; p++) {
            shapes.add(new Shape("scale-p" + p, 10, 5, 1, 1));
        }
        return shapes;
    }

    private ScaleProjects() {}

    /** Creates every project's containers (PARALLEL calls in flight) and writes {@code dir/<project>/compose.yaml}. */
    static List<Made> create(EngineClient engine, Path dir, List<Shape> shapes) throws Exception {
        List<Callable<Made>> calls = new ArrayList<>();
        for (Shape shape : shapes) {
            Path projectDir = Files.createDirectories(dir.resolve(shape.name()));
            Files.writeString(projectDir.resolve("compose.yaml"), composeFile(shape));
            for (int s = 0; s < shape.services(); s++) {
                String service = "s" + s;
                for (int r = 1; r <= shape.replicas(); r++) {
                    int replica = r;
                    boolean run = r <= shape.running();
                    boolean exit = !run && r <= shape.running() + shape.exited();
                    calls.add(() -> {
                        String name = shape.name() + "-" + service + "-" + replica;
                        String id = engine.containers().create(name,
                                request(shape.name(), service, replica, projectDir, exit ? List.of("true") : List.of("sleep", "86400"))).id();
                        if (run || exit) {
                            engine.containers().start(id);
                        }
                        return new Made(id, shape.name(), name, !run && !exit);
                    });
                }
            }
        }
        return runAll(calls);
    }

    /** Starts {@code containers} at once (PARALLEL in flight): the event storm. */
    static void startAll(EngineClient engine, List<Made> containers) throws Exception {
        List<Callable<Made>> calls = new ArrayList<>();
        for (Made made : containers) {
            calls.add(() -> {
                engine.containers().start(made.id());
                return made;
            });
        }
        runAll(calls);
    }

    private static <T> List<T> runAll(List<Callable<T>> calls) throws Exception {
        Semaphore inFlight = new Semaphore(PARALLEL);
        List<Future<T>> futures = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Callable<T> call : calls) {
                futures.add(threads.submit(() -> {
                    inFlight.acquire();
                    try {
                        return call.call();
                    } finally {
                        inFlight.release();
                    }
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }

    private static ContainerCreateRequest request(String project, String service, int replica, Path projectDir, List<String> command) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("com.docker.compose.project", project);
        labels.put("com.docker.compose.service", service);
        labels.put("com.docker.compose.container-number", Integer.toString(replica));
        labels.put("com.docker.compose.oneoff", "False");
        labels.put("com.docker.compose.project.working_dir", projectDir.toString());
        labels.put("com.docker.compose.project.config_files", projectDir.resolve("compose.yaml").toString());
        labels.put("com.docker.compose.version", "2.29.0");
        labels.put("com.docker.compose.image", IMAGE);
        return ContainerCreateRequest.builder()
                .config(ContainerConfig.builder().image(IMAGE).cmd(command).labels(labels).build())
                .hostConfig(HostConfig.builder().networkMode("none").build())
                .build();
    }

    /** The services of one project as a file docker-compose v1 reads (no top-level name: v1 predates it). */
    static String composeFile(Shape shape) {
        StringBuilder y = new StringBuilder("version: \"3.7\"\nservices:\n");
        for (int s = 0; s < shape.services(); s++) {
            y.append("  s").append(s).append(":\n    image: ").append(IMAGE).append("\n    command: [\"sleep\", \"86400\"]\n")
                    .append("    network_mode: none\n");
        }
        return y.toString();
    }

    static Path composeFileOf(Path dir, String project) throws IOException {
        return dir.resolve(project).resolve("compose.yaml");
    }
}
