package dev.berth.bridge.vm.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The userspace forwarder on real loopback sockets: the "guest" is an echo server on 127.0.0.2:P (Linux routes all of
 * 127/8 to lo), the forward is 127.0.0.1:P, the same port, as the guest engine publishes it.
 */
class SocketHostForwardsTest {

    private static final String GUEST = "127.0.0.2";

    private ServerSocket guest;
    private final List<Socket> guestConnections = new ArrayList<>();
    private SocketHostForwards forwards;
    private int port;

    @BeforeEach
    void startGuest() throws IOException {
        port = freePortOnBoth();
        guest = new ServerSocket();
        guest.bind(new InetSocketAddress(GUEST, port), 200);
        Thread.ofVirtual().start(() -> {
            while (!guest.isClosed()) {
                try {
                    Socket connection = guest.accept();
                    synchronized (guestConnections) {
                        guestConnections.add(connection);
                    }
                    Thread.ofVirtual().start(() -> echoUntilEnd(connection));
                } catch (IOException e) {
                    return;
                }
            }
        });
        forwards = new SocketHostForwards(() -> GUEST);
    }

    @AfterEach
    void stop() throws IOException {
        forwards.close();
        guest.close();
    }

    /** Echoes everything, then (after the client's half close) says "bye" and closes: half close both ways. */
    private static void echoUntilEnd(Socket connection) {
        try (connection; InputStream in = connection.getInputStream(); OutputStream out = connection.getOutputStream()) {
            in.transferTo(out);
            out.write("bye".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // the test closed it
        }
    }

    private PortForward forward() {
        return new PortForward("tcp", "127.0.0.1", port, "c1", "demo-web-1", "web");
    }

    @Test
    void bytesGoBothWaysAndAHalfCloseStillGetsTheAnswer() throws Exception {
        forwards.add(forward());
        byte[] payload = new byte[1024 * 1024];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 7 + 3);
        }
        try (Socket client = new Socket("127.0.0.1", port)) {
            client.setSoTimeout(10_000);
            Future<byte[]> answer = Executors.newVirtualThreadPerTaskExecutor().submit(() -> client.getInputStream().readAllBytes());
            client.getOutputStream().write(payload);
            client.shutdownOutput(); // the guest sees the end, and answers after it
            byte[] received = answer.get(20, TimeUnit.SECONDS);
            assertThat(received.length).isEqualTo(payload.length + 3);
            assertThat(Arrays.copyOf(received, payload.length)).isEqualTo(payload);
            assertThat(new String(received, payload.length, 3, StandardCharsets.US_ASCII)).isEqualTo("bye");
        }
    }

    @Test
    void manyClientsAtOnceEachGetTheirOwnBytes() throws Exception {
        forwards.add(forward());
        int clients = 50;
        CountDownLatch allConnected = new CountDownLatch(clients);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                String message = "client " + i + " ".repeat(i * 100);
                answers.add(pool.submit(() -> {
                    try (Socket client = new Socket("127.0.0.1", port)) {
                        client.setSoTimeout(10_000);
                        allConnected.countDown();
                        allConnected.await(10, TimeUnit.SECONDS); // all open together
                        client.getOutputStream().write(message.getBytes(StandardCharsets.US_ASCII));
                        client.shutdownOutput();
                        return new String(client.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                    }
                }));
            }
            for (int i = 0; i < clients; i++) {
                assertThat(answers.get(i).get(20, TimeUnit.SECONDS)).isEqualTo("client " + i + " ".repeat(i * 100) + "bye");
            }
        }
    }

    @Test
    void removeClosesTheListenerAndTheLiveConnections() throws Exception {
        forwards.add(forward());
        try (Socket client = new Socket("127.0.0.1", port)) {
            client.setSoTimeout(10_000);
            client.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
            byte[] echoed = client.getInputStream().readNBytes(4);
            assertThat(new String(echoed, StandardCharsets.US_ASCII)).isEqualTo("ping");
            assertThat(forwards.connections(forward().key())).isEqualTo(1);

            forwards.remove(forward());

            assertThat(client.getInputStream().read()).as("the live connection ends").isEqualTo(-1);
            assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).as("nothing listens any more").isInstanceOf(IOException.class);
            assertThat(forwards.connections(forward().key())).isZero();
        }
        // The port is free again: a forward can be made on it anew.
        forwards.add(forward());
        try (Socket again = new Socket("127.0.0.1", port)) {
            again.getOutputStream().write("x".getBytes(StandardCharsets.US_ASCII));
            again.shutdownOutput();
            assertThat(new String(again.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("xbye");
        }
    }

    @Test
    void aTakenHostPortIsRefusedWithTheSentenceForTcpAndUdp() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                DatagramSocket takenUdp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            PortForward busy = new PortForward("tcp", "127.0.0.1", taken.getLocalPort(), "c2", "demo-api-1", "api");
            assertThatThrownBy(() -> forwards.add(busy)).isInstanceOf(IOException.class)
                    .hasMessageContaining("host port 127.0.0.1:" + taken.getLocalPort() + "/tcp is already in use");
            PortForward busyUdp = new PortForward("udp", "127.0.0.1", takenUdp.getLocalPort(), "c3", "demo-dns-1", "dns");
            assertThatThrownBy(() -> forwards.add(busyUdp)).isInstanceOf(IOException.class)
                    .hasMessageContaining("host port 127.0.0.1:" + takenUdp.getLocalPort() + "/udp is already in use");
        }
    }

    /** UDP: a session per client address, replies to the right client, idle sessions closed, remove() releases the port. */
    @Test
    void udpDatagramsGoBothWaysPerClientAndIdleSessionsEnd() throws Exception {
        int udpPort = freeUdpPortOnBoth();
        try (DatagramSocket guestUdp = new DatagramSocket(new InetSocketAddress(GUEST, udpPort));
                SocketHostForwards udpForwards = new SocketHostForwards(() -> GUEST, Duration.ofMillis(400))) {
            Thread.ofVirtual().start(() -> {
                byte[] buffer = new byte[65_535];
                while (!guestUdp.isClosed()) {
                    try {
                        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                        guestUdp.receive(packet);
                        byte[] answer = ("echo:" + new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII))
                                .getBytes(StandardCharsets.US_ASCII);
                        guestUdp.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            PortForward dns = new PortForward("udp", "127.0.0.1", udpPort, "c3", "demo-dns-1", "dns");
            udpForwards.add(dns);
            try (DatagramSocket one = new DatagramSocket(); DatagramSocket two = new DatagramSocket()) {
                assertThat(ask(one, udpPort, "one")).isEqualTo("echo:one");
                assertThat(ask(two, udpPort, "two")).isEqualTo("echo:two");
                assertThat(ask(one, udpPort, "one again")).isEqualTo("echo:one again");
                assertThat(udpForwards.connections(dns.key())).isEqualTo(2);
                byte[] big = "x".repeat(60_000).getBytes(StandardCharsets.US_ASCII);
                one.send(new DatagramPacket(big, big.length, new InetSocketAddress("127.0.0.1", udpPort)));
                DatagramPacket reply = new DatagramPacket(new byte[65_535], 65_535);
                one.receive(reply);
                assertThat(reply.getLength()).isEqualTo(60_005);

                long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (udpForwards.connections(dns.key()) > 0 && System.nanoTime() < until) {
                    Thread.sleep(50);
                }
                assertThat(udpForwards.connections(dns.key())).as("idle sessions end").isZero();
                assertThat(ask(two, udpPort, "after idle")).isEqualTo("echo:after idle");
            }
            udpForwards.remove(dns);
            assertThat(udpForwards.connections(dns.key())).isZero();
            try (DatagramSocket rebound = bindWithin(Duration.ofSeconds(5), udpPort)) {
                assertThat(rebound.getLocalPort()).as("remove() released the host port").isEqualTo(udpPort);
            }
        }
    }

    /** Binds the port again, retrying briefly: on a loaded machine the closed socket's thread may leave it late. */
    private static DatagramSocket bindWithin(Duration patience, int port) throws IOException, InterruptedException {
        long until = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                return new DatagramSocket(new InetSocketAddress("127.0.0.1", port));
            } catch (BindException e) {
                if (System.nanoTime() > until) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    private static String ask(DatagramSocket client, int port, String message) throws IOException {
        client.setSoTimeout(5000);
        byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
        client.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress("127.0.0.1", port)));
        DatagramPacket reply = new DatagramPacket(new byte[65_535], 65_535);
        client.receive(reply);
        return new String(reply.getData(), 0, reply.getLength(), StandardCharsets.US_ASCII);
    }

    private static int freeUdpPortOnBoth() throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            int candidate;
            try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                candidate = probe.getLocalPort();
            }
            try (DatagramSocket other = new DatagramSocket(new InetSocketAddress(GUEST, candidate))) {
                return other.getLocalPort();
            } catch (IOException e) {
                // taken on the other address: another one
            }
        }
        throw new IOException("no UDP port free on both 127.0.0.1 and " + GUEST);
    }

    @Test
    void aClosedGuestPortClosesTheClientAndTheForwardStays() throws Exception {
        forwards.add(forward());
        guest.close();
        try (Socket client = new Socket("127.0.0.1", port)) {
            client.setSoTimeout(10_000);
            assertThat(client.getInputStream().read()).isEqualTo(-1);
        }
        assertThat(forwards.connections(forward().key())).isZero();
    }

    /** A port free on 127.0.0.1 and on 127.0.0.2 (the forward and the guest use the same number). */
    private static int freePortOnBoth() throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            int candidate;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                candidate = probe.getLocalPort();
            }
            try (ServerSocket other = new ServerSocket(candidate, 1, InetAddress.getByName(GUEST))) {
                return other.getLocalPort();
            } catch (IOException e) {
                // taken on the other address: another one
            }
        }
        throw new IOException("no port free on both 127.0.0.1 and " + GUEST);
    }
}
