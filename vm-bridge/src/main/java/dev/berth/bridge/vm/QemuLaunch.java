package dev.berth.bridge.vm;

import java.nio.file.Path;

/**
 * Everything one QEMU command line is made of. {@code tscKhz} is the host's TSC frequency for microvm's
 * {@code tsc_early_khz} (0 when unknown or not needed).
 */
public record QemuLaunch(HostPlatform platform, Path qemu, Accelerator accelerator, MachineType machine, VmSettings settings,
                         Path kernel, Path initramfs, VmLayout layout, int enginePort, long tscKhz) {}
