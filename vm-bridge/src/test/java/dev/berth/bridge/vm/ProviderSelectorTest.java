package dev.berth.bridge.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.bridge.vm.HostPlatform.Arch;
import dev.berth.bridge.vm.HostPlatform.Os;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Host detection and the provider each host gets, on a scripted machine (macOS and Windows decided without one). */
class ProviderSelectorTest {

    private static final HostPlatform LINUX = new HostPlatform(Os.LINUX, Arch.X86_64);
    private static final HostPlatform APPLE_SILICON = new HostPlatform(Os.MACOS, Arch.AARCH64);
    private static final HostPlatform INTEL_MAC = new HostPlatform(Os.MACOS, Arch.X86_64);
    private static final HostPlatform WINDOWS = new HostPlatform(Os.WINDOWS, Arch.X86_64);
    private static final String WSL = "C:\\Windows\\System32\\wsl.exe";

    @Test
    void javaPropertiesNameTheHost() {
        assertThat(HostPlatform.of("Mac OS X", "aarch64")).isEqualTo(APPLE_SILICON);
        assertThat(HostPlatform.of("Mac OS X", "x86_64")).isEqualTo(INTEL_MAC);
        assertThat(HostPlatform.of("Darwin", "arm64")).isEqualTo(APPLE_SILICON);
        assertThat(HostPlatform.of("Windows 11", "amd64")).isEqualTo(WINDOWS);
        assertThat(HostPlatform.of("Windows 10", "aarch64")).isEqualTo(new HostPlatform(Os.WINDOWS, Arch.AARCH64));
        assertThat(HostPlatform.of("Linux", "amd64")).isEqualTo(LINUX);
        assertThat(HostPlatform.of("Linux", "aarch64")).isEqualTo(new HostPlatform(Os.LINUX, Arch.AARCH64));
        assertThat(APPLE_SILICON.qemuBinaryName()).isEqualTo("qemu-system-aarch64");
        assertThat(WINDOWS.qemuBinaryName()).isEqualTo("qemu-system-x86_64.exe");
    }

    @Test
    void linuxGetsQemuWithTheAcceleratorProbedAtStart() {
        ProviderChoice choice = ProviderSelector.choose(LINUX, new FakeHostTools().install("vfkit", "/usr/bin/vfkit"), Optional.empty());
        assertThat(choice.kind()).isEqualTo(ProviderKind.QEMU);
        assertThat(choice.accelerator()).isEqualTo("kvm|tcg");
    }

    @Test
    void aMacWithVfkitGetsVirtualizationFramework() {
        ProviderChoice choice = ProviderSelector.choose(APPLE_SILICON, new FakeHostTools().install("vfkit", "/opt/homebrew/bin/vfkit"), Optional.empty());
        assertThat(choice.kind()).isEqualTo(ProviderKind.VFKIT);
        assertThat(choice.accelerator()).isEqualTo("vz");
        assertThat(choice.reasons()).containsExactly("vfkit at /opt/homebrew/bin/vfkit: Apple's Virtualization.framework");
    }

    @Test
    void aMacWithoutVfkitFallsBackToQemuWithHvfAndSaysSo() {
        ProviderChoice arm = ProviderSelector.choose(APPLE_SILICON, new FakeHostTools(), Optional.empty());
        assertThat(arm.kind()).isEqualTo(ProviderKind.QEMU);
        assertThat(arm.accelerator()).isEqualTo("hvf");
        assertThat(arm.reasons()).containsExactly("vfkit is not installed: brew install vfkit, or Berth falls back to QEMU",
                "QEMU with HVF (qemu-system-aarch64, -machine virt,highmem=on -cpu host)");
        ProviderChoice intel = ProviderSelector.choose(INTEL_MAC, new FakeHostTools(), Optional.empty());
        assertThat(intel.reasons().get(1)).isEqualTo("QEMU with HVF (qemu-system-x86_64, -machine q35 -cpu host)");
    }

    @Test
    void windowsWithAWorkingWslGetsTheDistro() {
        FakeHostTools tools = new FakeHostTools().install("wsl.exe", WSL)
                .answer("--status", 0, FakeHostTools.utf16("Default Distribution: Ubuntu\r\nDefault Version: 2\r\n"));
        ProviderChoice choice = ProviderSelector.choose(WINDOWS, tools, Optional.empty());
        assertThat(choice.kind()).isEqualTo(ProviderKind.WSL2);
        assertThat(tools.ran).containsExactly(List.of(WSL, "--status"));
    }

