package dev.berth.bridge.vm;

/** What a profile's VM is doing, as {@code berth vm status} reports it. */
public enum VmState {
    /** Never started: no instance folder yet. */
    ABSENT,
    /** Stopped (cleanly or by force: see the status's last stop). */
    STOPPED,
    /** QEMU runs and the engine answers through the host socket. */
    RUNNING,
    /** QEMU runs but the engine (or the relay, or QMP) does not answer. */
    DEGRADED,
    /** QEMU is gone although nobody stopped it (killed, crashed, the host rebooted); the next start recovers. */
    CRASHED
}
