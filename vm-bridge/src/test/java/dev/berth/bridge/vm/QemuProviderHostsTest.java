package dev.berth.bridge.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.bridge.vm.HostPlatform.Arch;
import dev.berth.bridge.vm.HostPlatform.Os;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** QEMU's plan on macOS and Windows hosts: the accelerator probed, file sharing as the host's QEMU can serve it. */
class QemuProviderHostsTest {

    @TempDir
    Path tmp;

    private VmProvider.Plan plan(HostPlatform platform, FileSharing sharing) throws IOException {
        Path qemu = Files.writeString(tmp.resolve(platform.qemuBinaryName()), "#!/bin/sh\n");
        Files.setPosixFilePermissions(qemu, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path image = Files.createDirectories(tmp.resolve("image"));
        Files.writeString(image.resolve("manifest.json"), """
                {"format": 1, "kernelVersion": "6.1", "artefacts": [{"name": "kernel", "file": "vmlinuz", "size": 1, "sha256": "x"},
                  {"name": "initramfs", "file": "initramfs.cpio", "size": 1, "sha256": "y"}]}""");
        AcceleratorProbe probe = new AcceleratorProbe((command, timeout) -> new AcceleratorProbe.Runner.Outcome(false, 0, "Kernel panic"),
                Duration.ofSeconds(1));
        QemuProvider provider = new QemuProvider(platform, qemu, probe, tmp.resolve("accelerator-" + platform.os() + ".properties"), 0, Optional.empty());
        VmSettings settings = new VmSettings(2, 1024, 32, List.of(Path.of("/Users/dev")), sharing);
        return provider.plan(new VmProvider.VmRequest(platform, settings, VmImage.load(image), VmLayout.of(tmp.resolve("state"), "default"), 40123));
    }

    @Test
    void windowsQemuRunsWhpxInTheForegroundWithoutShares() throws IOException {
        VmProvider.Plan plan = plan(new HostPlatform(Os.WINDOWS, Arch.X86_64), FileSharing.AUTO);
        assertThat(plan.accelerator()).isEqualTo("whpx");
        assertThat(plan.commandLine()).contains("whpx,kernel-irqchip=off").doesNotContain("-daemonize", "-sandbox")
                .noneMatch(a -> a.startsWith("local,") || a.contains("virtio-9p"));
        assertThat(plan.fileSharing()).isEqualTo("none");
        assertThat(plan.probeNotes()).contains("file sharing: none (QEMU for Windows has neither 9p nor virtiofs; WSL2 shares the drives under /mnt)");
    }

    @Test
    void macQemuSharesOver9pAndRefusesVirtiofsWithTheAlternatives() throws IOException {
        VmProvider.Plan plan = plan(new HostPlatform(Os.MACOS, Arch.AARCH64), FileSharing.AUTO);
        assertThat(plan.accelerator()).isEqualTo("hvf");
        assertThat(plan.fileSharing()).isEqualTo("9p");
        assertThat(plan.commandLine()).contains("virt,highmem=on", "hvf", "host", "-daemonize").anyMatch(a -> a.startsWith("local,id=share0,path=/Users/dev"));
        assertThatThrownBy(() -> plan(new HostPlatform(Os.MACOS, Arch.X86_64), FileSharing.VIRTIOFS)).isInstanceOf(VmException.class)
                .hasMessageContaining("virtiofs is not available with QEMU on macOS").hasMessageContaining("brew install vfkit");
    }
}
