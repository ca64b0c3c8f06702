package dev.berth.bridge.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.bridge.vm.ports.PortForward;
import dev.berth.bridge.vm.ports.PortForwarder;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.api.ImagesApi;
import dev.berth.engine.api.model.ContainerConfig;
import dev.berth.engine.api.model.ContainerCreateRequest;
import dev.berth.engine.api.model.HostConfig;
import dev.berth.engine.api.model.PortBinding;
import dev.berth.engine.api.model.ProgressMessage;
import dev.berth.engine.stream.EngineStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Published ports bound to 127.0.0.1 through the engine VM (issue 16), for real under TCG: a container published
 * as {@code 127.0.0.1:P:80} (compose's safe spelling) answers HTTP on the host's 127.0.0.1:P, next to one published
 * on every address; a host IP that is no address of this host is refused, naming the address. Then the guest's
 * loopback rule is taken out (from a privileged container in the guest's namespaces) and the 127.0.0.1 port stops
 * answering while the other still does: the rule, not luck, is what carries it. Last, the data disk: a smaller size
 * is refused, a bigger one is applied by the next start (a longer file, the guest's online resize2fs). Skipped
 * without QEMU and apt, except under CI=true.
 */
class VmLoopbackPortsIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path AREA = ROOT.resolve("vm-bridge/target/ports-it");
    private static final Path IMAGE_DIR = ROOT.resolve("packaging/target/vm-image");
    private static final String PROFILE = "ports-it";
    private static final String IMAGE = "berth-ports-it/busybox:1";
    private static VmManager manager;

    @BeforeAll
    static void requirements() throws IOException {
        boolean ci = "true".equals(System.getenv("CI"));
        boolean qemu = Files.isExecutable(Path.of("/usr/bin/qemu-system-x86_64"));
        boolean apt = Files.isExecutable(Path.of("/usr/bin/apt-get")) && Files.isExecutable(Path.of("/usr/bin/dpkg-deb"));
        if (ci) {
            assertTrue(qemu && apt, "CI=true: the VM ports test needs qemu-system-x86 and a Debian host (apt, dpkg-deb)");
        }
        assumeTrue(qemu && apt && HostPlatform.current().arch() == HostPlatform.Arch.X86_64, "no qemu-system-x86_64 or apt: skipped");
        Files.createDirectories(AREA);
        Path state = AREA.resolve("state");
        manager = new VmManager(state, IMAGE_DIR, AREA.resolve("docker"), HostPlatform.current(), QemuProvider.standard(HostPlatform.current(), state));
    }

    @AfterAll
    static void stopAndDelete() {
        if (manager != null && Files.isDirectory(manager.layout(PROFILE).dir())) {
            System.out.println("ports VM stopped: " + manager.stop(PROFILE, Duration.ofSeconds(60)));
            manager.delete(PROFILE);
        }
    }

    @Test
    void aPortPublishedOn127001AnswersOnTheHostsLoopbackAndAForeignHostIpIsRefused() throws Exception {
        ProcessBuilder build = new ProcessBuilder(ROOT.resolve("packaging/vm/build-image.sh").toString(), IMAGE_DIR.toString()).inheritIO();
        assertEquals(0, build.start().waitFor(), "packaging/vm/build-image.sh");
        manager.delete(PROFILE);
        manager.saveSettings(PROFILE, new VmSettings(2, 1024, 4, List.of(), FileSharing.NINE_P));
        VmStatus status = manager.start(PROFILE, Duration.ofMinutes(6), line -> System.out.println("ports vm: " + line));
        assertEquals(VmState.RUNNING, status.state(), status.detail());

        int loopbackPort = freePort();
        int everyPort = freePort();
        try (EngineClient engine = EngineClient.connect(new EngineEndpoint.Unix(manager.layout(PROFILE).engineSocket()))) {
            buildBusybox(engine);
            String loopback = web(engine, "ports-it-loopback", new PortBinding("127.0.0.1", String.valueOf(loopbackPort)));
            String every = web(engine, "ports-it-every", new PortBinding("", String.valueOf(everyPort)));
            engine.containers().start(loopback);
            engine.containers().start(every);

            assertEquals("hello from ports-it-every", awaitHttp(everyPort, Duration.ofSeconds(120)).strip());
            assertEquals("hello from ports-it-loopback", awaitHttp(loopbackPort, Duration.ofSeconds(60)).strip(),
                    "127.0.0.1:" + loopbackPort + " published on the guest's loopback answers on the host's");
            List<String> forwarded = PortForwarder.read(manager.layout(PROFILE).portsFile()).forwards().stream().map(PortForward::key).toList();
            assertTrue(forwarded.contains("127.0.0.1:" + loopbackPort + "/tcp") && forwarded.contains("127.0.0.1:" + everyPort + "/tcp"), forwarded.toString());

            // A host IP that is no address of this host (TEST-NET-3): refused, and the refusal names it.
            String foreign = web(engine, "ports-it-foreign", new PortBinding("203.0.113.9", String.valueOf(freePort())));
            EngineException refused = assertThrows(EngineException.class, () -> engine.containers().start(foreign));
            assertTrue(refused.getMessage().contains("203.0.113.9"), refused.getMessage());

            // Without the guest's loopback rule the 127.0.0.1 port is unreachable from the host; the other one is not affected.
            String cut = engine.containers().create("ports-it-cut", ContainerCreateRequest.builder()
                    .config(ContainerConfig.builder().image(IMAGE).cmd(List.of("nsenter", "-t", "1", "-m", "-n", "--", "/usr/sbin/iptables", "-t", "nat",
                            "-D", "PREROUTING", "-i", "eth0", "-d", "10.0.2.15", "-p", "tcp", "-m", "tcp", "!", "--dport", "2376",
                            "-j", "DNAT", "--to-destination", "127.0.0.1")).build())
                    .hostConfig(HostConfig.builder().privileged(true).pidMode("host").networkMode("host").build()).build()).id();
            engine.containers().start(cut);
            assertEquals(0L, engine.containers().waitFor(cut, "not-running").statusCode(), "iptables -D in the guest");
            assertEquals("hello from ports-it-every", awaitHttp(everyPort, Duration.ofSeconds(30)).strip());
            assertThrows(AssertionError.class, () -> awaitHttp(loopbackPort, Duration.ofSeconds(10)),
                    "without the rule, 127.0.0.1:" + loopbackPort + " must not answer");
        }

        // The data disk never shrinks (refused with a sentence) and grows: 4 -> 6 GiB, the next start extends the file
        // and the guest grows its ext4 online; a container sees the bigger file system.
        Path dataDisk = manager.layout(PROFILE).dataDisk();
        assertEquals(4L << 30, Files.size(dataDisk));
        VmException shrink = assertThrows(VmException.class, () -> manager.saveSettings(PROFILE, manager.settings(PROFILE).withDiskGiB(3)));
        assertTrue(shrink.getMessage().contains("cannot shrink") && shrink.getMessage().contains("4 GiB"), shrink.getMessage());
        assertEquals(4, manager.settings(PROFILE).diskGiB());
        System.out.println("ports VM stopped: " + manager.stop(PROFILE, Duration.ofSeconds(60)));
        manager.saveSettings(PROFILE, manager.settings(PROFILE).withDiskGiB(6));
        assertEquals(VmState.RUNNING, manager.start(PROFILE, Duration.ofMinutes(6), line -> System.out.println("ports vm: " + line)).state());
        assertEquals(6L << 30, Files.size(dataDisk));
        assertTrue(manager.consoleTail(PROFILE, 300).stream().anyMatch(l -> l.contains("data disk grown")), "the guest's resize2fs ran");
        try (EngineClient engine = EngineClient.connect(new EngineEndpoint.Unix(manager.layout(PROFILE).engineSocket()))) {
            String df = engine.containers().create("ports-it-df", ContainerCreateRequest.builder()
                    .config(ContainerConfig.builder().image(IMAGE).cmd(List.of("sh", "-c", "df -k / && test $(df -k / | awk 'NR==2{print $2}') -gt 5000000"))
                            .build()).build()).id();
            engine.containers().start(df);
            assertEquals(0L, engine.containers().waitFor(df, "not-running").statusCode(), "the container's file system is over 5 GiB");
        }
    }

    private static void buildBusybox(EngineClient engine) throws IOException {
        Path context = Files.createDirectories(AREA.resolve("image"));
        Files.copy(Path.of("/bin/busybox"), context.resolve("busybox"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(context.resolve("Dockerfile"), """
                FROM scratch
                COPY busybox /bin/busybox
                RUN ["/bin/busybox", "--install", "-s", "/bin"]
                ENV PATH=/bin
                """);
        try (EngineStream<ProgressMessage> progress = engine.images().build(ImagesApi.BuildOptions.of(context, IMAGE))) {
            ProgressMessage message;
            while ((message = progress.next()) != null) {
                if (message.error() != null) {
                    throw new AssertionError("build: " + message.error());
                }
            }
        }
    }

    /** A busybox httpd on port 80 saying its name, published as {@code binding}. */
    private static String web(EngineClient engine, String name, PortBinding binding) {
        try {
            engine.containers().remove(name, true, true);
        } catch (EngineException e) {
            // not there
        }
        return engine.containers().create(name, ContainerCreateRequest.builder()
                .config(ContainerConfig.builder().image(IMAGE).exposedPorts(Map.of("80/tcp", Map.of()))
                        .cmd(List.of("sh", "-c", "mkdir -p /www && echo hello from " + name + " > /www/index.html && exec httpd -f -p 80 -h /www")).build())
                .hostConfig(HostConfig.builder().portBindings(Map.of("80/tcp", List.of(binding))).build()).build()).id();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String awaitHttp(int port, Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < until) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                socket.setSoTimeout(5000);
                socket.getOutputStream().write("GET /index.html HTTP/1.0\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (answer.startsWith("HTTP/1.") && answer.contains(" 200 ")) {
                    return answer.substring(answer.indexOf("\r\n\r\n") + 4);
                }
                last = answer.isEmpty() ? "(closed without an answer)" : answer;
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("127.0.0.1:" + port + " did not answer HTTP 200 within " + timeout + ": " + last);
    }
}
