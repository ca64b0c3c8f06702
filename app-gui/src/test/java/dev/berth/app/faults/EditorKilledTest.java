package dev.berth.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.gui.editor.AtomicFiles;
import dev.berth.app.gui.editor.RecoveryStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault 9 of the reliability campaign (docs/RELIABILITY.md): Berth killed with SIGKILL in the middle of a save.
 * A child JVM ({@link SaveLoop}) saves a 2 MB compose file over and over through the editor's {@code AtomicFiles}
 * (temp file, fsync, atomic rename); it is killed at random moments. After each kill the file must hold exactly
 * the old or the new text, never a mix or a truncation, and the recovery store (what the next start offers
 * back) must still hold the unsaved text of another file.
 */
class EditorKilledTest {

    static final String UNSAVED = "services:\n  web:\n    image: nginx # typed, never saved\n";
    private static final int SIZE = 2 * 1024 * 1024;

    @TempDir
    Path dir;

    static String text(char fill) {
        return "services:\n  web:\n    image: busybox\nx-fill: " + String.valueOf(fill).repeat(SIZE) + "\n";
    }

    @Test
    void aSaveKilledAtAnyMomentLeavesTheOldOrTheNewTextAndTheRecoveryKeepsTheUnsaved() throws Exception {
        Path target = Files.writeString(dir.resolve("compose.yaml"), text('a'));
        Path edited = dir.resolve("other/compose.yaml");
        Path recovery = dir.resolve("recovery");
        Random random = new Random(9);
        int kills = 8;
        for (int round = 0; round < kills; round++) {
            Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-cp",
                    System.getProperty("java.class.path"), SaveLoop.class.getName(), target.toString(), recovery.toString(), edited.toString())
                    .redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                assertThat(out.readLine()).isEqualTo("saving");
                Thread.sleep(50 + random.nextInt(400)); // some saves done, one under way
                child.destroyForcibly(); // SIGKILL: no finally, no shutdown hook
                assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            }
            String onDisk = Files.readString(target);
            assertThat(onDisk.equals(text('a')) || onDisk.equals(text('b')))
                    .as("round %d: %d chars on disk, neither the old nor the new text", round, onDisk.length()).isTrue();
            assertThat(new RecoveryStore(recovery).load(edited)).as("the next start offers the unsaved text").contains(UNSAVED);
        }
        // A kill in mid-save leaves its hidden temp file beside the target; the next save removes those of dead processes.
        try (var files = Files.list(dir)) {
            System.out.println("fault 9: after " + kills + " kills: " + files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        AtomicFiles.write(target, text('c'));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("compose.yaml", "recovery");
        }
        assertThat(Files.readString(target)).isEqualTo(text('c'));
    }
}
