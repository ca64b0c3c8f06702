package dev.berth.bridge.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.bridge.vm.HostPlatform.Arch;
import dev.berth.bridge.vm.HostPlatform.Os;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every wsl.exe command line (golden), the paths the distro sees, wsl.exe's UTF-16 output, import and delete on a scripted wsl.exe. */
class WslProviderTest {

    private static final HostPlatform WINDOWS = new HostPlatform(Os.WINDOWS, Arch.X86_64);
    private static final Path WSL = Path.of("C:\\Windows\\System32\\wsl.exe");
    /** A Windows layout as HostEnvironment gives it there (the path text is what matters: Path on Linux keeps the backslashes). */
    private static final VmLayout LAYOUT = new VmLayout("default", Path.of("C:\\Users\\dev\\AppData\\Local\\berth\\vm\\default"));

    @TempDir
    Path tmp;

    @Test
    void commandLinesMatchTheirGolden() throws IOException {
        WslCommands wsl = new WslCommands(WSL, "default");
        Path rootfs = Path.of("C:\\Program Files\\Berth\\vm-image\\wsl-rootfs.tar");
        String all = "# status\n" + Golden.lines(wsl.status()) + "# list\n" + Golden.lines(wsl.list()) + "# list running\n" + Golden.lines(wsl.listRunning())
                + "# import\n" + Golden.lines(wsl.importDistro(Path.of(LAYOUT.dir() + "\\wsl"), rootfs))
                + "# start\n" + Golden.lines(wsl.start(LAYOUT)) + "# stop request\n" + Golden.lines(wsl.requestStop())
                + "# terminate\n" + Golden.lines(wsl.terminate()) + "# delete\n" + Golden.lines(wsl.unregister())
                + "# etc/berth/provider (in config.tar)\n" + new ConfigArchive().withProvider("wsl2", WslProvider.guestSettings(40123)).content("etc/berth/provider");
        Golden.assertMatches("wsl/commands.txt", all);
        assertThat(new WslCommands(WSL, "work").distro()).isEqualTo("Berth-work");
    }

    @Test
    void thePlanRunsTheRcInTheForegroundAndSharesNothingItself() {
        WslProvider provider = new WslProvider(WSL, Path.of("/r.tar"), new FakeHostTools());
        VmSettings settings = new VmSettings(2, 1024, 32, List.of(Path.of("/home/dev")), FileSharing.AUTO); // a Windows path is not absolute on this Linux JVM
        VmProvider.Plan plan = provider.plan(new VmProvider.VmRequest(WINDOWS, settings, null, LAYOUT, 40123));
        assertThat(plan.commandLine()).endsWith("--exec", "/bin/sh", "/etc/berth/wsl-rc", "/mnt/c/Users/dev/AppData/Local/berth/vm/default");
        assertThat(plan.fileSharing()).isEqualTo("none");
        assertThat(plan.guestSettings()).containsEntry("BERTH_ENGINE_PORT", "40123");
        assertThat(provider.usesDataDisk()).isFalse();
        assertThat(provider.forwardsPortsOverQmp()).isFalse();
        assertThat(provider.engineAccess()).isEqualTo(VmProvider.EngineAccess.TLS_RELAY);
    }

    @Test
    void windowsPathsBecomeMntDrivePaths() {
        assertThat(WslCommands.toWslPath("C:\\Users\\dev\\AppData")).isEqualTo("/mnt/c/Users/dev/AppData");
        assertThat(WslCommands.toWslPath("D:/work/berth")).isEqualTo("/mnt/d/work/berth");
        assertThatThrownBy(() -> WslCommands.toWslPath("\\\\server\\share\\berth"))
                .hasMessageContaining("the distro reaches Windows folders only on a drive letter");
    }

