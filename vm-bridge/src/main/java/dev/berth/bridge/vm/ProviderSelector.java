package dev.berth.bridge.vm;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Picks the provider for a host, pure over {@link HostTools} (tests fake the machine):
 * <ul>
 * <li>Linux: QEMU; its accelerator (KVM, else TCG) is probed for real at start by {@link AcceleratorProbe}.</li>
 * <li>macOS: vfkit when installed (Apple's Virtualization.framework: the fastest boot, virtio-fs shares, the engine
 *     over vsock), else QEMU with HVF ({@code qemu-system-aarch64 -machine virt,highmem=on -cpu host} on Apple
 *     silicon, {@code qemu-system-x86_64 -machine q35} on Intel).</li>
 * <li>Windows: WSL2 when {@code wsl.exe --status} says it works (a {@code Berth} distro imported from the rootfs
 *     tarball), else QEMU with WHPX ({@code -accel whpx,kernel-irqchip=off}).</li>
 * </ul>
 * {@code berth.vm.provider} / {@code BERTH_VM_PROVIDER} (auto, qemu, vfkit, wsl2) overrides the choice.
 */
public final class ProviderSelector {

    public static final String VFKIT_MISSING = "vfkit is not installed: brew install vfkit, or Berth falls back to QEMU";
    static final Duration WSL_STATUS_TIMEOUT = Duration.ofSeconds(10);

    private ProviderSelector() {}

    public static ProviderChoice choose(HostPlatform platform, HostTools tools, Optional<ProviderKind> override) {
        List<String> reasons = new ArrayList<>();
        if (override.isPresent()) {
            ProviderKind kind = override.get();
            if (kind == ProviderKind.VFKIT && platform.os() != HostPlatform.Os.MACOS) {
                throw new IllegalArgumentException("berth.vm.provider=vfkit: vfkit runs on macOS only (this is " + describe(platform) + ")");
            }
            if (kind == ProviderKind.WSL2 && platform.os() != HostPlatform.Os.WINDOWS) {
                throw new IllegalArgumentException("berth.vm.provider=wsl2: WSL2 exists on Windows only (this is " + describe(platform) + ")");
            }
            reasons.add("provider " + kind.key + " chosen by berth.vm.provider / BERTH_VM_PROVIDER");
            return new ProviderChoice(kind, defaultAccelerator(kind, platform), reasons);
        }
        switch (platform.os()) {
            case MACOS -> {
                Optional<Path> vfkit = tools.find("vfkit");
                if (vfkit.isPresent()) {
                    reasons.add("vfkit at " + vfkit.get() + ": Apple's Virtualization.framework");
                    return new ProviderChoice(ProviderKind.VFKIT, "vz", reasons);
                }
                reasons.add(VFKIT_MISSING);
                reasons.add("QEMU with HVF (" + platform.qemuBinaryName() + ", " + (platform.arch() == HostPlatform.Arch.AARCH64
                        ? "-machine virt,highmem=on -cpu host" : "-machine q35 -cpu host") + ")");
                return new ProviderChoice(ProviderKind.QEMU, "hvf", reasons);
            }
            case WINDOWS -> {
                Optional<String> wslMissing = wslUnavailable(tools);
                if (wslMissing.isEmpty()) {
                    reasons.add("WSL2 is available (wsl.exe --status): a Berth distro runs the engine");
                    return new ProviderChoice(ProviderKind.WSL2, "wsl2", reasons);
                }
                reasons.add(wslMissing.get());
                reasons.add("QEMU with WHPX (-accel whpx,kernel-irqchip=off; needs the Windows Hypervisor Platform feature)");
                return new ProviderChoice(ProviderKind.QEMU, "whpx", reasons);
            }
            default -> {
                reasons.add("QEMU with KVM when a test boot works, else TCG");
                return new ProviderChoice(ProviderKind.QEMU, "kvm|tcg", reasons);
            }
        }
    }

    private static String defaultAccelerator(ProviderKind kind, HostPlatform platform) {
        return switch (kind) {
            case VFKIT -> "vz";
            case WSL2 -> "wsl2";
            case QEMU -> switch (platform.os()) {
                case MACOS -> "hvf";
                case WINDOWS -> "whpx";
                case LINUX -> "kvm|tcg";
            };
        };
    }

    static String describe(HostPlatform platform) {
        return platform.os().name().toLowerCase(Locale.ROOT) + "/" + platform.arch().qemuName;
    }

    /**
     * Why WSL2 cannot run the engine here, or empty when {@code wsl.exe --status} says it can. The decision rests on
     * the exit code (the text is translated on non-English Windows) plus the English phrases of the one case that
     * exits 0 without a usable WSL2: the Virtual Machine Platform feature switched off.
     */
    static Optional<String> wslUnavailable(HostTools tools) {
        Optional<Path> wsl = tools.find("wsl.exe");
        if (wsl.isEmpty()) {
            return Optional.of("WSL is not installed (no wsl.exe): 'wsl --install' as administrator, or Berth uses QEMU");
        }
        AcceleratorProbe.Runner.Outcome outcome;
        try {
            outcome = tools.run(List.of(wsl.get().toString(), "--status"), WSL_STATUS_TIMEOUT);
        } catch (IOException e) {
            return Optional.of("cannot run " + wsl.get() + " --status: " + e.getMessage());
        }
        if (outcome.timedOut()) {
            return Optional.of("wsl.exe --status did not answer within " + WSL_STATUS_TIMEOUT.toSeconds() + " s");
        }
        String text = WslCommands.decode(outcome.output());
        String last = text.strip().lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("no output");
        if (outcome.exitCode() != 0) {
            return Optional.of("WSL is not ready (wsl.exe --status exited " + outcome.exitCode() + ": " + last + "): 'wsl --install', or Berth uses QEMU");
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains("virtual machine platform") || lower.contains("wsl 2 requires") || lower.contains("enable virtualization")) {
            return Optional.of("WSL2 cannot start VMs here (" + last + "): enable the Virtual Machine Platform feature and virtualization in the firmware");
        }
        return Optional.empty();
    }
}
