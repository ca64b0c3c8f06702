package dev.berth.bridge.vm;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything one QEMU command line is made of. {@code tscKhz} is the host's TSC frequency for microvm's
 * {@code tsc_early_khz} (0 when unknown or not needed). {@code sharing} is already resolved (9p or virtiofs,
 * never auto): with virtiofs each share's {@code virtiofsd} listens on {@link VmLayout#virtiofsSocket}.
 */
public record QemuLaunch(HostPlatform platform, Path qemu, Accelerator accelerator, MachineType machine, VmSettings settings,
                         Path kernel, Path initramfs, VmLayout layout, int enginePort, long tscKhz, List<VmShare> shares,
                         FileSharing sharing) {

    public QemuLaunch {
        shares = List.copyOf(shares);
        if (sharing == FileSharing.AUTO) {
            throw new IllegalArgumentException("resolve auto file sharing before building the command line");
        }
    }

    /** A launch without shares. */
    public QemuLaunch(HostPlatform platform, Path qemu, Accelerator accelerator, MachineType machine, VmSettings settings,
                      Path kernel, Path initramfs, VmLayout layout, int enginePort, long tscKhz) {
        this(platform, qemu, accelerator, machine, settings, kernel, initramfs, layout, enginePort, tscKhz, List.of(), FileSharing.NINE_P);
    }
}