    @Test
    void utf16OutputIsReadAsText() {
        WslCommands wsl = new WslCommands(WSL, "default");
        String listed = FakeHostTools.utf16("\uFEFFUbuntu\r\nBerth\r\n");
        assertThat(WslCommands.decode(listed)).isEqualTo("Ubuntu\r\nBerth\r\n");
        assertThat(wsl.listed(listed)).isTrue();
        assertThat(wsl.listed(FakeHostTools.utf16("Ubuntu\r\nBerth-work\r\n"))).isFalse();
        assertThat(wsl.listed("Berth\n")).isTrue();
    }

    @Test
    void theDistroIsImportedOnceFromTheRootfs() throws IOException {
        Path rootfs = Files.writeString(tmp.resolve("wsl-rootfs.tar"), "tar");
        VmLayout layout = VmLayout.of(tmp.resolve("state"), "default");
        String importArgs = "--import Berth " + layout.wslDir() + " " + rootfs + " --version 2";
        FakeHostTools tools = new FakeHostTools().answer("--list --quiet", 0, FakeHostTools.utf16("Ubuntu\r\n")).answer(importArgs, 0, "");
        WslProvider provider = new WslProvider(WSL, rootfs, tools);
        provider.ensureImported(layout, provider.commands(layout));
        assertThat(tools.ran).extracting(c -> String.join(" ", c.subList(1, c.size()))).containsExactly("--list --quiet", importArgs);
        assertThat(layout.wslDir()).isDirectory();

        tools.ran.clear();
        tools.answer("--list --quiet", 0, FakeHostTools.utf16("Ubuntu\r\nBerth\r\n"));
        provider.ensureImported(layout, provider.commands(layout));
        assertThat(tools.ran).hasSize(1);

        tools.answer("--list --quiet", 0, "").answer(importArgs, -1,
                FakeHostTools.utf16("Please enable the Virtual Machine Platform Windows feature and ensure virtualization is enabled in the BIOS.\r\n"));
        assertThatThrownBy(() -> provider.ensureImported(layout, provider.commands(layout))).isInstanceOf(VmException.class)
                .hasMessageContaining("wsl.exe --import exited -1: Please enable the Virtual Machine Platform");
    }

    @Test
    void statusIsTheWslProcessAndTheRunningListReusedForAFewSeconds() {
        VmLayout layout = VmLayout.of(tmp.resolve("state"), "default");
        FakeHostTools tools = new FakeHostTools().answer("--list --running --quiet", 0, FakeHostTools.utf16("Berth\r\n"));
        WslProvider provider = new WslProvider(WSL, tmp.resolve("r.tar"), tools);
        long alive = ProcessHandle.current().pid();
        assertThat(provider.status(layout, alive)).isEqualTo(VmProvider.ProcessState.RUNNING);
        assertThat(provider.status(layout, alive)).isEqualTo(VmProvider.ProcessState.RUNNING);
        assertThat(tools.ran).hasSize(1);
        assertThat(provider.status(layout, 0)).isEqualTo(VmProvider.ProcessState.GONE);
        FakeHostTools stopped = new FakeHostTools().answer("--list --running --quiet", 0, "");
        assertThat(new WslProvider(WSL, tmp.resolve("r.tar"), stopped).status(layout, alive)).isEqualTo(VmProvider.ProcessState.UNRESPONSIVE);
    }

    @Test
    void deleteUnregistersTheDistroOnlyWhenItExists() {
        VmLayout layout = VmLayout.of(tmp.resolve("state"), "default");
        FakeHostTools tools = new FakeHostTools().answer("--list --quiet", 0, "Berth\n").answer("--unregister Berth", 0, "");
        new WslProvider(WSL, tmp.resolve("r.tar"), tools).delete(layout);
        assertThat(tools.ran).extracting(c -> c.get(1)).containsExactly("--list", "--unregister");

        FakeHostTools none = new FakeHostTools().answer("--list --quiet", 0, "Ubuntu\n");
        new WslProvider(WSL, tmp.resolve("r.tar"), none).delete(layout);
        assertThat(none.ran).hasSize(1);
    }
}
