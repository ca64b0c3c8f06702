package dev.berth.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.app.cli.BerthCli;
import dev.berth.testkit.PrivateEngine;
import dev.berth.testkit.RequiresEngine;
import dev.berth.testkit.TestEngine;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault 4 of the reliability campaign (docs/RELIABILITY.md): the engine's disk fills up. A private dockerd on
 * a 128 MB tmpfs data root runs one project with a volume; the data root is then filled to the last byte and
 * a second project is brought up. Its {@code up} must fail with the engine's "no space left" and no stack
 * trace, and the failure path must not remove anything that was there before: the first project's container
 * (same id, still running) and its volume's bytes. Once space is freed, the second {@code up} completes.
 */
@RequiresEngine
class DiskFullIT {

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {}

    private static Run berth(PrivateEngine engine, Path file, String project, String... args) {
        String[] all = new String[args.length + 6];
        System.arraycopy(new String[] {"-H", engine.host(), "-f", file.toString(), "-p", project}, 0, all, 0, 6);
        System.arraycopy(args, 0, all, 6, args.length);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BerthCli.run(new PrintWriter(out, true), new PrintWriter(err, true), all);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void upOnAFullDiskFailsWithTheEnginesErrorAndRemovesNothingThatExisted() throws Exception {
        assumeTrue(PrivateEngine.available(), "needs root and dockerd for a private engine");
        try (PrivateEngine engine = PrivateEngine.start(128L * 1024 * 1024)) {
            engine.loadImage(TestEngine.BUSYBOX_IMAGE);
            Path keep = Files.writeString(dir.resolve("keep.yaml"), """
                    services:
                      db:
                        image: %s
                        command: ["sh", "-c", "echo precious data > /data/file; sleep 3600"]
                        network_mode: none
                        stop_grace_period: 1s
                        volumes: [data:/data]
                    volumes:
                      data: {}
                    """.formatted(TestEngine.BUSYBOX_IMAGE));
            assertThat(berth(engine, keep, "keep", "up", "-d").exitCode()).isZero();
            Path volumeFile = engine.dataRoot().resolve("volumes/keep_data/_data/file");
            for (int i = 0; i < 50 && !Files.exists(volumeFile); i++) {
                Thread.sleep(100);
            }
            String volumeHash = sha256(volumeFile);
            String keptId = engine.docker("ps", "-q", "--no-trunc", "--filter", "label=com.docker.compose.project=keep").strip();
            assertThat(keptId).hasSize(64);

            Path filler = engine.dataRoot().resolve("filler");
            fill(filler);
            Path fresh = Files.writeString(dir.resolve("fresh.yaml"), """
                    services:
                      web:
                        image: %1$s
                        command: ["sleep", "3600"]
                        network_mode: none
                      worker:
                        image: %1$s
                        command: ["sleep", "3600"]
                        network_mode: none
                    """.formatted(TestEngine.BUSYBOX_IMAGE));
            Run full = berth(engine, fresh, "fresh", "up", "-d");
            System.out.println("fault 4: exit " + full.exitCode() + ", stderr: " + full.err().strip().replace("\n", " | "));
            assertThat(full.exitCode()).as(full.err()).isNotZero();
            assertThat(full.err()).containsIgnoringCase("no space left on device").doesNotContain("Exception").doesNotContain("\tat ");

            assertThat(engine.docker("ps", "-q", "--no-trunc", "--filter", "label=com.docker.compose.project=keep").strip())
                    .as("the other project's container: same id, still running").isEqualTo(keptId);
            assertThat(sha256(volumeFile)).as("the volume's bytes").isEqualTo(volumeHash);
            assertThat(engine.docker("volume", "ls", "-q")).contains("keep_data");

            Files.delete(filler);
            Run again = berth(engine, fresh, "fresh", "up", "-d");
            assertThat(again.exitCode()).as(again.err()).isZero();
            assertThat(engine.docker("ps", "--filter", "label=com.docker.compose.project=fresh", "--format", "{{.Names}}").lines().sorted())
                    .containsExactly("fresh-web-1", "fresh-worker-1");
        }
    }

    /** Writes zeros until the file system says it is full. */
    private static void fill(Path filler) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(1024 * 1024);
        try (FileChannel channel = FileChannel.open(filler, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            while (true) {
                chunk.clear();
                channel.write(chunk);
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("No space left")) {
                throw e;
            }
        }
        // the last partial pages: small writes until nothing fits
        try (FileChannel channel = FileChannel.open(filler, StandardOpenOption.APPEND)) {
            ByteBuffer small = ByteBuffer.allocate(512);
            while (true) {
                small.clear();
                channel.write(small);
            }
        } catch (IOException e) {
            // full
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
