package dev.berth.bridge.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.bridge.vm.HostPlatform.Arch;
import dev.berth.bridge.vm.HostPlatform.Os;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probing order and verdicts, with a scripted process runner (the real probe runs in the VM IT). */
class AcceleratorProbeTest {

    @TempDir
    Path root;

    private final List<List<String>> ran = new ArrayList<>();

    private AcceleratorProbe probe(AcceleratorProbe.Runner.Outcome outcome) {
        return new AcceleratorProbe((command, timeout) -> {
            ran.add(command);
            return outcome;
        }, Duration.ofSeconds(3));
    }

    @Test
    void aKvmDeviceThatHangsFallsBackToTcg() throws IOException {
        Files.createDirectories(root.resolve("dev"));
        Files.createFile(root.resolve("dev/kvm"));
        AcceleratorProbe.Result result = probe(new AcceleratorProbe.Runner.Outcome(true, -1, ""))
                .probe(new HostPlatform(Os.LINUX, Arch.X86_64), Path.of("/usr/bin/qemu-system-x86_64"), Path.of("/k"), root);
        assertEquals(Accelerator.TCG, result.chosen());
        assertEquals(Accelerator.KVM, result.attempts().getFirst().accelerator());
        assertTrue(result.attempts().getFirst().reason().contains("did not finish within 3 s"), result.attempts().toString());
        assertEquals(1, ran.size());
        assertTrue(ran.getFirst().containsAll(List.of("-accel", "kvm", "-machine", "microvm,acpi=on", "-no-reboot")), ran.toString());
    }

    @Test
    void aKvmThatBootsTheKernelIsChosen() throws IOException {
        Files.createDirectories(root.resolve("dev"));
        Files.createFile(root.resolve("dev/kvm"));
        AcceleratorProbe.Result result = probe(new AcceleratorProbe.Runner.Outcome(false, 0,
                "VFS: Unable to mount root fs on unknown-block(0,0)\nKernel panic - not syncing"))
                .probe(new HostPlatform(Os.LINUX, Arch.X86_64), Path.of("/q"), Path.of("/k"), root);
        assertEquals(Accelerator.KVM, result.chosen());
    }

    @Test
    void noKvmDeviceIsNotProbed() {
        AcceleratorProbe.Result result = probe(new AcceleratorProbe.Runner.Outcome(false, 0, "Kernel panic"))
                .probe(new HostPlatform(Os.LINUX, Arch.X86_64), Path.of("/q"), Path.of("/k"), root);
        assertEquals(Accelerator.TCG, result.chosen());
        assertTrue(ran.isEmpty());
        assertEquals("/dev/kvm does not exist", result.attempts().getFirst().reason());
    }

    @Test
    void macOsProbesHvfAndWindowsWhpx() {
        assertEquals(Accelerator.HVF, probe(new AcceleratorProbe.Runner.Outcome(false, 0, "Kernel panic"))
                .probe(new HostPlatform(Os.MACOS, Arch.AARCH64), Path.of("/q"), Path.of("/k"), root).chosen());
        assertTrue(ran.getLast().containsAll(List.of("-accel", "hvf", "-machine", "virt,highmem=on", "-cpu", "host")), ran.toString());
        assertEquals(Accelerator.TCG, probe(new AcceleratorProbe.Runner.Outcome(false, 1, "WHPX: No accelerator found"))
                .probe(new HostPlatform(Os.WINDOWS, Arch.X86_64), Path.of("/q"), Path.of("/k"), root).chosen());
        assertTrue(ran.getLast().containsAll(List.of("-accel", "whpx,kernel-irqchip=off", "-machine", "q35")), ran.toString());
    }
}
