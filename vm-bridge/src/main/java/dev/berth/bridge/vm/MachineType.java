package dev.berth.bridge.vm;

/**
 * The QEMU machine: {@code microvm} on x86 Linux hosts (no PCI, no firmware to run: the fastest boot; virtio
 * devices on MMIO, described in ACPI), {@code q35} on other x86 hosts, {@code virt} on arm64.
 */
public enum MachineType {
    MICROVM("microvm,acpi=on", "-device", "ttyS0"),
    Q35("q35", "-pci", "ttyS0"),
    VIRT("virt", "-pci", "ttyAMA0");

    final String qemuMachine;
    /** The virtio device name suffix: {@code virtio-net-device} on MMIO, {@code virtio-net-pci} on PCI. */
    final String virtioSuffix;
    final String console;

    MachineType(String qemuMachine, String virtioSuffix, String console) {
        this.qemuMachine = qemuMachine;
        this.virtioSuffix = virtioSuffix;
        this.console = console;
    }

    public static MachineType choose(HostPlatform platform) {
        if (platform.arch() == HostPlatform.Arch.AARCH64) {
            return VIRT;
        }
        return platform.os() == HostPlatform.Os.LINUX ? MICROVM : Q35;
    }

    /**
     * microvm has neither HPET nor an ACPI PM timer: when the PIT cannot be calibrated (a loaded host under
     * TCG) the kernel hangs before its first console line unless it is told the TSC frequency.
     */
    boolean needsTscHint() {
        return this == MICROVM;
    }
}
