package dev.berth.bridge.vm;

import dev.berth.bridge.vm.ports.HostForwards;
import dev.berth.bridge.vm.ports.PortForwarder;
import dev.berth.bridge.vm.ports.QmpHostForwards;
import dev.berth.bridge.vm.ports.SocketHostForwards;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EngineEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The relay as its own small process, started detached by {@link VmManager#start} so the engine socket outlives
 * the {@code berth vm start} that made it: {@code RelayMain <instance dir> <port> <qemu pid> [--no-port-forwards]}.
 * It writes its pid file and exits (removing the socket) as soon as the hypervisor process is gone, so a relay never
 * outlives its VM. {@code --no-port-forwards}: the provider forwards published ports itself (WSL2's localhost
 * forwarding), so no QMP {@code hostfwd} follower runs. {@code --ports-only} (vfkit, which serves the engine socket
 * itself): no relay, only the published ports, forwarded with sockets from the host's 127.0.0.1 to the guest's NAT
 * address ({@link SocketHostForwards}; the address is the guest's {@code ADDR} status line).
 */
public final class RelayMain {

    public static final String NO_PORT_FORWARDS = "--no-port-forwards";
    public static final String PORTS_ONLY = "--ports-only";

    private RelayMain() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        Path dir = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        long qemuPid = Long.parseLong(args[2]);
        VmLayout layout = new VmLayout(dir.getFileName().toString(), dir);
        Optional<ProcessHandle> qemu = ProcessHandle.of(qemuPid);
        if (qemu.isEmpty()) {
            System.err.println("relay: QEMU (pid " + qemuPid + ") is not running");
            System.exit(2);
        }
        if (List.of(args).contains(PORTS_ONLY)) {
            forwardPortsOnly(layout, qemu.get());
            return;
        }
        try (EngineSocketRelay relay = EngineSocketRelay.start(layout.engineSocket(), layout.tlsDir(), port)) {
            Files.writeString(layout.relayPidFile(), ProcessHandle.current().pid() + "\n");
            System.err.println("relay: " + layout.engineSocket() + " -> TLS 127.0.0.1:" + port + " (QEMU pid " + qemuPid + ")");
            // Published ports follow the engine's events for as long as the VM runs (the relay's lifetime).
            if (!List.of(args).contains(NO_PORT_FORWARDS)) {
                Thread.ofVirtual().name("port-forwarder").start(() -> forwardPorts(layout,
                        new QmpHostForwards(layout.qmp(), QemuCommandLine.NETDEV, openNetwork(layout))));
            }
            qemu.get().onExit().join();
            Files.deleteIfExists(layout.portsFile()); // the VM is gone and every forward with it
            System.err.println("relay: QEMU exited after " + relay.connections() + " connections; closing the socket");
        } finally {
            Files.deleteIfExists(layout.relayPidFile());
        }
    }

    /** What the VM booted with (the config disk), not the settings file, which may have changed since. */
    private static boolean openNetwork(VmLayout layout) {
        try {
            return ConfigArchive.read(layout.configDisk()).openNetwork();
        } catch (IOException e) {
            return false;
        }
    }

    /** vfkit: the published ports only, to the guest's leased address, for as long as vfkit runs. */
    private static void forwardPortsOnly(VmLayout layout, ProcessHandle hypervisor) throws IOException {
        Files.writeString(layout.relayPidFile(), ProcessHandle.current().pid() + "\n");
        try {
            Optional<String> address = awaitGuestAddress(layout, hypervisor);
            if (address.isEmpty()) {
                System.err.println("ports: the guest reported no address (no ADDR status line: an image older than the port forwarder?);"
                        + " published ports are reachable only at the VM's NAT address");
                hypervisor.onExit().join();
            } else {
                System.err.println("ports: forwarding published ports from 127.0.0.1 to the guest at " + address.get() + " (pid " + hypervisor.pid() + ")");
                try (SocketHostForwards sockets = new SocketHostForwards(address::get)) {
                    Thread.ofVirtual().name("port-forwarder").start(() -> forwardPorts(layout, sockets));
                    hypervisor.onExit().join();
                }
            }
            Files.deleteIfExists(layout.portsFile()); // the VM is gone and every forward with it
        } finally {
            Files.deleteIfExists(layout.relayPidFile());
        }
    }

    /** The guest reports its lease before READY, so it is normally there at once; a minute at most, while the VM runs. */
    private static Optional<String> awaitGuestAddress(VmLayout layout, ProcessHandle hypervisor) {
        long until = System.nanoTime() + 60_000_000_000L;
        while (hypervisor.isAlive() && System.nanoTime() < until) {
            Optional<String> address = VfkitProvider.guestAddress(VfkitProvider.statusLines(VmProvider.readLines(layout.console())));
            if (address.isPresent()) {
                return address;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Connects through the engine socket once the guest engine answers (it may still be starting), then follows its events. */
    private static void forwardPorts(VmLayout layout, HostForwards forwards) {
        EngineClient engine = null;
        while (engine == null) {
            try {
                engine = EngineClient.connect(new EngineEndpoint.Unix(layout.engineSocket()));
            } catch (RuntimeException e) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
        try (EngineClient client = engine; PortForwarder ports = new PortForwarder(client, forwards, layout.portsFile(), PortForwarder.localAddresses(), line -> System.err.println("ports: " + line))) {
            ports.closeStale();
            ports.run();
        }
    }
}
