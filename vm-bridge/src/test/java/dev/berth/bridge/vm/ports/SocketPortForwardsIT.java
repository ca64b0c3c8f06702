package dev.berth.bridge.vm.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.api.model.ContainerConfig;
import dev.berth.engine.api.model.ContainerCreateRequest;
import dev.berth.engine.api.model.HostConfig;
import dev.berth.engine.api.model.PortBinding;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vfkit port path end to end on this machine's engine: {@link PortForwarder} follows the real engine's events and
 * opens forwards with {@link SocketHostForwards}. The "guest" is the shared engine itself, reached at {@code ::1}: the
 * container publishes {@code [::1]:P:P} (so the host's 127.0.0.1:P stays free for the forward, as on a Mac where the
 * guest's ports are at its NAT address), and an HTTP GET on 127.0.0.1:P must come back from the container through the
 * forwarder. Stopping the container (a real "die"/"stop" event) must close the forward. Forwards of other engineers'
 * containers on the shared engine are refused by a guard, never opened.
 */
class SocketPortForwardsIT {

    private static final Path DOCKER = Path.of("/var/run/docker.sock");
    private static final String IMAGE = "berth-test/busybox:latest";

    @TempDir
    Path tmp;

    @Test
    void aContainerPublishedInTheGuestAnswersOnTheHostsLoopbackUntilItStops() throws Exception {
        assumeTrue(Files.exists(DOCKER), "no engine at " + DOCKER);
        String name = "berth-vfports16-it-" + ProcessHandle.current().pid();
        int port = freePort();
        List<String> log = new CopyOnWriteArrayList<>();
        try (EngineClient engine = EngineClient.connect(new EngineEndpoint.Unix(DOCKER));
                SocketHostForwards sockets = new SocketHostForwards(() -> "::1")) {
            HostForwards onlyOurs = new HostForwards() {
                @Override
                public void add(PortForward forward) throws IOException {
                    if (!forward.container().equals(name)) {
                        throw new IOException("not this test's container");
                    }
                    sockets.add(forward);
                }

                @Override
                public void remove(PortForward forward) throws IOException {
                    sockets.remove(forward);
                }
            };
            Path report = tmp.resolve("ports.json");
            try (PortForwarder forwarder = new PortForwarder(engine, onlyOurs, report, PortForwarder.localAddresses(), log::add)) {
                Thread following = Thread.ofVirtual().start(forwarder::run);
                String id = engine.containers().create(name, ContainerCreateRequest.builder()
                        .config(ContainerConfig.builder().image(IMAGE).exposedPorts(Map.of(port + "/tcp", Map.of()))
                                .labels(Map.of("com.docker.compose.service", "web"))
                                .cmd(List.of("sh", "-c", "mkdir -p /www && echo hello from " + name + " > /www/index.html && exec httpd -f -p " + port
                                        + " -h /www")).build())
                        .hostConfig(HostConfig.builder().portBindings(Map.of(port + "/tcp", List.of(new PortBinding("::1", String.valueOf(port))))).build())
                        .build()).id();
                try {
                    engine.containers().start(id);
                    assertEquals("hello from " + name, awaitHttp(port, Duration.ofSeconds(30), log).strip());
                    PortForwarder.Report written = PortForwarder.read(report);
                    assertTrue(written.forwards().stream().anyMatch(f -> f.key().equals("127.0.0.1:" + port + "/tcp") && f.service().equals("web")),
                            written.toString());

                    engine.containers().stop(id, Duration.ofSeconds(2));
                    assertTrue(awaitClosed(port, Duration.ofSeconds(20)), "127.0.0.1:" + port + " still listens after the container stopped: " + log);
                    assertTrue(log.stream().anyMatch(l -> l.startsWith("closed 127.0.0.1:" + port + "/tcp")), log.toString());
                } finally {
                    try {
                        engine.containers().remove(id, true, true);
                    } catch (EngineException e) {
                        // already gone
                    }
                    forwarder.close();
                    following.join(5000);
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String awaitHttp(int port, Duration timeout, List<String> log) throws InterruptedException {
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
        throw new AssertionError("127.0.0.1:" + port + " did not answer HTTP 200 within " + timeout + ": " + last + "; forwarder: " + log);
    }

    private static boolean awaitClosed(int port, Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < until) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            } catch (IOException e) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }
}
