package dev.berth.bridge.vm.ports;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Forwards in this process, for a hypervisor with no forwarding of its own (vfkit: Virtualization.framework's NAT
 * reaches the guest only at its leased address). {@link #add} listens on {@code hostIp:hostPort} and connects each
 * client to the same port at the guest's address, where the guest engine published it, piping both directions on
 * virtual threads; an end that closes its output half-closes the other side (so a request body ends, and the
 * answer still comes back); an error closes both. {@link #remove} closes the listener and every live connection.
 * TCP only: a udp forward is refused with a reason, which {@link PortForwarder} reports on the service.
 */
public final class SocketHostForwards implements HostForwards, AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final Supplier<String> guestAddress;
    private final Map<String, Listener> listeners = new ConcurrentHashMap<>();

    /** {@code guestAddress}: asked at each connection, since the guest learns (and may renew) its lease while forwards exist. */
    public SocketHostForwards(Supplier<String> guestAddress) {
        this.guestAddress = guestAddress;
    }

    @Override
    public void add(PortForward forward) throws IOException {
        if (!forward.protocol().equals("tcp")) {
            throw new IOException(forward.protocol() + " is not forwarded by Berth's own forwarder (TCP only; vfkit has no forwarding of its own):"
                    + " reach the port at the VM's address");
        }
        if (listeners.containsKey(forward.key())) {
            return;
        }
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
        Thread.ofVirtual().name("forward-" + forward.key()).start(listener::accept);
    }

    @Override
    public void remove(PortForward forward) throws IOException {
        Listener listener = listeners.remove(forward.key());
        if (listener != null) {
            listener.close();
        }
    }

    /** How many client connections the forward of this key has open now (tests and reports). */
    public int connections(String key) {
        Listener listener = listeners.get(key);
        return listener == null ? 0 : listener.clients.size();
    }

    @Override
    public void close() {
        for (String key : Set.copyOf(listeners.keySet())) {
            Listener listener = listeners.remove(key);
            if (listener != null) {
                listener.close();
            }
        }
    }

    /** One forward: its listening socket and the connections it made, closed together. */
    private final class Listener {

        private final PortForward forward;
        private final ServerSocketChannel server;
        private final Set<SocketChannel> live = ConcurrentHashMap.newKeySet();
        private final Set<SocketChannel> clients = ConcurrentHashMap.newKeySet();
        private volatile boolean closed;

        Listener(PortForward forward, ServerSocketChannel server) {
            this.forward = forward;
            this.server = server;
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

        void close() {
            closed = true;
            try {
                server.close();
            } catch (IOException e) {
                // the port is released either way
            }
            for (SocketChannel channel : Set.copyOf(live)) {
                closeQuietly(channel);
            }
        }
    }
}
