package dev.berth.engine.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarWriterTest {

    @Test
    void writesAnArchiveThatTarExtracts(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String longName = "deep/" + "d".repeat(120) + "/file.txt";
        try (TarWriter tar = new TarWriter(out)) {
            tar.directory("deep", 0755, 0);
            tar.file("hello.txt", 0640, 1_700_000_000L, "hello\n".getBytes(StandardCharsets.UTF_8));
            tar.file(longName, 0644, 0, "long\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(out.size() % 512).isZero();
        Path archive = dir.resolve("a.tar");
        Files.write(archive, out.toByteArray());
        Process tar = new ProcessBuilder("tar", "-xf", archive.toString(), "-C", dir.toString()).redirectErrorStream(true).start();
        String messages = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tar.waitFor()).as(messages).isZero();
        assertThat(Files.readString(dir.resolve("hello.txt"))).isEqualTo("hello\n");
        assertThat(Files.readString(dir.resolve(longName))).isEqualTo("long\n");
    }
}
