package dev.berth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The private engine itself: it starts, runs a container, survives a SIGKILL and a restart, and leaves nothing
 * behind — above all, the shared engine's docker0 bridge stays (an earlier private dockerd without
 * {@code --bridge=none} removed it).
 */
@RequiresEngine
class PrivateEngineIT {

    @Test
    void startsRunsRestartsAndCleansUpWithoutTouchingDocker0() throws Exception {
        assumeTrue(PrivateEngine.available(), "needs root and dockerd");
        boolean docker0 = Files.exists(Path.of("/sys/class/net/docker0"));
        Path dir;
        try (PrivateEngine engine = PrivateEngine.start()) {
            dir = engine.socket().getParent();
            engine.loadImage(TestEngine.BUSYBOX_IMAGE);
            engine.docker("run", "-d", "--name", "pe-smoke", "--network", "none", TestEngine.BUSYBOX_IMAGE, "sleep", "600");
            assertThat(engine.docker("ps", "--format", "{{.Names}}")).contains("pe-smoke");
            long first = engine.pid();
            engine.kill();
            assertThat(ProcessHandle.of(first).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(TestEngine.ping(engine.socket())).isFalse();
            engine.restart();
            assertThat(engine.pid()).isNotEqualTo(first);
            assertThat(engine.docker("ps", "-a", "--format", "{{.Names}}")).contains("pe-smoke");
            engine.close();
            engine.close(); // idempotent
        }
        assertThat(dir).doesNotExist();
        assertThat(Files.readString(Path.of("/proc/self/mounts"))).doesNotContain(dir.toString());
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(dir.toString()))).isEmpty();
        assertThat(Files.exists(Path.of("/sys/class/net/docker0"))).as("the shared engine's docker0").isEqualTo(docker0);
        assertThat(TestEngine.ping()).as("the shared engine still answers").isTrue();
    }

    /** With live-restore a container outlives the SIGKILL and the restart, and what it wrote meanwhile is in its log. */
    @Test
    void withLiveRestoreContainersKeepRunningThroughAKillAndTheirLogsHaveNoGap() throws Exception {
        assumeTrue(PrivateEngine.available(), "needs root and dockerd");
        Path dir;
        try (PrivateEngine engine = PrivateEngine.startWithLiveRestore()) {
            dir = engine.socket().getParent();
            engine.loadImage(TestEngine.BUSYBOX_IMAGE);
            String id = engine.docker("run", "-d", "--name", "pe-counter", "--network", "none", TestEngine.BUSYBOX_IMAGE,
                    "sh", "-c", "i=0; while true; do echo $i; i=$((i+1)); sleep 0.1; done").strip();
            Thread.sleep(500);
            engine.kill();
            Thread.sleep(2000); // about 20 lines written while no engine reads them
            engine.restart();
            assertThat(engine.docker("inspect", "-f", "{{.State.Running}} {{.RestartCount}}", id).strip()).isEqualTo("true 0");
            Thread.sleep(300);
            List<String> lines = engine.docker("logs", id).lines().toList();
            assertThat(lines.size()).isGreaterThan(20);
            for (int i = 0; i < lines.size(); i++) {
                assertThat(lines.get(i)).as("line %d", i).isEqualTo(Integer.toString(i));
            }
        }
        assertThat(dir).doesNotExist();
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(dir.toString()))).isEmpty();
        assertThat(TestEngine.ping()).as("the shared engine still answers").isTrue();
    }
}
