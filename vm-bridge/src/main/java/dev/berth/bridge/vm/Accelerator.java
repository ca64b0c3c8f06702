package dev.berth.bridge.vm;

import java.util.List;

/** QEMU's accelerators, in the order Berth probes them; TCG (software emulation) always works. */
public enum Accelerator {
    HVF("hvf"), KVM("kvm"), WHPX("whpx"), TCG("tcg");

    public final String qemuName;

    Accelerator(String qemuName) {
        this.qemuName = qemuName;
    }

    /** The probing order. */
    public static List<Accelerator> probeOrder() {
        return List.of(HVF, KVM, WHPX, TCG);
    }

    /** Whether this accelerator can exist on {@code platform} at all (HVF: macOS, KVM: Linux, WHPX: Windows). */
    public boolean possibleOn(HostPlatform platform) {
        return switch (this) {
            case HVF -> platform.os() == HostPlatform.Os.MACOS;
            case KVM -> platform.os() == HostPlatform.Os.LINUX;
            case WHPX -> platform.os() == HostPlatform.Os.WINDOWS;
            case TCG -> true;
        };
    }

    /** The {@code -accel} value: WHPX with QEMU's own interrupt controller ({@code kernel-irqchip=off}). */
    public String accelOption() {
        return this == WHPX ? "whpx,kernel-irqchip=off" : qemuName;
    }

    /** Hardware accelerators pass the host CPU through; emulation offers everything it can emulate. */
    String cpuModel() {
        return this == KVM || this == HVF ? "host" : "max";
    }
}
