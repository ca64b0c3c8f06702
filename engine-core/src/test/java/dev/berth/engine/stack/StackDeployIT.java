package dev.berth.engine.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.compose.ComposeLoader;
import dev.berth.compose.LoadResult;
import dev.berth.compose.ProjectOptions;
import dev.berth.engine.api.ContainersApi;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.api.Filters;
import dev.berth.engine.stack.StackPlan.Action;
import dev.berth.engine.stack.StackPlan.ServiceStep;
import dev.berth.engine.stream.EngineStream;
import dev.berth.engine.stream.OutputLine;
import dev.berth.engine.swarm.ServiceLogLine;
import dev.berth.engine.swarm.Swarm;
import dev.berth.engine.swarm.SwarmService;
import dev.berth.engine.swarm.SwarmTask;
import dev.berth.testkit.RequiresEngine;
import dev.berth.testkit.TestEngine;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A stack on this machine's engine made a single-node swarm for the length of the class (it leaves the swarm
 * afterwards, also when a step fails). The steps build on each other: deploy, re-deploy unchanged, a rolling
 * update, a failing update rolled back, scale, the docker CLI's view, remove.
 *
 * <p>This kernel has no IPVS, so the routing mesh and virtual IPs do not work here: services use
 * {@code endpoint_mode: dnsrr} (DNS answers with the task addresses) and the published port is {@code mode: host}.
 */
