package dev.berth.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The editor's seam: unsaved texts held in memory are loaded instead of the files on disk. */
class SourceFilesOverlayTest {

    @TempDir
    Path dir;

    @Test
    void readsAnOverriddenFileFromMemoryAndReportsItsErrorInThatFile() {
        Fixtures fx = new Fixtures(dir);
        Path base = fx.write("compose.yaml", "services:\n  web:\n    image: busybox\n");
        Path override = fx.write("compose.override.yaml", "services:\n  web:\n    environment:\n      FOO: a\n");
        String unsaved = "services:\n  web:\n    enviroment:\n      FOO: b\n";

        LoadResult result = ComposeLoader.load(ProjectOptions.ofFiles(base, override),
                SourceFiles.overlay(Map.of(override, unsaved), SourceFiles.DISK));

        assertThat(result.errors()).singleElement().satisfies(d -> {
            assertThat(d.location().file()).isEqualTo(override);
            assertThat(d.location().line()).isEqualTo(3);
            assertThat(d.hint()).isEqualTo("did you mean 'environment'?");
        });
        assertThat(ComposeLoader.load(ProjectOptions.ofFiles(base, override)).hasErrors()).isFalse();
    }

    @Test
    void takesDotEnvAndFilesNotYetOnDiskFromMemory() {
        Path compose = dir.resolve("compose.yaml");
        Path env = dir.resolve(".env");
        SourceFiles files = SourceFiles.overlay(Map.of(
                compose, "services:\n  web:\n    image: busybox:${TAG}\n",
                env, "TAG=1.36\n"), SourceFiles.DISK);

        LoadResult result = ComposeLoader.load(ProjectOptions.ofFiles(compose), files);

        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.orThrow().services().get("web").image()).isEqualTo("busybox:1.36");
    }
}
