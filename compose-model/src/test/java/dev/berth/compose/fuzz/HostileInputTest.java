package dev.berth.compose.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.berth.compose.ComposeLoader;
import dev.berth.compose.Diagnostic;
import dev.berth.compose.LoadResult;
import dev.berth.compose.ProjectOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault 10 of the reliability campaign (docs/RELIABILITY.md): hostile files given to the loader with
 * {@code -f}, made for real on disk. Each must end in one error diagnostic that names the file, within a few
 * seconds and without an escaped exception (which the loader would report as an "internal" diagnostic).
 */
class HostileInputTest {

    private static final Duration LIMIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private Diagnostic onlyError(Path file) {
        LoadResult result = assertTimeoutPreemptively(LIMIT, () -> ComposeLoader.load(ProjectOptions.in(dir)
                .withComposeFiles(List.of(file)).withProjectName("hostile").withEnvironment(Map.of())));
        assertThat(result.project()).isEmpty();
        assertThat(result.diagnostics()).noneMatch(d -> d.code().equals("internal"));
        List<Diagnostic> errors = result.diagnostics().stream().filter(Diagnostic::isError).toList();
        assertThat(errors).hasSize(1);
        Diagnostic error = errors.getFirst();
        assertThat(error.location().file()).isEqualTo(file);
        System.out.println("fault 10: " + error); // quoted in docs/RELIABILITY.md
        return error;
    }

    @Test
    void deepBlockNesting() throws IOException {
        StringBuilder yaml = new StringBuilder("services:\n  web:\n    image: busybox\nx-deep:\n");
        for (int i = 1; i <= 1_000; i++) {
            yaml.append(" ".repeat(i)).append("k:\n");
        }
        yaml.append(" ".repeat(1_001)).append("end\n");
        assertThat(onlyError(Files.writeString(dir.resolve("deep.yaml"), yaml)).message()).contains("nested more than 200 levels");
    }

    @Test
    void deepFlowNesting() throws IOException {
        Path file = Files.writeString(dir.resolve("flow.yaml"), "services: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n");
        assertThat(onlyError(file).message()).contains("nested more than 200 levels");
    }

    @Test
    void billionLaughs() throws IOException {
        StringBuilder yaml = new StringBuilder("x-a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 12; i++) {
            yaml.append("x-a").append(i).append(": &a").append(i).append(" [").append(("*a" + (i - 1) + ", ").repeat(8))
                    .append("*a").append(i - 1).append("]\n");
        }
        yaml.append("services:\n  web:\n    image: busybox\n    command: *a11\n");
        assertThat(onlyError(Files.writeString(dir.resolve("laughs.yaml"), yaml)).message()).startsWith("excessive aliasing");
    }

    @Test
    void tenMegabyteFile() throws IOException {
        StringBuilder yaml = new StringBuilder(10 * 1024 * 1024 + 100).append("services:\n  web:\n    image: busybox\nx-filler:\n");
        while (yaml.length() < 10 * 1024 * 1024) {
            yaml.append("  - ").append("0123456789abcdef".repeat(4)).append('\n');
        }
        assertThat(onlyError(Files.writeString(dir.resolve("big.yaml"), yaml)).message()).contains("larger than");
    }

    @Test
    void aHugeFileIsRefusedWithoutReadingIt() throws IOException {
        Path file = dir.resolve("huge.yaml");
        try (var channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap("services: {}\n".getBytes()), 3L * 1024 * 1024 * 1024); // sparse: 3 GiB
        }
        assertThat(onlyError(file).message()).contains("larger than");
    }

    @Test
    void aBinaryFile() throws IOException {
        byte[] bytes = new byte[64 * 1024];
        new Random(17).nextBytes(bytes);
        bytes[0] = (byte) 0x89; // not UTF-8 from the first byte, like a PNG
        assertThat(onlyError(Files.write(dir.resolve("image.png"), bytes)).message()).contains("not UTF-8 text");
    }

    @Test
    void aDirectoryGivenAsAFile() throws IOException {
        Path directory = Files.createDirectories(dir.resolve("compose.yaml"));
        assertThat(onlyError(directory).message()).contains("is a directory");
    }

    @Test
    void aFifoDoesNotHang() throws Exception {
        Path fifo = dir.resolve("pipe.yaml");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        assertThat(onlyError(fifo).message()).contains("not a regular file");
    }

    @Test
    void aDeviceDoesNotExhaustMemory() {
        assertThat(onlyError(Path.of("/dev/zero")).message()).contains("not a regular file");
    }
}
