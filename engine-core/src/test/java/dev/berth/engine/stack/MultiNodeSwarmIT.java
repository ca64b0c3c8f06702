package dev.berth.engine.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.api.Filters;
import dev.berth.engine.swarm.Swarm;
import dev.berth.engine.swarm.SwarmTask;
import dev.berth.testkit.RequiresEngine;
import dev.berth.testkit.TestEngine;
import java.io.IOException;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A three-node swarm on this one machine: three private dockerds (one manager, two workers), each in its own
 * network namespace, joined by a bridge inside a fourth namespace — never docker0, never the shared engine's
 * iptables (every daemon runs with {@code --bridge=none --iptables=false --ip-masq=false}, its own data root,
 * exec root, pid file, unix socket and containerd namespace). Placement constraints ({@code node.role ==
 * worker}, a node label) are honoured, and a worker's engine stopped gets its tasks rescheduled on the other.
 * The daemons are entered with {@code nsenter --net} rather than {@code ip netns exec}: the latter remounts
 * /sys and hides /sys/fs/cgroup, and dockerd then fails with "Devices cgroup isn't mounted". Skips, with the
 * command and its error, where the machine cannot (not root, no namespaces, dockerd not starting).
 */
@RequiresEngine
class MultiNodeSwarmIT {

    private static final String ID = UUID.randomUUID().toString().substring(0, 4);
    /** Short: containerd's socket lives below it and a unix socket path has 108 bytes at most. */
    private static final Path ROOT = Path.of("/tmp/bm" + ID);
    private static final List<String> NODES = List.of("m", "w1", "w2");
    private static final List<Process> DAEMONS = new ArrayList<>();
    private static final Map<String, EngineClient> ENGINES = new LinkedHashMap<>();
    private static final Map<String, String> NODE_IDS = new LinkedHashMap<>();
    private static final List<String> NAMESPACES = new ArrayList<>();

