package dev.berth.bridge.vm.ports;

import dev.berth.bridge.vm.Qmp;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Forwards through QEMU's user network (slirp), asked over QMP: {@code hostfwd_add net0 tcp:127.0.0.1:8080-:8080}
 * makes QEMU listen on the host and relay every connection (or datagram, for udp) to the guest's port, over the
 * same virtual NIC the engine's own port uses. No extra process, TCP and UDP alike. The host port is tried first
 * with a real bind, because slirp's refusal says only "could not set up host forwarding rule"; the bind says
 * "address already in use".
 */
public final class QmpHostForwards implements HostForwards {

    private final Path qmpSocket;
    private final String netdev;
    private final boolean udp;

    /** {@code udp}: false on a restricted network, where slirp drops every datagram the guest sends (replies too). */
    public QmpHostForwards(Path qmpSocket, String netdev, boolean udp) {
        this.qmpSocket = qmpSocket;
        this.netdev = netdev;
        this.udp = udp;
    }

    /** The HMP rule text: {@code tcp:127.0.0.1:8080-:8080} (the guest address left to slirp's default, the guest's own). */
    public static String rule(PortForward forward) {
        return forward.protocol() + ":" + forward.hostIp() + ":" + forward.hostPort() + "-:" + forward.hostPort();
    }

    @Override
    public void add(PortForward forward) throws IOException {
        if (forward.protocol().equals("udp") && !udp) {
            throw new IOException("UDP needs the VM's network open (berth vm settings --network open, then restart):"
                    + " QEMU's restricted user network drops every datagram the guest sends");
        }
        checkFree(forward);
        String answer = hmp("hostfwd_add " + netdev + " " + rule(forward));
        if (!answer.isBlank()) {
            throw new IOException("QEMU refused the forward " + rule(forward) + ": " + answer.strip());
        }
    }

    @Override
    public void remove(PortForward forward) throws IOException {
        hmp("hostfwd_remove " + netdev + " " + forward.protocol() + ":" + forward.hostIp() + ":" + forward.hostPort());
    }

    private String hmp(String command) throws IOException {
        try (Qmp qmp = Qmp.connect(qmpSocket, Duration.ofSeconds(5))) {
            return qmp.execute("human-monitor-command", Map.of("command-line", command)).asString("");
        }
    }

    static void checkFree(PortForward forward) throws IOException {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(forward.hostIp()), forward.hostPort());
        try {
            if (forward.protocol().equals("udp")) {
                try (DatagramSocket socket = new DatagramSocket(address)) {
                    socket.getLocalPort();
                }
            } else {
                try (ServerSocket socket = new ServerSocket()) {
                    socket.setReuseAddress(true);
                    socket.bind(address);
                }
            }
        } catch (BindException e) {
            throw new IOException("host port " + forward.key() + " is already in use (" + e.getMessage() + ")");
        }
    }
}
