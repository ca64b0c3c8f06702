package dev.berth.bridge.vm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One way of running the engine VM: {@link QemuProvider}, {@link VfkitProvider} (Virtualization.framework),
 * {@link WslProvider} (a WSL2 distro); {@link ProviderSelector} picks one per host. The provider knows its
 * hypervisor; {@link VmManager} owns the lifecycle around it (image checks, instance files, readiness, the socket
 * relay, the state file), so a provider answers the four questions below; the defaults after them are QEMU's
 * answers to how the engine is reached and where the guest reports.
 */
public interface VmProvider {

    /** Short name, e.g. {@code qemu}. */
    String name();

    /** The hypervisor command line for this request (what {@link #start} runs), with its accelerator choice. */
    Plan plan(VmRequest request);

    /** Starts the VM detached from this process; returns the hypervisor's pid once it runs. */
    long start(Plan plan);

    /**
     * Stops the VM: first gracefully (the guest stops the engine, syncs and unmounts its data disk), then, when
     * {@code graceful} has passed, by force. Returns how it ended.
     */
    StopOutcome stop(VmLayout layout, long pid, Duration graceful);

    /** Why this provider cannot run a VM on this machine (its hypervisor is not installed), or empty when it can. */
    default Optional<String> unavailable() {
        return Optional.empty();
    }

    /** What the hypervisor process is doing now. */
    ProcessState status(VmLayout layout, long pid);

    /** How clients on the host reach the guest engine. */
    enum EngineAccess {
        /** {@link RelayMain}: the host socket, relayed over mutual TLS to a loopback port (QEMU's hostfwd, WSL2's localhost forwarding). */
        TLS_RELAY,
        /** The hypervisor serves the host socket itself (vfkit: a unix socket connected to the guest's vsock port); no relay. */
        HYPERVISOR_SOCKET
    }

    default EngineAccess engineAccess() {
        return EngineAccess.TLS_RELAY;
    }

    /** Whether the relay forwards published ports with QMP {@code hostfwd_add} (QEMU); WSL2 forwards localhost ports itself. */
    default boolean forwardsPortsOverQmp() {
        return true;
    }

    /**
     * Whether Berth forwards published ports itself, with sockets in a small process ({@link RelayMain#PORTS_ONLY}): vfkit,
     * whose NAT reaches the guest only at its leased address and which has no forwarding of its own.
     */
    default boolean forwardsPortsWithSockets() {
        return false;
    }

    /** Whether the instance has a data disk file (WSL2's distro keeps {@code /var/lib/docker} in its own virtual disk). */
    default boolean usesDataDisk() {
        return true;
    }

    /**
     * The guest's status lines ({@code BOOT}, {@code READY <uptime>}, {@code FAILED …}, {@code STOPPING}, {@code STOPPED …}):
     * by default the file QEMU writes the {@code berth.status} port to.
     */
    default List<String> guestStatus(VmLayout layout) {
        return readLines(layout.guestStatus());
    }

    /** The hypervisor's own output, quoted when it exits right after starting. */
    default Path log(VmLayout layout) {
        return layout.qemuLog();
    }

    /** Removes what the provider keeps outside the instance folder when the instance is deleted (WSL2: unregisters the distro). */
    default void delete(VmLayout layout) {}

    static List<String> readLines(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readAllLines(file, StandardCharsets.ISO_8859_1) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    record VmRequest(HostPlatform platform, VmSettings settings, VmImage image, VmLayout layout, int enginePort) {}

    /**
     * A ready-to-run command line and what was chosen for it (accelerator, machine, the probe's attempts).
     * {@code guestSettings} are shell variables for the guest's rc ({@code etc/berth/provider} in the config archive:
     * how its network is set up, whether the engine listens on vsock).
     */
    record Plan(VmRequest request, List<String> commandLine, String accelerator, String machine, List<String> probeNotes,
                List<Helper> helpers, String fileSharing, Map<String, String> guestSettings) {

        public Plan {
            guestSettings = Map.copyOf(guestSettings);
        }

        public Plan(VmRequest request, List<String> commandLine, String accelerator, String machine, List<String> probeNotes,
                    List<Helper> helpers, String fileSharing) {
            this(request, commandLine, accelerator, machine, probeNotes, helpers, fileSharing, Map.of());
        }

        public Plan(VmRequest request, List<String> commandLine, String accelerator, String machine, List<String> probeNotes) {
            this(request, commandLine, accelerator, machine, probeNotes, List.of(), "none");
        }
    }

    /** A process the hypervisor needs before it starts (a share's virtiofsd), ready once {@code socket} exists. */
    record Helper(String name, List<String> commandLine, Path socket, Path log) {}

    record StopOutcome(boolean forced, String how) {}

    enum ProcessState {
        /** The process is there and the hypervisor says the guest runs. */
        RUNNING,
        /** The process is there but does not answer its monitor (wedged or still starting). */
        UNRESPONSIVE,
        /** No such process (or the pid now belongs to another program). */
        GONE
    }
}
