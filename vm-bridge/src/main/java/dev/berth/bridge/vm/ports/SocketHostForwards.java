package dev.berth.bridge.vm.ports;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Forwards in this process, for a hypervisor with no forwarding of its own (vfkit: Virtualization.framework's NAT
 * reaches the guest only at its leased address). {@link #add} listens on {@code hostIp:hostPort} and connects each
 * client to the same port at the guest's address, where the guest engine published it, piping both directions on
 * virtual threads; an end that closes its output half-closes the other side (so a request body ends, and the
 * answer still comes back); an error closes both. UDP: one socket on the host port, and per client address a
 * session (its own socket connected to the guest's port) whose replies go back to that client; a session idle for
 * {@link #UDP_IDLE} is closed, as NAT tables do. {@link #remove} closes the listener and every live connection or session.
 */
public final class SocketHostForwards implements HostForwards, AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** How long a UDP client may stay silent (both ways) before its session is closed. */
    public static final Duration UDP_IDLE = Duration.ofSeconds(60);

    private final Supplier<String> guestAddress;
    private final Duration udpIdle;
    private final Map<String, Forward> listeners = new ConcurrentHashMap<>();

    /** {@code guestAddress}: asked at each connection, since the guest learns (and may renew) its lease while forwards exist. */
    public SocketHostForwards(Supplier<String> guestAddress) {
        this(guestAddress, UDP_IDLE);
    }

    SocketHostForwards(Supplier<String> guestAddress, Duration udpIdle) {
        this.guestAddress = guestAddress;
        this.udpIdle = udpIdle;
    }

    /** One open forward, TCP or UDP. */
    private interface Forward {
        int connections();

        void close();
    }

    /**
     * Waits for the thread blocked on a closed socket to leave it: only then is the port released (the JDK closes a
     * socket's file descriptor once no thread is in it), so a remove followed at once by an add of the same port works.
     */
    private static void awaitReleased(Thread worker) {
        if (worker == null || worker == Thread.currentThread()) {
            return;
        }
        try {
            worker.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void add(PortForward forward) throws IOException {
        if (listeners.containsKey(forward.key())) {
            return;
        }
        if (forward.protocol().equals("udp")) {
            addUdp(forward);
            return;
        }
        if (!forward.protocol().equals("tcp")) {
            throw new IOException(forward.protocol() + " is not forwarded by Berth's own forwarder (TCP and UDP only)");
        }
        refuseBesideAWildcardListener(forward);
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(new InetSocketAddress(InetAddress.getByName(forward.hostIp()), forward.hostPort()), 128);
        } catch (BindException e) {
            server.close();
            throw new IOException("host port " + forward.key() + " is already in use (" + e.getMessage() + ")");
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        Listener listener = new Listener(forward, server);
        listeners.put(forward.key(), listener);
        listener.worker = Thread.ofVirtual().name("forward-" + forward.key()).start(listener::accept);
    }

    /**
     * macOS (BSD) lets a SO_REUSEADDR socket bind 127.0.0.1:P beside another program's listener on every address at P,
     * which would then lose its local clients to the forward without a word; Linux refuses that bind. So on macOS the
     * wildcard address is tried first: a refusal there is the port being taken.
     */
    private static void refuseBesideAWildcardListener(PortForward forward) throws IOException {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac")) {
            return;
        }
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            probe.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            probe.bind(new InetSocketAddress(forward.hostPort()));
        } catch (BindException e) {
            throw new IOException("host port " + forward.key() + " is already in use (another program listens on every address: " + e.getMessage() + ")");
        }
    }

    private void addUdp(PortForward forward) throws IOException {
        DatagramSocket socket = new DatagramSocket(null);
        try {
            socket.bind(new InetSocketAddress(InetAddress.getByName(forward.hostIp()), forward.hostPort()));
        } catch (BindException e) {
            socket.close();
            throw new IOException("host port " + forward.key() + " is already in use (" + e.getMessage() + ")");
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        UdpForward udp = new UdpForward(forward, socket);
        listeners.put(forward.key(), udp);
        udp.worker = Thread.ofVirtual().name("forward-" + forward.key()).start(udp::receive);
    }

    @Override
    public void remove(PortForward forward) throws IOException {
        Forward listener = listeners.remove(forward.key());
        if (listener != null) {
            listener.close();
        }
    }

    /** How many client connections (UDP: client sessions) the forward of this key has open now (tests and reports). */
    public int connections(String key) {
        Forward listener = listeners.get(key);
        return listener == null ? 0 : listener.connections();
    }

    @Override
    public void close() {
        for (String key : Set.copyOf(listeners.keySet())) {
            Forward listener = listeners.remove(key);
            if (listener != null) {
                listener.close();
            }
        }
    }

    /** One forward: its listening socket and the connections it made, closed together. */
    private final class Listener implements Forward {

        private final PortForward forward;
        private final ServerSocketChannel server;
        private final Set<SocketChannel> live = ConcurrentHashMap.newKeySet();
        private final Set<SocketChannel> clients = ConcurrentHashMap.newKeySet();
        private volatile boolean closed;
        private volatile Thread worker;

        Listener(PortForward forward, ServerSocketChannel server) {
            this.forward = forward;
            this.server = server;
        }

        @Override
        public int connections() {
            return clients.size();
        }

        void accept() {
            while (!closed) {
                SocketChannel client;
                try {
                    client = server.accept();
                } catch (IOException e) {
                    return; // closed by remove()
                }
                Thread.ofVirtual().name("forward-" + forward.key() + "-client").start(() -> connect(client));
            }
        }

        private void connect(SocketChannel client) {
            live.add(client);
            clients.add(client);
            SocketChannel guest = null;
            try {
                guest = SocketChannel.open();
                live.add(guest);
                if (closed) {
                    return;
                }
                guest.socket().connect(new InetSocketAddress(guestAddress.get(), forward.hostPort()), (int) CONNECT_TIMEOUT.toMillis());
                SocketChannel upstream = guest;
                Thread back = Thread.ofVirtual().name("forward-" + forward.key() + "-back").start(() -> pipe(upstream, client));
                pipe(client, guest);
                back.join();
            } catch (IOException | RuntimeException e) {
                // the guest's port is not open (or the guest has no address yet): the client sees its connection closed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                clients.remove(client);
                closeQuietly(client);
                closeQuietly(guest);
            }
        }

        /** Copies until {@code from} ends, then half-closes {@code to}; an error closes both ends. */
        private void pipe(SocketChannel from, SocketChannel to) {
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            try {
                while (from.read(buffer) >= 0) {
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        to.write(buffer);
                    }
                    buffer.clear();
                }
                to.shutdownOutput();
            } catch (IOException e) {
                closeQuietly(from);
                closeQuietly(to);
            }
        }

        private void closeQuietly(SocketChannel channel) {
            if (channel == null) {
                return;
            }
            live.remove(channel);
            try {
                channel.close();
            } catch (IOException e) {
                // closing anyway
            }
        }

        @Override
        public void close() {
            closed = true;
            try {
                server.close();
            } catch (IOException e) {
                // the port is released either way
            }
            for (SocketChannel channel : Set.copyOf(live)) {
                closeQuietly(channel);
            }
            awaitReleased(worker);
        }
    }
    /** One UDP forward: the host socket, and a session per client address with its own socket to the guest. */
    private final class UdpForward implements Forward {

        private final PortForward forward;
        private final DatagramSocket host;
        private final Map<SocketAddress, UdpSession> sessions = new ConcurrentHashMap<>();
        private volatile boolean closed;
        private volatile Thread worker;

        UdpForward(PortForward forward, DatagramSocket host) {
            this.forward = forward;
            this.host = host;
        }

        @Override
        public int connections() {
            return sessions.size();
        }

        void receive() {
            byte[] buffer = new byte[65_535];
            while (!closed) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    host.receive(packet);
                } catch (IOException e) {
                    return; // closed by remove()
                }
                SocketAddress client = packet.getSocketAddress();
                try {
                    UdpSession session = sessions.get(client);
                    if (session == null) {
                        session = new UdpSession(client);
                        sessions.put(client, session);
                        UdpSession started = session;
                        Thread.ofVirtual().name("forward-" + forward.key() + "-session").start(started::replies);
                    }
                    session.touch();
                    session.guest.send(new DatagramPacket(packet.getData(), packet.getOffset(), packet.getLength()));
                } catch (IOException | RuntimeException e) {
                    UdpSession broken = sessions.remove(client);
                    if (broken != null) {
                        broken.guest.close();
                    }
                }
            }
        }

        /** A client's datagrams to the guest, and the guest's replies back to that client. */
        private final class UdpSession {

            private final SocketAddress client;
            private final DatagramSocket guest;
            private volatile long lastUsed = System.nanoTime();

            UdpSession(SocketAddress client) throws IOException {
                this.client = client;
                this.guest = new DatagramSocket();
                guest.connect(new InetSocketAddress(guestAddress.get(), forward.hostPort()));
                guest.setSoTimeout((int) Math.max(1, udpIdle.toMillis() / 2));
            }

            void touch() {
                lastUsed = System.nanoTime();
            }

            void replies() {
                byte[] buffer = new byte[65_535];
                try {
                    while (!closed && !guest.isClosed()) {
                        DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
                        try {
                            guest.receive(reply);
                        } catch (SocketTimeoutException e) {
                            if (System.nanoTime() - lastUsed > udpIdle.toNanos()) {
                                return; // idle: the session ends
                            }
                            continue;
                        } catch (PortUnreachableException e) {
                            continue; // nothing listens in the guest (yet): the client's datagram is lost, as it would be
                        }
                        touch();
                        host.send(new DatagramPacket(reply.getData(), reply.getOffset(), reply.getLength(), client));
                    }
                } catch (IOException e) {
                    // closed by remove(), or the host socket failed
                } finally {
                    sessions.remove(client, this);
                    guest.close();
                }
            }
        }

        @Override
        public void close() {
            closed = true;
            host.close();
            for (UdpSession session : List.copyOf(sessions.values())) {
                session.guest.close();
            }
            sessions.clear();
            awaitReleased(worker);
        }
    }
}
