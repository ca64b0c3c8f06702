package dev.berth.bridge.vm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One way of running the engine VM (QEMU today; Virtualization.framework through vfkit and WSL2 later). The
 * provider knows its hypervisor; {@link VmManager} owns the lifecycle around it (image checks, instance files,
 * readiness, the socket relay, the state file), so a new provider only answers these four questions.
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

    record VmRequest(HostPlatform platform, VmSettings settings, VmImage image, VmLayout layout, int enginePort) {}

    /** A ready-to-run command line and what was chosen for it (accelerator, machine, the probe's attempts). */
    record Plan(VmRequest request, List<String> commandLine, String accelerator, String machine, List<String> probeNotes,
                List<Helper> helpers, String fileSharing) {

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
