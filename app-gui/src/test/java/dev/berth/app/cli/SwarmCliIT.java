package dev.berth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.app.cli.CliProject.Run;
import dev.berth.engine.api.ContainersApi;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.api.Filters;
import dev.berth.engine.stack.Stacks;
import dev.berth.engine.swarm.Swarm;
import dev.berth.engine.swarm.SwarmTask;
import dev.berth.testkit.RequiresEngine;
import dev.berth.testkit.TestEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The swarm commands in-process on this machine's engine, made a single-node swarm by {@code berth swarm init}
 * and left again by {@code berth swarm leave --force} (the last step; {@link #leaveSwarm} does it too when a step
 * failed first). Test JVMs share the engine, so the class holds the machine-wide swarm lock that engine-core's
 * {@code SwarmSession} holds, from init to leave. The steps build on each other.
 *
 * <p>This kernel has no IPVS (no routing mesh, no virtual IPs): services use {@code endpoint_mode: dnsrr} and
 * the published port is {@code mode: host}, as in engine-core's StackDeployIT.
 */
@RequiresEngine
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SwarmCliIT {

    /** The lock engine-core's SwarmSession takes (same path): one swarm test suite at a time on this engine. */
    private static final Path LOCK = Path.of(System.getProperty("java.io.tmpdir"), "berth-swarm-tests.lock");
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final String STACK = "berthcli" + RUN;
    private static final String THEIRS = STACK + "docker";
    private static final String IMAGE_V2 = "berth-test/busybox:swarmcli-" + RUN;
    private static final String H = CliProject.HOST;

    private static FileChannel lockFile;
    private static FileLock lock;
    private static EngineClient client;
    private static Swarm swarm;
    private static boolean created;
    private static boolean gatewayExisted;
    private static Path dir;
    private static int port;

    @BeforeAll
    static void lockTheSwarm() throws IOException {
        lockFile = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        lock = lockFile.lock();
        client = EngineClient.connect(new EngineEndpoint.Unix(TestEngine.socket()));
        swarm = new Swarm(client);
        gatewayExisted = !client.networks().list(Filters.none().name("docker_gwbridge")).isEmpty();
        client.images().tag(TestEngine.BUSYBOX_IMAGE, IMAGE_V2);
        dir = Files.createTempDirectory("berth-swarm-cli");
        Files.writeString(dir.resolve("x.txt"), "SECRET-" + RUN + "\n");
        Files.writeString(dir.resolve("app.conf"), "CONFIG-" + RUN);
        Files.writeString(dir.resolve("index.html"), "PAGE-OK-" + RUN);
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        writeCompose("");
    }

    @AfterAll
    static void leaveSwarm() throws IOException {
        try {
            if (swarm != null && swarm.swarm().state().active()) {
                for (String stack : List.of(STACK, THEIRS)) {
                    if (!new Stacks(client).services(stack).isEmpty()) {
                        new Stacks(client).remove(stack, Duration.ofSeconds(60), line -> { });
                    }
                }
                if (created) {
                    swarm.swarm().leave(true);
                }
            }
            if (created && !gatewayExisted) {
                try {
                    client.networks().remove("docker_gwbridge");
                } catch (RuntimeException e) {
                    // in use by a container someone else attached: leave it
                }
            }
        } finally {
            if (client != null) {
                client.images().remove(IMAGE_V2, false, false);
                client.close();
            }
            lock.release();
            lockFile.close();
        }
    }

    /** Three services: api (3 replicas, a secret, a config), front (a published port), client (finds front by name). */
    private static void writeCompose(String apiEnvironment) throws IOException {
        Files.writeString(dir.resolve("compose.yaml"), """
                services:
                  api:
                    image: %1$s
                    command: ["sh", "-c", "cat /run/secrets/x; cat /etc/app.conf; echo; exec httpd -f -p 80 -h /etc"]
                    stop_grace_period: 1s
                    environment:
                      MODE: "one%3$s"
                    secrets: [x]
                    configs:
                      - source: app
                        target: /etc/app.conf
                    networks: [backend]
                    deploy:
                      replicas: 3
                      endpoint_mode: dnsrr
                      update_config:
                        parallelism: 0
                        monitor: 1s
                      rollback_config:
                        parallelism: 0
                        monitor: 1s
                  front:
                    image: %1$s
                    command: ["httpd", "-f", "-p", "80", "-h", "/www"]
                    stop_grace_period: 1s
                    configs:
                      - source: page
                        target: /www/index.html
                    networks: [backend]
                    ports:
                      - target: 80
                        published: %2$d
                        mode: host
                    deploy:
                      endpoint_mode: dnsrr
                  client:
                    image: %1$s
                    command: ["sh", "-c", 'until printf "GET / HTTP/1.0\\r\\n\\r\\n" | nc -w 2 front 80 | grep -q PAGE-OK; do sleep 0.3; done; echo DNS-OK; exec sleep 3600']
                    stop_grace_period: 1s
                    depends_on: [front]
                    networks: [backend]
                    deploy:
                      endpoint_mode: dnsrr
                networks:
                  backend:
                    driver: overlay
                secrets:
                  x:
                    file: ./x.txt
                configs:
                  app:
                    file: ./app.conf
                  page:
                    file: ./index.html
                """.formatted(TestEngine.BUSYBOX_IMAGE, port, apiEnvironment));
    }

    private static Run berth(String... args) {
        List<String> all = new ArrayList<>(List.of("-H", H));
        all.addAll(List.of(args));
        return CliProject.raw(all.toArray(String[]::new));
    }

    private static Run ok(String... args) {
        Run run = berth(args);
        System.out.println("$ berth " + String.join(" ", args) + "\n" + run.out() + run.err()); // kept in the failsafe report
        assertThat(run.exitCode()).as("berth " + String.join(" ", args) + "\n" + run).isZero();
        return run;
    }

    private static List<SwarmTask> running(String key) {
        return swarm.tasks().list(Filters.none().with("service", STACK + "_" + key).with("desired-state", "running")).stream()
                .filter(SwarmTask::running).toList();
    }

    @Test
    @Order(1)
    void swarmInitStatusJoinTokenAndNodes() {
        if (swarm.swarm().state().active()) {
            // A swarm someone made outside the lock: use it, leave it alone.
            Run again = berth("swarm", "init", "--advertise-addr", "127.0.0.1");
            assertThat(again.exitCode()).isEqualTo(1);
            assertThat(again.err()).contains("already part of a swarm");
        } else {
            Run notYet = berth("stack", "ls");
            assertThat(notYet.exitCode()).isEqualTo(1);
            assertThat(notYet.err().strip()).isEqualTo("this engine is not in a swarm (state: inactive): run berth swarm init, or berth swarm join");
            Run deployNotYet = berth("stack", "deploy", "-c", dir.resolve("compose.yaml").toString(), STACK);
            assertThat(deployNotYet.exitCode()).isEqualTo(1);
            assertThat(deployNotYet.err()).endsWith("this engine is not in a swarm (state: inactive): run berth swarm init, or berth swarm join\n");
            Run init = ok("swarm", "init", "--advertise-addr", "127.0.0.1", "--listen-addr", "127.0.0.1:2377");
            created = true;
            assertThat(init.out()).startsWith("Swarm initialized: current node (").contains("is now a manager.")
                    .containsPattern("berth swarm join --token SWMTKN-\\S+ 127\\.0\\.0\\.1:2377");
            assertThat(berth("swarm", "init").err()).contains("already part of a swarm");
        }
        Run status = ok("swarm", "status");
        assertThat(status.out()).containsPattern("Swarm:\\s+active").containsPattern("Is Manager:\\s+true").containsPattern("Nodes:\\s+1");
        Run token = ok("swarm", "join-token", "-q", "worker");
        assertThat(token.out().strip()).isEqualTo(swarm.swarm().joinTokens().worker());
        assertThat(ok("swarm", "join-token", "manager").out()).contains("To add a manager to this swarm").contains(swarm.swarm().joinTokens().manager());

        Run nodes = ok("node", "ls");
        assertThat(nodes.out().lines().findFirst().orElseThrow()).containsPattern("ID\\s+HOSTNAME\\s+STATUS\\s+AVAILABILITY\\s+MANAGER STATUS\\s+ENGINE VERSION");
        String self = swarm.swarm().state().nodeId();
        assertThat(nodes.out()).containsPattern(self + " \\*\\s+\\S+\\s+Ready\\s+Active\\s+Leader\\s+20\\.");
        ok("node", "update", "--label-add", "zone=cli" + RUN, "--availability", "active", "self");
        assertThat(swarm.nodes().inspect(self).labels()).containsEntry("zone", "cli" + RUN);
        assertThat(ok("node", "inspect", "self").out()).contains("\"zone\" : \"cli" + RUN + "\"");
        ok("node", "update", "--label-rm", "zone", "self");
        assertThat(swarm.nodes().inspect(self).labels()).doesNotContainKey("zone");
        assertThat(berth("node", "update", "--label-rm", "zone", "self").err()).contains("has no label zone");
    }

    @Test
    @Order(2)
    void stackDeployWarnsWhatASwarmIgnoresThenRunsTheStack() throws Exception {
        Run deploy = ok("stack", "deploy", "-c", dir.resolve("compose.yaml").toString(), "--resolve-image", "never", STACK);

        // The warning with its position comes before the first change.
        assertThat(deploy.err()).containsPattern("compose\\.yaml:\\d+:\\d+: warning: depends_on is ignored by swarm");
        assertThat(deploy.out()).contains("Creating network " + STACK + "_backend", "Creating secret " + STACK + "_x",
                "Creating config " + STACK + "_app", "Creating service " + STACK + "_api", "Creating service " + STACK + "_front",
                "Creating service " + STACK + "_client");
        assertThat(client.networks().inspect(STACK + "_backend").driver()).isEqualTo("overlay");
        await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            assertThat(running("api")).hasSize(3);
            assertThat(running("front")).hasSize(1);
            assertThat(running("client")).hasSize(1);
        });
        // The published port, reached from the host; the secret and config, read back through the task-prefixed logs.
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(get(port)).contains("PAGE-OK-" + RUN));
        await().atMost(20, TimeUnit.SECONDS).untilAsserted(() -> assertThat(ok("service", "logs", STACK + "_api").out())
                .containsPattern(STACK + "_api\\.[123]\\.[0-9a-z]{12}@\\S+\\s+\\| SECRET-" + RUN)
                .containsPattern("\\| CONFIG-" + RUN));
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(ok("service", "logs", "--raw", STACK + "_client").out())
                .contains("DNS-OK"));
    }

    @Test
    @Order(3)
    void stackLsServicesAndPsAreTheDockerTables() throws Exception {
        Run ls = ok("stack", "ls");
        assertThat(ls.out().lines().findFirst().orElseThrow()).containsPattern("NAME\\s+SERVICES");
        assertThat(ls.out()).containsPattern("(?m)^" + STACK + "\\s+3$");

        await().atMost(20, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            Run services = ok("stack", "services", STACK);
            assertThat(services.out().lines().findFirst().orElseThrow()).containsPattern("ID\\s+NAME\\s+MODE\\s+REPLICAS\\s+IMAGE\\s+PORTS");
            assertThat(services.out()).containsPattern(STACK + "_api\\s+replicated\\s+3/3\\s+" + TestEngine.BUSYBOX_IMAGE)
                .containsPattern(STACK + "_front\\s+replicated\\s+1/1\\s+" + TestEngine.BUSYBOX_IMAGE + "\\s+\\*:" + port + "->80/tcp");
        });

        Run ps = ok("stack", "ps", STACK);
        assertThat(ps.out().lines().findFirst().orElseThrow())
                .containsPattern("ID\\s+NAME\\s+IMAGE\\s+NODE\\s+DESIRED STATE\\s+CURRENT STATE\\s+ERROR");
        assertThat(ps.out()).containsPattern(STACK + "_api\\.1\\s+" + TestEngine.BUSYBOX_IMAGE + "\\s+\\S+\\s+Running\\s+Running ")
                .contains(STACK + "_api.3", STACK + "_front.1", STACK + "_client.1");

        Run missing = berth("stack", "ps", STACK + "nope");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err().strip()).isEqualTo("Nothing found in stack: " + STACK + "nope");
        // The docker CLI lists Berth's stack.
        assertThat(docker("stack", "ls", "--format", "{{.Name}} {{.Services}}")).contains(STACK + " 3");
    }

    @Test
    @Order(4)
    void serviceLsScaleLogsUpdateAndRollback() throws InterruptedException {
        assertThat(ok("service", "ls").out()).containsPattern(STACK + "_api\\s+replicated\\s+3/3");
        Run bad = berth("service", "scale", STACK + "_api=x");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("invalid scale specifier");

        // service logs -f: the lines of a task started after it began come with that task's prefix.
        StringWriter followed = new StringWriter();
        AtomicInteger followExit = new AtomicInteger(-1);
        Thread follower = Thread.ofVirtual().start(() -> followExit.set(BerthCli.run(new PrintWriter(followed, true),
                new PrintWriter(new StringWriter(), true), "-H", H, "service", "logs", "-f", STACK + "_client")));
        await().atMost(20, TimeUnit.SECONDS).untilAsserted(() -> assertThat(followed.toString())
                .containsPattern(STACK + "_client\\.1\\.[0-9a-z]{12}@\\S+\\s+\\| DNS-OK"));
        ok("service", "scale", STACK + "_client=2");
        await().atMost(60, TimeUnit.SECONDS).untilAsserted(() -> assertThat(followed.toString())
                .containsPattern(STACK + "_client\\.2\\.[0-9a-z]{12}@\\S+\\s+\\| DNS-OK"));
        follower.interrupt();
        follower.join(10_000);
        assertThat(followExit).as("an interrupt ends logs -f").hasValue(130);
        System.out.println("$ berth service logs -f " + STACK + "_client\n" + followed);

        Run scale = ok("service", "scale", STACK + "_api=1", STACK + "_client=2");
        assertThat(scale.out()).contains(STACK + "_api scaled to 1", STACK + "_client scaled to 2");
        await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            assertThat(running("api")).hasSize(1);
            assertThat(running("client")).hasSize(2);
        });
        // The running count the engine reports catches up with the tasks a moment later.
        await().atMost(20, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                assertThat(ok("stack", "services", STACK).out()).containsPattern(STACK + "_api\\s+replicated\\s+1/1"));

        ok("service", "update", "--image", IMAGE_V2, STACK + "_api");
        await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                assertThat(running("api")).singleElement().satisfies(t -> assertThat(t.image()).isEqualTo(IMAGE_V2)));
        await().atMost(60, TimeUnit.SECONDS).until(() -> "completed".equals(swarm.services().inspect(STACK + "_api").updateState()));

        Run rollback = ok("service", "rollback", STACK + "_api");
        assertThat(rollback.out()).contains("rollback: manually requested rollback");
        await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                assertThat(running("api")).singleElement().satisfies(t -> assertThat(t.image()).isEqualTo(TestEngine.BUSYBOX_IMAGE)));
        ok("service", "scale", STACK + "_api=3", STACK + "_client=1");
        await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> assertThat(running("api")).hasSize(3));
    }

    @Test
    @Order(5)
    void dryRunOfAChangedFileSaysWhichFieldsAndChangesNothing() throws Exception {
        writeCompose("-changed");
        long version = swarm.services().inspect(STACK + "_api").version();

        // The project flag -f before the verb, as the project commands take it.
        Run dry = ok("-f", dir.resolve("compose.yaml").toString(), "stack", "deploy", "--dry-run", "--resolve-image", "never", STACK);

        assertThat(dry.out()).contains("Plan for stack " + STACK + ":").contains("update service " + STACK + "_api")
                .contains("TaskTemplate.ContainerSpec.Env").contains("MODE=one-changed")
                .contains("unchanged service " + STACK + "_front", "unchanged service " + STACK + "_client");
        assertThat(dry.out()).doesNotContain("Creating", "Updating");
        assertThat(swarm.services().inspect(STACK + "_api").version()).as("a dry run changes nothing").isEqualTo(version);
        writeCompose("");
    }

    @Test
    @Order(6)
    void aStackTheDockerCliDeployedIsListedAndRemovedByBerth() throws Exception {
        Path file = dir.resolve("theirs.yaml");
        Files.writeString(file, """
                version: "3.8"
                services:
                  one:
                    image: %s
                    command: ["sleep", "3600"]
                    stop_grace_period: 1s
                    deploy:
                      endpoint_mode: dnsrr
                """.formatted(TestEngine.BUSYBOX_IMAGE));
        docker("stack", "deploy", "--resolve-image", "never", "-c", file.toString(), THEIRS);

        assertThat(ok("stack", "ls").out()).containsPattern("(?m)^" + THEIRS + "\\s+1$");
        assertThat(ok("stack", "services", THEIRS).out()).contains(THEIRS + "_one");

        Run rm = ok("stack", "rm", THEIRS);
        assertThat(rm.out()).contains("Removing service " + THEIRS + "_one", "Removing network " + THEIRS + "_default");
        assertThat(docker("stack", "ls", "--format", "{{.Name}}")).doesNotContain(THEIRS);
    }

    @Test
    @Order(7)
    void stackRmLeavesNothingOfTheStack() {
        Run rm = ok("stack", "rm", STACK);

        assertThat(rm.out()).contains("Removing service " + STACK + "_api", "Removing network " + STACK + "_backend",
                "Removing secret " + STACK + "_x", "Removing config " + STACK + "_app", "Removing config " + STACK + "_page");
        Filters ours = Stacks.ofStack(STACK);
        assertThat(swarm.services().list(ours)).isEmpty();
        assertThat(client.networks().list(ours)).isEmpty();
        assertThat(swarm.secrets().list(ours)).isEmpty();
        assertThat(swarm.configs().list(ours)).isEmpty();
        assertThat(client.containers().list(ContainersApi.ListOptions.allContainers().withFilters(ours))).isEmpty();
        assertThat(ok("stack", "ls").out()).doesNotContain(STACK);
        assertThat(berth("stack", "rm", STACK).err()).contains("Nothing found in stack: " + STACK);
    }

    @Test
    @Order(8)
    void swarmLeaveNeedsForceOnTheLastManager() {
        if (!created) {
            return; // not our swarm
        }
        Run refused = berth("swarm", "leave");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("this engine is a swarm manager").contains("--force");

        Run leave = ok("swarm", "leave", "--force");
        assertThat(leave.out().strip()).isEqualTo("Node left the swarm.");
        assertThat(swarm.swarm().state().active()).isFalse();
        assertThat(berth("node", "ls").err().strip()).startsWith("this engine is not in a swarm");
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
        List<String> command = new ArrayList<>(List.of("docker", "-H", H));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("docker " + String.join(" ", args) + ":\n" + out).isZero();
        return out;
    }
}