    @BeforeAll
    static void startThreeEngines() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "creating network namespaces needs root");
        Files.createDirectories(ROOT);
        Path image = ROOT.resolve("busybox.tar");
        run("saving the test image from the shared engine", "docker", "-H", "unix://" + TestEngine.socket(), "save", "-o",
                image.toString(), TestEngine.BUSYBOX_IMAGE);
        netns("b" + ID + "hub");
        run("bridge", "ip", "netns", "exec", "b" + ID + "hub", "ip", "link", "add", "br0", "type", "bridge");
        run("bridge up", "ip", "netns", "exec", "b" + ID + "hub", "ip", "link", "set", "br0", "up");
        for (int i = 0; i < NODES.size(); i++) {
            String node = NODES.get(i);
            String ns = "b" + ID + node;
            netns(ns);
            String inner = "v" + ID + node;
            String outer = "h" + ID + node;
            run("veth", "ip", "link", "add", inner, "type", "veth", "peer", "name", outer);
            run("veth", "ip", "link", "set", inner, "netns", ns);
            run("veth", "ip", "link", "set", outer, "netns", "b" + ID + "hub");
            run("veth", "ip", "netns", "exec", "b" + ID + "hub", "ip", "link", "set", outer, "master", "br0", "up");
            run("lo", "ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
            run("address", "ip", "netns", "exec", ns, "ip", "addr", "add", address(i) + "/24", "dev", inner);
            run("veth up", "ip", "netns", "exec", ns, "ip", "link", "set", inner, "up");
            Path dir = Files.createDirectories(ROOT.resolve(node));
            Process daemon = new ProcessBuilder("nsenter", "--net=/var/run/netns/" + ns, "dockerd", "--data-root", dir.resolve("data").toString(),
                    "--exec-root", dir.resolve("x").toString(), "--pidfile", dir.resolve("pid").toString(), "-H",
                    "unix://" + ROOT.resolve(node + ".sock"), "--bridge=none", "--iptables=false", "--ip-masq=false", "--ip6tables=false",
                    "--storage-driver=vfs", "--containerd-namespace", "b" + ID + node, "--containerd-plugins-namespace", "b" + ID + node + "p")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("dockerd.log").toFile()).start();
            DAEMONS.add(daemon);
        }
        for (String node : NODES) {
            Path socket = ROOT.resolve(node + ".sock");
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(socket) && System.nanoTime() < end && DAEMONS.get(NODES.indexOf(node)).isAlive()) {
                Thread.sleep(200);
            }
            Assumptions.assumeTrue(Files.exists(socket), () -> "a private dockerd did not start: " + lastLine(ROOT.resolve(node).resolve("dockerd.log")));
            EngineClient client = EngineClient.connect(new EngineEndpoint.Unix(socket));
            ENGINES.put(node, client);
            run("loading the test image", "docker", "-H", "unix://" + socket, "load", "-i", image.toString());
        }
        Swarm manager = new Swarm(ENGINES.get("m"));
        manager.swarm().init(address(0), address(0) + ":2377");
        String token = manager.swarm().joinTokens().worker();
        for (int i = 1; i < NODES.size(); i++) {
            new Swarm(ENGINES.get(NODES.get(i))).swarm().join(List.of(address(0) + ":2377"), token, address(i), address(i) + ":2377");
        }
        for (String node : NODES) {
            NODE_IDS.put(node, new Swarm(ENGINES.get(node)).swarm().state().nodeId());
        }
    }

    private static String address(int i) {
        return "10.219.0." + (i + 1);
    }

    @Test
    void placementIsHonouredAndAStoppedWorkersTasksAreRescheduled() {
        Swarm manager = new Swarm(ENGINES.get("m"));
        await().atMost(Duration.ofSeconds(60)).until(() -> manager.nodes().list().stream().filter(n -> "ready".equals(n.state())).count() == 3);
        manager.nodes().update(NODE_IDS.get("w2"), spec -> spec.put("Labels", Map.of("tier", "edge")));

        manager.services().create(service("onworkers", 2, "node.role == worker"));
        manager.services().create(service("onedge", 1, "node.labels.tier == edge"));
        await().atMost(Duration.ofSeconds(90)).until(() -> running(manager, "onworkers").size() == 2 && running(manager, "onedge").size() == 1);
        assertThat(running(manager, "onworkers")).extracting(SwarmTask::nodeId).as("never on the manager")
                .doesNotContain(NODE_IDS.get("m")).containsOnly(NODE_IDS.get("w1"), NODE_IDS.get("w2"));
        assertThat(running(manager, "onedge")).extracting(SwarmTask::nodeId).containsExactly(NODE_IDS.get("w2"));

        // w1's engine stops: the swarm marks it down and runs both worker slots on w2.
        stop(DAEMONS.get(1));
        await().atMost(Duration.ofSeconds(90)).until(() -> running(manager, "onworkers").size() == 2
                && running(manager, "onworkers").stream().allMatch(t -> t.nodeId().equals(NODE_IDS.get("w2"))));
        assertThat(manager.nodes().inspect(NODE_IDS.get("w1")).state()).isEqualTo("down");
    }

    private static List<SwarmTask> running(Swarm swarm, String service) {
        return swarm.tasks().list(Filters.none().with("service", service).with("desired-state", "running")).stream()
                .filter(SwarmTask::running).toList();
    }

    private static Map<String, Object> service(String name, int replicas, String constraint) {
        return Map.of("Name", name,
                "TaskTemplate", Map.of("ContainerSpec", Map.of("Image", TestEngine.BUSYBOX_IMAGE, "Command", List.of("sleep", "3600"),
                        "StopGracePeriod", 1_000_000_000L), "Placement", Map.of("Constraints", List.of(constraint))),
                "Mode", Map.of("Replicated", Map.of("Replicas", replicas)));
    }

    @AfterAll
    static void stopEverything() throws Exception {
        ENGINES.values().forEach(EngineClient::close);
        for (Process daemon : DAEMONS) {
            stop(daemon);
        }
        // Task containers a killed daemon left behind: their shims (and the shims' children) by pid.
        List<ProcessHandle> shims = ProcessHandle.allProcesses().filter(p -> p.info().arguments().map(a -> String.join(" ", a)
                .contains(ROOT.toString())).orElse(false)).toList();
        for (ProcessHandle shim : shims) {
            shim.children().forEach(ProcessHandle::destroyForcibly);
            shim.destroyForcibly();
        }
        List<String> mounts = new ArrayList<>(Files.readAllLines(Path.of("/proc/mounts")).stream().map(l -> l.split(" ")[1])
                .filter(m -> m.startsWith(ROOT.toString())).toList());
        mounts.sort(Comparator.reverseOrder());
        for (String mount : mounts) {
            quiet("umount", mount);
        }
        for (String ns : NAMESPACES) {
            quiet("ip", "netns", "del", ns); // the veth pairs go with them
        }
        if (Files.exists(ROOT)) {
            try (Stream<Path> walk = Files.walk(ROOT)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** SIGTERM (dockerd stops its containers), SIGKILL after 20 s; only the daemon this test started. */
    private static void stop(Process daemon) {
        ProcessHandle handle = daemon.toHandle();
        List<ProcessHandle> dockerd = handle.children().toList(); // nsenter execs dockerd: usually the same pid
        daemon.destroy();
        dockerd.forEach(ProcessHandle::destroy);
        try {
            if (!daemon.waitFor(20, TimeUnit.SECONDS)) {
                daemon.destroyForcibly();
                dockerd.forEach(ProcessHandle::destroyForcibly);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void netns(String name) throws Exception {
        run("creating a network namespace", "ip", "netns", "add", name);
        NAMESPACES.add(name);
    }

    /** Runs a setup command; when it fails the test is skipped with the command and its output. */
    private static void run(String what, String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        boolean done = process.waitFor(120, TimeUnit.SECONDS);
        Assumptions.assumeTrue(done && process.exitValue() == 0, () -> what + " failed: `" + String.join(" ", command) + "`: " + output);
    }

    private static void quiet(String... command) throws Exception {
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(30, TimeUnit.SECONDS);
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return lines.isEmpty() ? "(no output)" : lines.getLast();
        } catch (IOException e) {
            return e.toString();
        }
    }
}