@RequiresEngine
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StackDeployIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final String STACK = "berthit" + RUN;
    private static final String IMAGE_V2 = "berth-test/busybox:stack-" + RUN;

    private static EngineClient client;
    private static SwarmSession session;
    private static Swarm swarm;
    private static Path dir;
    private static int port;

    @BeforeAll
    static void makeSwarm() throws IOException {
        client = EngineClient.connect(new EngineEndpoint.Unix(TestEngine.socket()));
        session = new SwarmSession(client);
        swarm = session.swarm();
        client.images().tag(TestEngine.BUSYBOX_IMAGE, IMAGE_V2);
        dir = Files.createTempDirectory("berth-stack");
        Files.writeString(dir.resolve("x.txt"), "SECRET-" + RUN + "\n");
        Files.writeString(dir.resolve("app.conf"), "CONFIG-" + RUN);
        Files.writeString(dir.resolve("index.html"), "PAGE-OK-" + RUN);
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        writeCompose(TestEngine.BUSYBOX_IMAGE, "httpd");
    }

    @AfterAll
    static void leaveSwarm() {
        try {
            for (String stack : List.of(STACK, STACK + "cli")) {
                if (session != null && !new Stacks(client).services(stack).isEmpty()) {
                    new Stacks(client).remove(stack, Duration.ofSeconds(30), line -> { });
                }
            }
        } finally {
            try {
                if (session != null) {
                    session.close();
                }
            } finally {
                client.images().remove(IMAGE_V2, false, false);
                client.close();
            }
        }
    }

    /** {@code apiServer}: the program api runs (httpd, or a command that fails at once). */
    private static void writeCompose(String apiImage, String apiServer) throws IOException {
        String server = apiServer.equals("httpd") ? "exec httpd -f -p 80 -h /etc" : "echo failing; exit 3";
        Files.writeString(dir.resolve("compose.yaml"), """
                services:
                  api:
                    image: %s
                    command: ["sh", "-c", "cat /run/secrets/x; cat /etc/app.conf; echo; %s"]
                    stop_grace_period: 1s
                    secrets: [x]
                    configs:
                      - source: app
                        target: /etc/app.conf
                    deploy:
                      replicas: 3
                      endpoint_mode: dnsrr
                      update_config:
                        parallelism: 1
                        order: start-first
                        delay: 500ms
                        monitor: 2s
                        failure_action: rollback
                      rollback_config:
                        parallelism: 0
                        monitor: 1s
                  front:
                    image: %s
                    command: ["httpd", "-f", "-p", "80", "-h", "/www"]
                    stop_grace_period: 1s
                    configs:
                      - source: page
                        target: /www/index.html
                    ports:
                      - target: 80
                        published: %d
                        mode: host
                    deploy:
                      endpoint_mode: dnsrr
                  client:
                    image: %s
                    command: ["sh", "-c", 'until printf "GET / HTTP/1.0\\r\\n\\r\\n" | nc -w 2 front 80 | grep -q PAGE-OK; do sleep 0.3; done; echo DNS-OK; exec sleep 3600']
                    stop_grace_period: 1s
                    deploy:
                      endpoint_mode: dnsrr
                secrets:
                  x:
                    file: ./x.txt
                configs:
                  app:
                    file: ./app.conf
                  page:
                    file: ./index.html
                """.formatted(apiImage, server, TestEngine.BUSYBOX_IMAGE, port, TestEngine.BUSYBOX_IMAGE));
    }

    private static StackSpec load() {
        LoadResult loaded = ComposeLoader.load(ProjectOptions.ofFiles(dir.resolve("compose.yaml")).withProjectName(STACK));
        assertThat(loaded.diagnostics()).noneMatch(d -> d.isError());
        return StackSpecMapper.map(loaded.project().orElseThrow(), STACK);
    }

    private static StackDeployer.Result deploy() {
        return new StackDeployer(client, line -> { }).deploy(load(), StackDeployer.Options.defaults());
    }

    private static SwarmService service(String key) {
        return swarm.services().inspect(STACK + "_" + key);
    }

    private static List<SwarmTask> running(String key) {
        return swarm.tasks().list(Filters.none().with("service", STACK + "_" + key).with("desired-state", "running")).stream()
                .filter(SwarmTask::running).toList();
    }

    @Test
    @Order(1)
    void deploysThreeServicesWithSecretConfigOverlayDnsAndAPublishedPort() throws Exception {
        StackDeployer.Result result = deploy();

        assertThat(result.plan().render()).contains("create network " + STACK + "_default", "create secret " + STACK + "_x",
                "create config " + STACK + "_app", "create service " + STACK + "_api", "create service " + STACK + "_front");
        // A local image has no registry digest: deployed as written, with the docker CLI's warning.
        assertThat(result.warnings()).anyMatch(w -> w.contains("could not be accessed on a registry to record its digest"));
        await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            assertThat(running("api")).hasSize(3);
            assertThat(running("front")).hasSize(1);
            assertThat(running("client")).hasSize(1);
        });
        assertThat(service("api").labels()).containsEntry(StackLabels.NAMESPACE, STACK)
                .containsEntry(StackLabels.IMAGE, TestEngine.BUSYBOX_IMAGE);
        assertThat(client.networks().inspect(STACK + "_default").driver()).isEqualTo("overlay");
        // The secret at /run/secrets/x and the config at its target, read back through the service's logs.
        await().atMost(20, TimeUnit.SECONDS).untilAsserted(() -> assertThat(logs("api")).anyMatch(l -> l.text().equals("SECRET-" + RUN))
                .anyMatch(l -> l.text().equals("CONFIG-" + RUN)).allMatch(l -> l.taskId() != null));
        // client found front by its name on the overlay network.
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(logs("client")).anyMatch(l -> l.text().equals("DNS-OK")));
        // The published port, reached from the host.
        await().atMost(20, TimeUnit.SECONDS).untilAsserted(() -> assertThat(get(port)).contains("PAGE-OK-" + RUN));
    }

    @Test
    @Order(2)
    void redeployingTheSameFileChangesNothing() {
        StackPlan plan = new StackDeployer(client, line -> { }).deploy(load(), new StackDeployer.Options(false,
                StackDeployer.ResolveImage.ALWAYS, true)).plan();

        assertThat(plan.services()).allSatisfy(step -> assertThat(step.action()).as(step.name() + " " + step.changes())
                .isEqualTo(Action.UNCHANGED));
        assertThat(plan.changesNothing()).isTrue();
    }

    @Test
    @Order(3)
    void aChangedImageTagRollsOutOneTaskAtATimeStartingTheNewOneFirst() throws Exception {
        writeCompose(IMAGE_V2, "httpd");
        long before = service("api").version();
        long front = service("front").version();
        TaskTimeline timeline = TaskTimeline.follow(swarm, STACK + "_api");

        StackDeployer.Result result = deploy();

        ServiceStep api = result.plan().services().stream().filter(s -> s.key().equals("api")).findFirst().orElseThrow();
        assertThat(api.action()).isEqualTo(Action.UPDATE);
        assertThat(api.changes()).extracting(StackPlan.FieldChange::field)
                .containsExactlyInAnyOrder("Labels.com.docker.stack.image", "TaskTemplate.ContainerSpec.Image");
        assertThat(result.plan().services()).filteredOn(s -> !s.key().equals("api")).allMatch(s -> s.action() == Action.UNCHANGED);
        assertThat(service("front").version()).as("front was not touched").isEqualTo(front);
        await().atMost(90, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(300))
                .until(() -> "completed".equals(service("api").updateState()));
        timeline.stop();
        assertThat(service("api").version()).isGreaterThan(before);

        List<TaskTimeline.Seen> fresh = timeline.withImage(IMAGE_V2);
        assertThat(fresh).hasSize(3);
        for (int i = 1; i < fresh.size(); i++) {
            assertThat(fresh.get(i).firstSeen()).as("parallelism 1: task %d starts after task %d runs", i + 1, i)
                    .isGreaterThanOrEqualTo(fresh.get(i - 1).firstRunning());
        }
        assertThat(timeline.fewestRunning()).as("start-first: never fewer than 3 running").isGreaterThanOrEqualTo(3);
        assertThat(running("api")).hasSize(3).allMatch(t -> t.image().startsWith(IMAGE_V2));
    }

    @Test
    @Order(4)
    void aFailingUpdateIsRolledBack() throws Exception {
        writeCompose(IMAGE_V2, "fail");

        StackDeployer.Result result = deploy();

        assertThat(result.plan().services()).filteredOn(s -> s.key().equals("api")).singleElement()
                .satisfies(s -> assertThat(s.changes()).extracting(StackPlan.FieldChange::field).contains("TaskTemplate.ContainerSpec.Args[2]"));
        await().atMost(90, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(300))
                .until(() -> "rollback_completed".equals(service("api").updateState()));
        assertThat(service("api").spec().path("TaskTemplate").path("ContainerSpec").path("Args").get(2).asString())
                .contains("exec httpd");
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(running("api")).hasSize(3));
        writeCompose(IMAGE_V2, "httpd");
    }

    @Test
    @Order(5)
    void scalesUpAndDown() {
        swarm.services().scale(STACK + "_api", 5);
        await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> assertThat(running("api")).hasSize(5));
        swarm.services().scale(STACK + "_api", 2);
        await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> assertThat(running("api")).hasSize(2));
        assertThat(service("api").replicas()).isEqualTo(2);
    }

    @Test
    @Order(6)
    void listsTheStackItsServicesAndTasks() {
        Stacks stacks = new Stacks(client);

        assertThat(stacks.list()).contains(new Stacks.ListedStack(STACK, 3));
        assertThat(stacks.services(STACK)).extracting(SwarmService::name)
                .containsExactly(STACK + "_api", STACK + "_client", STACK + "_front");
        List<Stacks.StackTask> tasks = stacks.tasks(STACK);
        assertThat(tasks).filteredOn(t -> t.task().running()).extracting(Stacks.StackTask::name)
                .contains(STACK + "_front.1", STACK + "_client.1");
        assertThat(tasks).allSatisfy(t -> assertThat(t.nodeName()).isNotEmpty());
        // the failed tasks of the rolled-back update are there with their error
        assertThat(tasks).anyMatch(t -> "failed".equals(t.task().state()) && t.task().error() != null);
    }

    @Test
    @Order(7)
    void theDockerCliSeesBerthsStackAndBerthRemovesOneTheDockerCliDeployed() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/docker")), "the docker CLI is not installed");
        assertThat(docker("stack", "ls", "--format", "{{.Name}} {{.Services}}")).contains(STACK + " 3");

        Path file = dir.resolve("cli.yaml");
        Files.writeString(file, """
                version: "3.8"
                services:
                  one:
                    image: %s
                    command: ["sleep", "3600"]
                    stop_grace_period: 1s
                    deploy:
                      replicas: 2
                """.formatted(TestEngine.BUSYBOX_IMAGE));
        docker("stack", "deploy", "--resolve-image", "never", "-c", file.toString(), STACK + "cli");
        Stacks stacks = new Stacks(client);
        assertThat(stacks.list()).contains(new Stacks.ListedStack(STACK + "cli", 1));
        // Berth's plan for the docker CLI's stack from the same file: nothing to change.
        Map<String, SwarmService> theirs = new LinkedHashMap<>();
        stacks.services(STACK + "cli").forEach(s -> theirs.put(s.name(), s));
        assertThat(theirs).containsKey(STACK + "cli_one");

        Stacks.Removed removed = stacks.remove(STACK + "cli", Duration.ofSeconds(60), line -> { });

        assertThat(removed.services()).containsExactly(STACK + "cli_one");
        assertThat(removed.networks()).containsExactly(STACK + "cli_default");
        assertThat(docker("stack", "ls", "--format", "{{.Name}}")).doesNotContain(STACK + "cli");
    }

    @Test
    @Order(8)
    void removingTheStackLeavesNothingOfIt() {
        Stacks.Removed removed = new Stacks(client).remove(STACK, Duration.ofSeconds(60), line -> { });

        assertThat(removed.services()).hasSize(3);
        assertThat(removed.networks()).containsExactly(STACK + "_default");
        assertThat(removed.secrets()).containsExactly(STACK + "_x");
        assertThat(removed.configs()).containsExactlyInAnyOrder(STACK + "_app", STACK + "_page");
        Filters ours = Stacks.ofStack(STACK);
        assertThat(swarm.services().list(ours)).isEmpty();
        assertThat(client.networks().list(ours)).isEmpty();
        assertThat(swarm.secrets().list(ours)).isEmpty();
        assertThat(swarm.configs().list(ours)).isEmpty();
        assertThat(client.containers().list(ContainersApi.ListOptions.allContainers().withFilters(ours))).isEmpty();
    }

    private static List<ServiceLogLine> logs(String key) {
        List<ServiceLogLine> lines = new ArrayList<>();
        try (EngineStream<OutputLine> stream = swarm.services().logs(STACK + "_" + key, false, null, false, false)) {
            for (OutputLine line : stream) {
                lines.add(ServiceLogLine.of(line));
            }
        }
        return lines;
    }

    private static String get(int port) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/").toURL().openConnection();
        connection.setConnectTimeout(2000);
        connection.setReadTimeout(2000);
        try (InputStream in = connection.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String docker(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker", "-H", "unix://" + TestEngine.socket()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("docker " + String.join(" ", args) + ":\n" + out).isZero();
        return out;
    }

    /** Polls a service's tasks every 100 ms while an update runs: when each was first seen, first running, and the fewest running. */
    static final class TaskTimeline {

        record Seen(String id, String image, long firstSeen, long firstRunning) {}

        private final Map<String, long[]> times = new LinkedHashMap<>();
        private final Map<String, String> images = new LinkedHashMap<>();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicInteger fewest = new AtomicInteger(Integer.MAX_VALUE);
        private Thread thread;

        static TaskTimeline follow(Swarm swarm, String service) {
            TaskTimeline timeline = new TaskTimeline();
            timeline.thread = Thread.ofVirtual().start(() -> {
                while (!timeline.stop.get()) {
                    timeline.sample(swarm.tasks().list(Filters.none().with("service", service)));
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            return timeline;
        }

        private synchronized void sample(List<SwarmTask> tasks) {
            long now = System.nanoTime();
            int running = 0;
            for (SwarmTask task : tasks) {
                long[] t = times.computeIfAbsent(task.id(), id -> new long[] {now, Long.MAX_VALUE});
                images.put(task.id(), task.image());
                if (task.running()) {
                    t[1] = Math.min(t[1], now);
                    running++;
                }
            }
            fewest.accumulateAndGet(running, Math::min);
        }

        void stop() throws InterruptedException {
            stop.set(true);
            thread.join();
        }

        int fewestRunning() {
            return fewest.get();
        }

        synchronized List<Seen> withImage(String image) {
            List<Seen> seen = new ArrayList<>();
            times.forEach((id, t) -> {
                if (images.get(id).startsWith(image)) {
                    seen.add(new Seen(id, images.get(id), t[0], t[1]));
                }
            });
            seen.sort(Comparator.comparingLong(Seen::firstSeen));
            return seen;
        }
    }
}
