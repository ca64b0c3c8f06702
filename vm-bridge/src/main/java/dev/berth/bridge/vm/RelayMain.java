package dev.berth.bridge.vm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The relay as its own small process, started detached by {@link VmManager#start} so the engine socket outlives
 * the {@code berth vm start} that made it: {@code RelayMain <instance dir> <port> <qemu pid>}. It writes its pid
 * file and exits (removing the socket) as soon as the QEMU process is gone, so a relay never outlives its VM.
 */
public final class RelayMain {

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
            qemu.get().onExit().join();
            System.err.println("relay: QEMU exited after " + relay.connections() + " connections; closing the socket");
        } finally {
            Files.deleteIfExists(layout.relayPidFile());
        }
    }
}
