package dev.berth.bridge.vm;

import dev.berth.bridge.vm.ports.PortForwarder;
import dev.berth.bridge.vm.ports.QmpHostForwards;
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
 * forwarding), so no QMP {@code hostfwd} follower runs.
 */
public final class RelayMain {

    public static final String NO_PORT_FORWARDS = "--no-port-forwards";

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
        try (EngineSocketRelay relay = EngineSocketRelay.start(layout.engineSocket(), layout.tlsDir(), port)) {
            Files.writeString(layout.relayPidFile(), ProcessHandle.current().pid() + "\n");
            System.err.println("relay: " + layout.engineSocket() + " -> TLS 127.0.0.1:" + port + " (QEMU pid " + qemuPid + ")");
            // Published ports follow the engine's events for as long as the VM runs (the relay's lifetime).
            if (!List.of(args).contains(NO_PORT_FORWARDS)) {
                Thread.ofVirtual().name("port-forwarder").start(() -> forwardPorts(layout));
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

    /** Connects through the relay's own socket once the guest engine answers (it may still be starting), then follows its events. */
    private static void forwardPorts(VmLayout layout) {
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
        try (EngineClient client = engine; PortForwarder ports = new PortForwarder(client, new QmpHostForwards(layout.qmp(), QemuCommandLine.NETDEV, openNetwork(layout)),
                layout.portsFile(), PortForwarder.localAddresses(), line -> System.err.println("ports: " + line))) {
            ports.closeStale();
            ports.run();
        }
    }
}
