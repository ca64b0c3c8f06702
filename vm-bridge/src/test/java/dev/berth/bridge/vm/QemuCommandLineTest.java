package dev.berth.bridge.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.bridge.vm.HostPlatform.Arch;
import dev.berth.bridge.vm.HostPlatform.Os;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden command lines, one per accelerator/machine pair, one argument per line in
 * {@code src/test/resources/qemu-golden/<accelerator>-<machine>-<os>.txt}. Regenerate after a deliberate change with
 * {@code -Dberth.golden.update=true} and read the diff.
 */
class QemuCommandLineTest {

    static Stream<Arguments> pairs() {
        return Stream.of(
                Arguments.of(new HostPlatform(Os.LINUX, Arch.X86_64), Accelerator.KVM),
                Arguments.of(new HostPlatform(Os.LINUX, Arch.X86_64), Accelerator.TCG),
                Arguments.of(new HostPlatform(Os.LINUX, Arch.AARCH64), Accelerator.KVM),
                Arguments.of(new HostPlatform(Os.LINUX, Arch.AARCH64), Accelerator.TCG),
                Arguments.of(new HostPlatform(Os.MACOS, Arch.X86_64), Accelerator.HVF),
                Arguments.of(new HostPlatform(Os.MACOS, Arch.AARCH64), Accelerator.HVF),
                Arguments.of(new HostPlatform(Os.MACOS, Arch.X86_64), Accelerator.TCG),
                Arguments.of(new HostPlatform(Os.WINDOWS, Arch.X86_64), Accelerator.WHPX),
                Arguments.of(new HostPlatform(Os.WINDOWS, Arch.X86_64), Accelerator.TCG));
    }

