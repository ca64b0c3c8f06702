package dev.berth.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.app.cli.CliProject.Run;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth vm} on a stopped instance (no QEMU needed): delete asks, settings are stored, status says why. */
class VmCliTest {

    @TempDir
    Path state;

    @BeforeEach
    void pointAtTheTemporaryState() {
        System.setProperty("berth.state.dir", state.toString());
        System.setProperty("berth.docker.config", state.resolve("docker").toString());
    }

    @AfterEach
    void restore() {
        System.clearProperty("berth.state.dir");
        System.clearProperty("berth.docker.config");
    }

    private Path stoppedInstance() throws IOException {
        Path dir = Files.createDirectories(state.resolve("vm/default"));
        try (RandomAccessFile disk = new RandomAccessFile(dir.resolve("data.img").toFile(), "rw")) {
            disk.setLength(1L << 30);
        }
        Files.writeString(dir.resolve("state.json"), "{\"pid\":0,\"lastStop\":\"clean\",\"notes\":[]}");
        return dir;
    }

    @Test
    void deleteKeepsTheDataDiskUnlessTheUserSaysYes() throws IOException {
        Path dir = stoppedInstance();
        Run no = CliProject.rawWithInput("n\n", "vm", "delete");
        assertTrue(no.err().contains("Delete the VM 'default' and its data disk"), no.toString());
        assertEquals("kept\n", no.out(), no.toString());
        assertTrue(Files.exists(dir.resolve("data.img")));

        Run silent = CliProject.rawWithInput("", "vm", "delete");
        assertTrue(Files.exists(dir.resolve("data.img")), "no answer (closed stdin) keeps it: " + silent);

        Run yes = CliProject.rawWithInput("y\n", "vm", "delete");
        assertEquals(0, yes.exitCode(), yes.toString());
        assertFalse(Files.exists(dir));
    }

    @Test
    void statusOfAStoppedVmSaysHowItLastStoppedAndExitsNonZero() throws IOException {
        stoppedInstance();
        Run status = CliProject.raw("vm", "status");
        assertEquals(3, status.exitCode(), status.toString());
        assertTrue(status.out().contains("default: stopped") && status.out().contains("Last stop: clean"), status.toString());
        Run json = CliProject.raw("vm", "status", "--format", "json");
        assertTrue(json.out().contains("\"state\":\"STOPPED\""), json.toString());
        Run absent = CliProject.raw("vm", "status", "--name", "other");
        assertTrue(absent.out().contains("other: absent"), absent.toString());
    }

    @Test
    void statusNamesTheProviderAndWhyThisHostGotIt() throws IOException {
        stoppedInstance();
        Run status = CliProject.raw("vm", "status");
        assertTrue(status.out().contains("Provider:  qemu\n"), status.toString());
        assertTrue(status.out().contains("Why:       QEMU with KVM when a test boot works, else TCG"), status.toString());
        assertTrue(CliProject.raw("vm", "status", "--format", "json").out().contains("\"provider\":\"qemu\""));
        System.setProperty("berth.vm.provider", "vfkit");
        try {
            Run vfkit = CliProject.raw("vm", "status");
            assertEquals(3, vfkit.exitCode(), "an override that cannot apply is reported, not fatal: " + vfkit);
            assertTrue(vfkit.out().contains("Why:       berth.vm.provider=vfkit: vfkit runs on macOS only (this is linux/x86_64) (ignored: chose"
                    + " automatically)") && vfkit.out().contains("Provider:  qemu"), vfkit.toString());
        } finally {
            System.clearProperty("berth.vm.provider");
        }
    }

    @Test
    void settingsAreStoredPerProfileAndBadValuesAreRefused() {
        Run set = CliProject.raw("vm", "settings", "--name", "small", "--cpus", "1", "--memory", "900");
        assertEquals(0, set.exitCode(), set.toString());
        assertTrue(CliProject.raw("vm", "settings", "--name", "small").out().contains("memory.mib=900"));
        assertFalse(CliProject.raw("vm", "settings").out().contains("memory.mib=900"), "the default profile keeps its own");
        Run bad = CliProject.raw("vm", "settings", "--memory", "100");
        assertEquals(2, bad.exitCode(), bad.toString());
        assertTrue(bad.err().contains("at least 768 MiB"), bad.toString());
    }
}
