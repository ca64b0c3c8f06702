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

    static Run berth(PrivateEngine engine, Path file, String project, String... args) {
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

    /** What a failure path must leave alone: the other project's running container and its volume's bytes. */
    record Kept(String containerId, Path volumeFile, String volumeHash) {

        static Kept upIn(PrivateEngine engine, Path dir) throws Exception {
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
            String id = engine.docker("ps", "-q", "--no-trunc", "--filter", "label=com.docker.compose.project=keep").strip();
            assertThat(id).hasSize(64);
            return new Kept(id, volumeFile, sha256(volumeFile));
        }

        void assertUnchanged(PrivateEngine engine) throws Exception {
            assertThat(engine.docker("ps", "-q", "--no-trunc", "--filter", "label=com.docker.compose.project=keep").strip())
                    .as("the other project's container: same id, still running").isEqualTo(containerId);
            assertThat(sha256(volumeFile)).as("the volume's bytes").isEqualTo(volumeHash);
            assertThat(engine.docker("volume", "ls", "-q")).contains("keep_data");
        }
    }

    /**
     * {@code build} on an almost full disk: a Dockerfile whose RUN writes 64 MB where 16 MB are left. The
     * engine's "no space left on device" must reach the user with the service named, and nothing that was
     * there is removed (the failed build's container is the engine's own business).
     */
    @Test
    void buildOnAFullDiskFailsWithTheEnginesErrorAndRemovesNothingThatExisted() throws Exception {
        assumeTrue(PrivateEngine.available(), "needs root and dockerd for a private engine");
        try (PrivateEngine engine = PrivateEngine.start(160L * 1024 * 1024)) {
            engine.loadImage(TestEngine.BUSYBOX_IMAGE);
            Kept kept = Kept.upIn(engine, dir);
            Path context = Files.createDirectories(dir.resolve("app"));
            Files.writeString(context.resolve("Dockerfile"), """
                    FROM %s
                    RUN dd if=/dev/zero of=/big bs=1M count=64
                    """.formatted(TestEngine.BUSYBOX_IMAGE));
            Path file = Files.writeString(dir.resolve("build.yaml"), """
                    services:
                      app:
                        build: ./app
                        image: fresh-app:latest
                        network_mode: none
                    """);
            Path filler = engine.dataRoot().resolve("filler");
            fillLeaving(filler, 16L * 1024 * 1024);

            Run full = berth(engine, file, "fresh", "build");
            System.out.println("fault 4 (build): exit " + full.exitCode() + ", stderr: " + full.err().strip().replace("\n", " | "));
            assertThat(full.exitCode()).as(full.err()).isNotZero();
            assertThat(full.err()).containsIgnoringCase("no space left on device").contains("app")
                    .doesNotContain("Exception").doesNotContain("\tat ");
            kept.assertUnchanged(engine);

            Files.delete(filler);
            Run again = berth(engine, file, "fresh", "build");
            assertThat(again.exitCode()).as(again.err()).isZero();
            assertThat(engine.docker("image", "ls", "-q", "fresh-app:latest").strip()).isNotEmpty();
        }
    }

    /**
     * {@code pull} on an almost full disk, from a registry of the test's own (in the private engine's network
     * namespace, holding a 48 MB image of random bytes pushed from that engine): the layer's download finds no room.
     */
    @Test
    void pullOnAFullDiskFailsWithTheEnginesErrorAndRemovesNothingThatExisted() throws Exception {
        assumeTrue(PrivateEngine.available(), "needs root and dockerd for a private engine");
        try (PrivateEngine engine = PrivateEngine.start(192L * 1024 * 1024)) {
            engine.loadImage(TestEngine.BUSYBOX_IMAGE);
            String registry = engine.startRegistry();
            String image = registry + "/big:1";
            Path context = Files.createDirectories(dir.resolve("big"));
            Files.writeString(context.resolve("Dockerfile"), """
                    FROM %s
                    RUN head -c 48m /dev/urandom > /blob
                    """.formatted(TestEngine.BUSYBOX_IMAGE));
            engine.docker("build", "-q", "-t", image, context.toString());
            engine.docker("push", image);
            engine.docker("rmi", image);
            Kept kept = Kept.upIn(engine, dir);
            Path file = Files.writeString(dir.resolve("pull.yaml"), """
                    services:
                      blob:
                        image: %s
                        network_mode: none
                    """.formatted(image));
            Path filler = engine.dataRoot().resolve("filler");
            fillLeaving(filler, 16L * 1024 * 1024);

            Run full = berth(engine, file, "fresh", "pull");
            System.out.println("fault 4 (pull): exit " + full.exitCode() + ", stderr: " + full.err().strip().replace("\n", " | "));
            assertThat(full.exitCode()).as(full.err()).isNotZero();
            assertThat(full.err()).containsIgnoringCase("no space left on device").contains("blob")
                    .doesNotContain("Exception").doesNotContain("\tat ");
            kept.assertUnchanged(engine);
            assertThat(engine.docker("image", "ls", "-q", image).strip()).as("no half-pulled image").isEmpty();

            Files.delete(filler);
            Run again = berth(engine, file, "fresh", "pull");
            assertThat(again.exitCode()).as(again.err()).isZero();
            assertThat(engine.docker("image", "ls", "-q", image).strip()).isNotEmpty();
        }
    }

    /** Fills the file system, then gives {@code free} bytes back. */
    static void fillLeaving(Path filler, long free) throws IOException {
        fill(filler);
        try (FileChannel channel = FileChannel.open(filler, StandardOpenOption.WRITE)) {
            channel.truncate(Math.max(0, channel.size() - free));
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