    static QemuLaunch launch(HostPlatform platform, Accelerator accelerator) {
        VmLayout layout = VmLayout.of(Path.of("/state"), "default");
        return new QemuLaunch(platform, Path.of("/usr/bin/" + platform.qemuBinaryName()), accelerator, MachineType.choose(platform),
                new VmSettings(2, 1024, 32), Path.of("/image/vmlinuz"), Path.of("/image/initramfs.cpio"), layout, 40123, 2_600_000);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("pairs")
    void commandLineMatchesItsGolden(HostPlatform platform, Accelerator accelerator) throws IOException {
        QemuLaunch launch = launch(platform, accelerator);
        String name = accelerator.qemuName + "-" + launch.machine().name().toLowerCase() + "-" + platform.os().name().toLowerCase() + ".txt";
        String actual = String.join("\n", QemuCommandLine.build(launch)) + "\n";
        if (Boolean.getBoolean("berth.golden.update")) {
            Files.writeString(Path.of("src/test/resources/qemu-golden").resolve(name), actual);
        }
        try (InputStream golden = getClass().getResourceAsStream("/qemu-golden/" + name)) {
            assertTrue(golden != null, "no golden file " + name + " (run with -Dberth.golden.update=true once and check it)");
            assertEquals(new String(golden.readAllBytes(), StandardCharsets.UTF_8), actual, name);
        }
    }

    /** Two shares (one path with a comma and a space, as QEMU's option syntax must escape), 9p then virtiofs, microvm and q35. */
    static Stream<Arguments> sharing() {
        return Stream.of(
                Arguments.of(new HostPlatform(Os.LINUX, Arch.X86_64), FileSharing.NINE_P),
                Arguments.of(new HostPlatform(Os.LINUX, Arch.X86_64), FileSharing.VIRTIOFS),
                Arguments.of(new HostPlatform(Os.MACOS, Arch.X86_64), FileSharing.NINE_P),
                Arguments.of(new HostPlatform(Os.MACOS, Arch.X86_64), FileSharing.VIRTIOFS));
    }

    static QemuLaunch sharedLaunch(HostPlatform platform, FileSharing sharing) {
        VmSettings settings = new VmSettings(2, 1024, 32, List.of(Path.of("/home/dev"), Path.of("/srv/a, b")), sharing);
        VmLayout layout = VmLayout.of(Path.of("/state"), "default");
        return new QemuLaunch(platform, Path.of("/usr/bin/" + platform.qemuBinaryName()), Accelerator.TCG, MachineType.choose(platform),
                settings, Path.of("/image/vmlinuz"), Path.of("/image/initramfs.cpio"), layout, 40123, 2_600_000, settings.vmShares(), sharing);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("sharing")
    void sharesMatchTheirGolden(HostPlatform platform, FileSharing sharing) throws IOException {
        QemuLaunch launch = sharedLaunch(platform, sharing);
        String name = "shares-" + sharing.key + "-" + launch.machine().name().toLowerCase() + ".txt";
        assertGolden(name, String.join("\n", QemuCommandLine.build(launch)) + "\n");
    }

    @Test
    void virtiofsdCommandLinesMatchTheirGolden() throws IOException {
        VmShare share = new VmShare("share1", Path.of("/srv/a, b"));
        Path socket = Path.of("/state/vm/default/virtiofs-share1.sock");
        String actual = String.join("\n", VirtiofsdCommandLine.build(VirtiofsdCommandLine.Flavour.RUST, Path.of("/usr/libexec/virtiofsd"), socket, share, false))
                + "\n--\n" + String.join("\n", VirtiofsdCommandLine.build(VirtiofsdCommandLine.Flavour.RUST, Path.of("/usr/libexec/virtiofsd"), socket, share, true))
                + "\n--\n" + String.join("\n", VirtiofsdCommandLine.build(VirtiofsdCommandLine.Flavour.QEMU_C, Path.of("/usr/lib/qemu/virtiofsd"), socket, share, true))
                + "\n";
        assertGolden("virtiofsd.txt", actual);
    }

    @Test
    void virtiofsPutsTheGuestMemoryInASharedMemfdOfTheSameSize() {
        List<String> args = QemuCommandLine.build(sharedLaunch(new HostPlatform(Os.LINUX, Arch.X86_64), FileSharing.VIRTIOFS));
        assertEquals("microvm,acpi=on,memory-backend=mem", args.get(args.indexOf("-machine") + 1));
        assertTrue(args.contains("memory-backend-memfd,id=mem,size=1024M,share=on"), args.toString());
        assertFalse(args.stream().anyMatch(a -> a.startsWith("local,")), "no 9p device with virtiofs");
        List<String> ninep = QemuCommandLine.build(sharedLaunch(new HostPlatform(Os.LINUX, Arch.X86_64), FileSharing.NINE_P));
        assertTrue(ninep.contains("local,id=share1,path=/srv/a,, b,security_model=none"), ninep.toString());
        assertFalse(ninep.stream().anyMatch(a -> a.contains("memory-backend")), "9p needs no shared memory");
    }

    @Test
    void aShareInsideAnotherIsCoveredByIt() {
        VmSettings settings = new VmSettings(2, 1024, 32, List.of(Path.of("/home/dev"), Path.of("/home/dev/proj"), Path.of("/srv")), FileSharing.AUTO);
        assertEquals(List.of(new VmShare("share0", Path.of("/home/dev")), new VmShare("share1", Path.of("/srv"))), settings.vmShares());
    }

    private void assertGolden(String name, String actual) throws IOException {
        if (Boolean.getBoolean("berth.golden.update")) {
            Files.writeString(Path.of("src/test/resources/qemu-golden").resolve(name), actual);
        }
        try (InputStream golden = getClass().getResourceAsStream("/qemu-golden/" + name)) {
            assertTrue(golden != null, "no golden file " + name + " (run with -Dberth.golden.update=true once and check it)");
            assertEquals(new String(golden.readAllBytes(), StandardCharsets.UTF_8), actual, name);
        }
    }

    @Test
    void machineFollowsTheHost() {
        assertEquals(MachineType.MICROVM, MachineType.choose(new HostPlatform(Os.LINUX, Arch.X86_64)));
        assertEquals(MachineType.Q35, MachineType.choose(new HostPlatform(Os.MACOS, Arch.X86_64)));
        assertEquals(MachineType.Q35, MachineType.choose(new HostPlatform(Os.WINDOWS, Arch.X86_64)));
        assertEquals(MachineType.VIRT, MachineType.choose(new HostPlatform(Os.MACOS, Arch.AARCH64)));
        assertEquals(MachineType.VIRT, MachineType.choose(new HostPlatform(Os.LINUX, Arch.AARCH64)));
    }

    @Test
    void guestCannotReachTheHostAndTheForwardBindsLoopbackOnly() {
        List<String> args = QemuCommandLine.build(launch(new HostPlatform(Os.LINUX, Arch.X86_64), Accelerator.TCG));
        String netdev = args.get(args.indexOf("-netdev") + 1);
        assertTrue(netdev.contains("restrict=on"), netdev);
        assertTrue(netdev.contains("hostfwd=tcp:127.0.0.1:40123-:2376"), netdev);
        assertFalse(args.stream().anyMatch(a -> a.contains("guestfwd") || a.contains("smb=")), "no channel from the guest to the host");
    }

    @Test
    void anOpenNetworkDropsRestrictButKeepsTheLoopbackForward() {
        QemuLaunch restricted = launch(new HostPlatform(Os.LINUX, Arch.X86_64), Accelerator.TCG);
        QemuLaunch open = new QemuLaunch(restricted.platform(), restricted.qemu(), restricted.accelerator(), restricted.machine(),
                restricted.settings().withOpenNetwork(true), restricted.kernel(), restricted.initramfs(), restricted.layout(), 40123, 2_600_000);
        List<String> args = QemuCommandLine.build(open);
        assertEquals("user,id=net0,hostfwd=tcp:127.0.0.1:40123-:2376", args.get(args.indexOf("-netdev") + 1));
    }

    @Test
    void onlyMicrovmGetsTheTscHint() {
        String microvm = String.join(" ", QemuCommandLine.build(launch(new HostPlatform(Os.LINUX, Arch.X86_64), Accelerator.TCG)));
        String q35 = String.join(" ", QemuCommandLine.build(launch(new HostPlatform(Os.MACOS, Arch.X86_64), Accelerator.TCG)));
        assertTrue(microvm.contains("tsc_early_khz=2600000"), microvm);
        assertFalse(q35.contains("tsc_early_khz"), q35);
    }
}