    @Test
    void windowsWithoutWslFallsBackToQemuWithWhpx() {
        ProviderChoice missing = ProviderSelector.choose(WINDOWS, new FakeHostTools(), Optional.empty());
        assertThat(missing.kind()).isEqualTo(ProviderKind.QEMU);
        assertThat(missing.accelerator()).isEqualTo("whpx");
        assertThat(missing.reasons().getFirst()).isEqualTo("WSL is not installed (no wsl.exe): 'wsl --install' as administrator, or Berth uses QEMU");

        FakeHostTools notInstalled = new FakeHostTools().install("wsl.exe", WSL).answer("--status", 1,
                FakeHostTools.utf16("The Windows Subsystem for Linux is not installed. You can install by running 'wsl.exe --install'.\r\n"));
        assertThat(ProviderSelector.choose(WINDOWS, notInstalled, Optional.empty()).reasons().getFirst())
                .isEqualTo("WSL is not ready (wsl.exe --status exited 1: The Windows Subsystem for Linux is not installed. You can install by running"
                        + " 'wsl.exe --install'.): 'wsl --install', or Berth uses QEMU");

        FakeHostTools noVmPlatform = new FakeHostTools().install("wsl.exe", WSL).answer("--status", 0,
                "Default Version: 2\nWSL 2 requires an update to its kernel component. Please enable the Virtual Machine Platform feature.\n");
        ProviderChoice vmp = ProviderSelector.choose(WINDOWS, noVmPlatform, Optional.empty());
        assertThat(vmp.kind()).isEqualTo(ProviderKind.QEMU);
        assertThat(vmp.reasons().getFirst()).startsWith("WSL2 cannot start VMs here").contains("Virtual Machine Platform");

        FakeHostTools hangs = new FakeHostTools().install("wsl.exe", WSL).hang("--status");
        assertThat(ProviderSelector.choose(WINDOWS, hangs, Optional.empty()).reasons().getFirst()).isEqualTo("wsl.exe --status did not answer within 10 s");
    }

    @Test
    void theOverrideWinsWhereItCanRun() {
        FakeHostTools tools = new FakeHostTools().install("vfkit", "/opt/homebrew/bin/vfkit");
        assertThat(ProviderSelector.choose(APPLE_SILICON, tools, ProviderKind.parse("qemu")).kind()).isEqualTo(ProviderKind.QEMU);
        assertThat(ProviderSelector.choose(APPLE_SILICON, tools, ProviderKind.parse("auto")).kind()).isEqualTo(ProviderKind.VFKIT);
        assertThatThrownBy(() -> ProviderSelector.choose(LINUX, tools, ProviderKind.parse("vfkit")))
                .hasMessage("berth.vm.provider=vfkit: vfkit runs on macOS only (this is linux/x86_64)");
        assertThatThrownBy(() -> ProviderSelector.choose(APPLE_SILICON, tools, ProviderKind.parse("wsl2")))
                .hasMessageContaining("WSL2 exists on Windows only");
        assertThatThrownBy(() -> ProviderKind.parse("hyperkit")).hasMessage("the VM provider is auto, qemu, vfkit or wsl2 (was 'hyperkit')");
    }

    @Test
    void unavailableProvidersSayWhatToInstall() {
        assertThat(new VfkitProvider(APPLE_SILICON, Path.of("/nowhere/vfkit")).unavailable())
                .contains("vfkit is not installed: brew install vfkit, or Berth falls back to QEMU (no /nowhere/vfkit)");
        assertThat(new VfkitProvider(LINUX, Path.of("/nowhere/vfkit")).unavailable()).contains("vfkit runs on macOS only");
        assertThat(QemuProvider.installHint(APPLE_SILICON)).isEqualTo("brew install qemu");
        assertThat(QemuProvider.installHint(WINDOWS)).startsWith("winget install SoftwareFreedomConservancy.QEMU");
        WslProvider wsl = new WslProvider(Path.of(WSL), Path.of("/image/wsl-rootfs.tar"),
                new FakeHostTools().install("wsl.exe", WSL).answer("--status", 0, "Default Version: 2"));
        assertThat(wsl.unavailable()).contains("no WSL rootfs at /image/wsl-rootfs.tar: build it with packaging/vm/build-wsl-rootfs.sh"
                + " (or set berth.vm.wslRootfs)");
    }
}
