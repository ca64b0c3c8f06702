package dev.berth.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.app.cli.CliProject.Run;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.transport.TlsMaterial;
import dev.berth.testkit.TestEngine;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Berth's own engine VM for real, under whatever accelerator the probe finds (TCG here and in CI): the image is
 * built from Debian packages by {@code berth vm build-image} (reused while its inputs are unchanged), booted by
 * {@code berth vm start}, and a real project runs against the VM's engine through the host socket — a user
 * network with DNS between services, a healthcheck gate, a named volume, a build, logs, ps, down. Then stop and
 * start keep the image and the volume's data; a QEMU killed mid-run is reported as crashed and the next start
 * recovers; the guest engine's port refuses a client without the instance's certificate.
 * Needs QEMU and a Debian host (apt); skipped without them, except under CI=true.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EngineVmIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path STATE = ROOT.resolve("app-gui/target/vm-it/state");
    private static final Path DOCKER_CONFIG = ROOT.resolve("app-gui/target/vm-it/docker");
    private static final String IMAGE = "berth-vm-test/busybox:1";
    private static String host;
    private static String token;

    @BeforeAll
    static void requirements() throws IOException {
        boolean ci = "true".equals(System.getenv("CI"));
        boolean qemu = Files.isExecutable(Path.of("/usr/bin/qemu-system-x86_64"));
        boolean apt = Files.isExecutable(Path.of("/usr/bin/apt-get")) && Files.isExecutable(Path.of("/usr/bin/dpkg-deb"));
        if (ci) {
            assertTrue(qemu && apt, "CI=true: the engine VM test needs qemu-system-x86 and a Debian host (apt, dpkg-deb)");
        }
        assumeTrue(qemu && apt, "no qemu-system-x86_64 or apt: the engine VM test is skipped");
        System.setProperty("berth.home", ROOT.toString());
        System.setProperty("berth.state.dir", STATE.toString());
        System.setProperty("berth.docker.config", DOCKER_CONFIG.toString());
        Files.createDirectories(STATE);
        host = "unix://" + STATE.resolve("vm/default/docker.sock");
    }

    @AfterAll
    static void stopTheVm() {
        if (host != null) {
            vm("stop");
        }
    }

    static Run vm(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "vm";
        System.arraycopy(args, 0, all, 1, args.length);
        Run run = CliProject.raw(all);
        System.out.println("$ berth " + String.join(" ", all) + "\n" + run);
        return run;
    }

    static JsonNode status() {
        return JSON.readTree(vm("status", "--format", "json").out());
    }

    private static Run berth(Path dir, String project, String engine, String... args) {
        List<String> all = new ArrayList<>(List.of("-H", engine, "-f", dir.resolve("compose.yaml").toString(), "-p", project));
        all.addAll(Arrays.asList(args));
        Run run = CliProject.raw(all.toArray(String[]::new));
        System.out.println("$ berth " + String.join(" ", all) + "\n" + run);
        return run;
    }

    /** Three services: db writes a token into a named volume once and serves it; web waits for db's health and fetches it by name. */
    private static Path project(String name) throws IOException {
        Path dir = ROOT.resolve("app-gui/target/vm-it").resolve(name);
        Files.createDirectories(dir.resolve("img/bin"));
        Path busybox = Path.of("/bin/busybox");
        Files.copy(busybox, dir.resolve("img/bin/busybox"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve("img/Dockerfile"), """
                FROM scratch
                COPY bin/busybox /bin/busybox
                RUN ["/bin/busybox", "--install", "-s", "/bin"]
                ENV PATH=/bin
                CMD ["sh"]
                """);
        Files.writeString(dir.resolve("compose.yaml"), """
                services:
                  db:
                    build: ./img
                    image: %s
                    command: ["sh", "-c", "[ -f /data/token ] || echo token-$$RANDOM$$RANDOM > /data/token; cp /data/token /data/greeting; exec httpd -f -p 8080 -h /data"]
                    volumes: [data:/data]
                    networks: [app]
                    stop_signal: SIGKILL
                    healthcheck:
                      test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/greeting"]
                      interval: 1s
                      timeout: 5s
                      retries: 120
                  web:
                    image: %s
                    depends_on:
                      db: {condition: service_healthy}
                    command: ["sh", "-c", "echo fetched $$(wget -q -O - http://db:8080/greeting); exec sleep 3600"]
                    networks: [app]
                    stop_signal: SIGKILL
                  worker:
                    image: %s
                    command: ["sleep", "3600"]
                    networks: [app]
                    stop_signal: SIGKILL
                volumes:
                  data: {}
                networks:
                  app: {}
                """.formatted(IMAGE, IMAGE, IMAGE));
        return dir;
    }

    @Test
    @Order(1)
    void aRealProjectRunsInTheVmAndItsImageAndVolumeSurviveARestart() throws IOException {
        Run build = vm("build-image");
        assertEquals(0, build.exitCode(), build.toString());
        vm("settings", "--cpus", "2", "--memory", "1024", "--disk", "8");
        long bootStart = System.nanoTime();
        Run start = vm("start", "--timeout", "400");
        long bootMillis = (System.nanoTime() - bootStart) / 1_000_000;
        assertEquals(0, start.exitCode(), start.toString());
        for (String step : List.of("verify the image", "process alive", "guest reports READY", "engine answers /_ping")) {
            assertTrue(start.err().contains(step), "progress shows '" + step + "': " + start.err());
        }
        JsonNode status = status();
        assertEquals("RUNNING", status.path("state").asString(), status.toString());
        long pid = status.path("pid").asLong();
        figure("boot to /_ping (berth vm start, wall clock)", bootMillis + " ms");
        figure("QEMU RSS idle", rssMiB(pid) + " MiB");

        Run all = CliProject.raw("engine", "--all");
        assertTrue(all.out().contains("Berth VM 'default'") && all.out().contains(STATE.resolve("vm/default/docker.sock").toString()), all.toString());
        Run context = CliProject.raw("--context", "berth-vm", "engine");
        assertEquals(0, context.exitCode(), context.toString());
        assertTrue(context.out().contains("Berth engine VM"), "the VM's engine answers --context berth-vm: " + context);

        String name = "vmit" + UUID.randomUUID().toString().substring(0, 6);
        Path dir = project(name);
        long upStart = System.nanoTime();
        Run up = berth(dir, name, host, "up", "-d");
        long upMillis = (System.nanoTime() - upStart) / 1_000_000;
        assertEquals(0, up.exitCode(), up.toString());
        figure("first up -d of the 3-service project (build + health gate) in the VM", upMillis + " ms");
        figure("QEMU RSS with 3 containers", rssMiB(pid) + " MiB");

        Run ps = berth(dir, name, host, "ps");
        assertTrue(ps.out().contains("healthy") && ps.out().contains(name + "-web-1") && ps.out().contains(name + "-worker-1"), ps.toString());
        token = awaitToken(dir, name);
        Run down = berth(dir, name, host, "down");
        assertEquals(0, down.exitCode(), down.toString());

        Run stop = vm("stop");
        assertEquals(0, stop.exitCode(), stop.toString());
        assertTrue(stop.out().startsWith("stopped: "), "a graceful stop, not a forced one: " + stop);
        JsonNode stopped = status();
        assertEquals("STOPPED", stopped.path("state").asString());
        assertTrue(stopped.path("lastStop").asString().startsWith("clean"), stopped.toString());

        Run again = vm("start", "--timeout", "400");
        assertEquals(0, again.exitCode(), again.toString());
        try (EngineClient client = EngineClient.connect(new EngineEndpoint.Unix(STATE.resolve("vm/default/docker.sock")))) {
            assertEquals(IMAGE, client.images().inspect(IMAGE).repoTags().getFirst(), "the image survived the restart");
            client.volumes().inspect(name + "_data");
        }
        Run up2 = berth(dir, name, host, "up", "-d");
        assertEquals(0, up2.exitCode(), up2.toString());
        assertEquals(token, awaitToken(dir, name), "the volume's data survived the restart");
        assertEquals(0, berth(dir, name, host, "down", "-v").exitCode());
    }

    private static String awaitToken(Path dir, String name) {
        Pattern fetched = Pattern.compile("fetched (token-\\d+)");
        long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            Run logs = berth(dir, name, host, "logs", "web");
            Matcher matcher = fetched.matcher(logs.out());
            if (matcher.find()) {
                return matcher.group(1);
            }
            assertTrue(System.nanoTime() < until, "web fetched the token from db by name: " + logs);
            sleep(1000);
        }
    }

    @Test
    @Order(2)
    void theEnginePortRefusesAClientWithoutTheInstanceCertificate() throws Exception {
        JsonNode status = status();
        assumeTrue("RUNNING".equals(status.path("state").asString()), "the VM runs (after the first test)");
        int port = status.path("enginePort").asInt();
        // Plain HTTP: dockerd answers only that TLS is required, never the API.
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            plain.setSoTimeout(10_000);
            plain.getOutputStream().write("GET /containers/json HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
            String answer = new String(plain.getInputStream().readNBytes(200));
            assertFalse(answer.contains("\"Id\"") || answer.startsWith("HTTP/1.1 200"), answer);
        }
        // TLS without a client certificate (trusting anything): the handshake or the first read fails.
        SSLSocketFactory anyServer = TlsMaterial.fromCertPath(Files.createTempDirectory("no-client-cert"), false);
        boolean refused;
        try (SSLSocket tls = (SSLSocket) anyServer.createSocket("127.0.0.1", port)) {
            tls.setSoTimeout(10_000);
            tls.startHandshake();
            tls.getOutputStream().write("GET /_ping HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
            tls.getOutputStream().flush();
            refused = tls.getInputStream().read() < 0;
        } catch (IOException e) {
            refused = true;
        }
        assertTrue(refused, "a TLS client without the instance's certificate must be refused");
        // With the instance's certificate (what the relay uses) it answers.
        Path tlsDir = STATE.resolve("vm/default/tls");
        try (SSLSocket tls = (SSLSocket) TlsMaterial.fromCertPath(tlsDir, true).createSocket("127.0.0.1", port)) {
            tls.setSoTimeout(20_000);
            tls.getOutputStream().write("GET /_ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes());
            assertTrue(new String(tls.getInputStream().readAllBytes()).endsWith("OK"));
        }
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(STATE.resolve("vm/default/docker.sock"))));
        latencyFigures();
        hostEngineFigure();
    }

    /** The same first up -d (build + health gate) on the host engine, for the side-by-side figure. */
    private static void hostEngineFigure() throws IOException {
        if (!Files.exists(TestEngine.socket())) {
            return;
        }
        String name = "vmithost" + UUID.randomUUID().toString().substring(0, 6);
        Path dir = project(name);
        String hostEngine = "unix://" + TestEngine.socket();
        long start = System.nanoTime();
        Run up = berth(dir, name, hostEngine, "up", "-d");
        figure("first up -d of the 3-service project (build + health gate) on the host engine",
                (System.nanoTime() - start) / 1_000_000 + " ms (exit " + up.exitCode() + ")");
        berth(dir, name, hostEngine, "down", "-v", "--rmi", "all");
    }

    /** Per-request cost: GET /_ping on one kept-alive connection, through the VM's host socket vs the host engine. */
    private static void latencyFigures() {
        figure("GET /_ping median through the VM socket", medianPingMicros(STATE.resolve("vm/default/docker.sock")) + " µs");
        int port = status().path("enginePort").asInt();
        figure("GET /_ping median over TLS straight to the forwarded port (no relay)", medianPingMicros(
                new EngineEndpoint.Tcp("127.0.0.1", port, new EngineEndpoint.TlsSettings(STATE.resolve("vm/default/tls"), true))) + " µs");
        if (Files.exists(TestEngine.socket())) {
            figure("GET /_ping median on the host engine", medianPingMicros(TestEngine.socket()) + " µs");
        }
    }

    private static long medianPingMicros(Path socket) {
        return medianPingMicros(new EngineEndpoint.Unix(socket));
    }

    private static long medianPingMicros(EngineEndpoint endpoint) {
        try (EngineClient client = EngineClient.connect(endpoint)) {
            long[] samples = new long[200];
            for (int i = 0; i < 20; i++) {
                client.system().ping();
            }
            for (int i = 0; i < samples.length; i++) {
                long t = System.nanoTime();
                client.system().ping();
                samples[i] = (System.nanoTime() - t) / 1000;
            }
            Arrays.sort(samples);
            return samples[samples.length / 2];
        }
    }

    @Test
    @Order(3)
    void aKilledRelayIsReattachedAndAKilledQemuIsReportedAsCrashedAndTheNextStartRecovers() throws IOException {
        JsonNode status = status();
        if (!"RUNNING".equals(status.path("state").asString())) {
            assertEquals(0, vm("start", "--timeout", "400").exitCode());
            status = status();
        }
        long pid = status.path("pid").asLong();

        // A Berth killed mid-start leaves QEMU without its relay: status says so and start reattaches one.
        long relayPid = Long.parseLong(Files.readString(STATE.resolve("vm/default/relay.pid")).strip());
        ProcessHandle relay = ProcessHandle.of(relayPid).orElseThrow();
        relay.destroyForcibly();
        relay.onExit().join();
        assertTrue(Files.exists(STATE.resolve("vm/default/docker.sock")), "SIGKILL leaves the socket file behind");
        assertEquals("DEGRADED", status().path("state").asString());
        Run reattach = vm("start", "--timeout", "120");
        assertEquals(0, reattach.exitCode(), reattach.toString());
        assertTrue(reattach.err().contains("runs without one"), reattach.err());
        JsonNode reattached = status();
        assertEquals("RUNNING", reattached.path("state").asString());
        assertEquals(pid, reattached.path("pid").asLong(), "the same VM, not a reboot");

        ProcessHandle qemu = ProcessHandle.of(pid).orElseThrow();
        assertTrue(qemu.info().command().orElse("").contains("qemu"), "pid " + pid + " is QEMU");
        qemu.destroyForcibly(); // SIGKILL, as if it crashed or the OOM killer took it
        qemu.onExit().join();

        Run crashed = vm("status");
        assertEquals(3, crashed.exitCode(), crashed.toString());
        assertTrue(crashed.out().contains("crashed"), crashed.toString());
        assertEquals("CRASHED", status().path("state").asString());

        Run start = vm("start", "--timeout", "400");
        assertEquals(0, start.exitCode(), start.toString());
        assertTrue(start.err().contains("crashed"), "start says it recovers from the crash: " + start.err());
        JsonNode recovered = status();
        assertEquals("RUNNING", recovered.path("state").asString());
        assertNotEquals(pid, recovered.path("pid").asLong());
        assertTrue(recovered.path("lastStop").asString().startsWith("crashed"), recovered.toString());
        try (EngineClient client = EngineClient.connect(new EngineEndpoint.Unix(STATE.resolve("vm/default/docker.sock")))) {
            assertEquals(IMAGE, client.images().inspect(IMAGE).repoTags().getFirst(), "the data disk survived the kill");
        }
    }

    private static long rssMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    private static void figure(String what, String value) {
        String load;
        try {
            load = Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            load = "?";
        }
        System.out.println("VM-FIGURE " + what + ": " + value + " (load " + load + ")");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
