package dev.berth.app.gui.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.gui.BerthApplication;
import dev.berth.app.gui.feed.EngineConnection;
import dev.berth.app.gui.fx.PulseProbe;
import dev.berth.app.gui.main.ProjectPanes;
import dev.berth.testkit.RequiresEngine;
import dev.berth.testkit.TestEngine;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The stress test end to end: a real container writes 50,000 lines/s for 10 s (bursts of 50k
 * distinct lines each second), Berth follows its logs through the engine while the logs pane follows the
 * tail, and a probe records the longest gap between FX pulses and the FX thread's CPU time per pulse.
 * As in {@code LogsStressIT}, the CPU time per pulse is asserted; the wall-clock gap is asserted only when
 * the shared 2-core machine was not oversubscribed; both are printed.
 */
@RequiresEngine
@ExtendWith(ApplicationExtension.class)
class EngineLogsStressIT {

    private static final int SECONDS = 10;
    private static final int PER_SECOND = 50_000;

    @TempDir
    static Path home;

    private final String project = "gui-stress-" + UUID.randomUUID().toString().substring(0, 8);
    private BerthApplication app;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        System.setProperty("berth.config.dir", home.resolve("config").toString());
        System.setProperty("berth.host", "unix://" + TestEngine.socket());
        app = new BerthApplication();
        app.start(stage);
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(app::stop).get(10, TimeUnit.SECONDS);
        TestProjects.remove(project);
    }

    @Test
    void aContainerLogging50kLinesPerSecondNeverStallsTheFxThread(FxRobot robot) throws Exception {
        Path dir = Files.createDirectories(home.resolve(project));
        Files.writeString(dir.resolve("compose.yaml"), """
                name: %s
                services:
                  flood:
                    image: %s
                    command: ["sh", "-c", "seq 1 %d | sed 's/^/warm-up line /'; sleep 4; for i in $$(seq 0 %d); do seq $$((i*%d)) $$((i*%d+%d)) | sed 's/^/GET \\\\/api\\\\/orders 200 12ms request /'; sleep 1; done; sleep 3600"]
                """.formatted(project, TestEngine.BUSYBOX_IMAGE, PER_SECOND, SECONDS - 1, PER_SECOND, PER_SECOND, PER_SECOND - 1));
        ProjectPanes panes = app.panes();
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> panes.connectionProperty().get().kind() == EngineConnection.Kind.CONNECTED);
        robot.interact(() -> app.window().opened(dir.toFile()));
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> panes.graph().node("flood").isPresent());

        // Up first, then one second of flood to warm the JIT up (as LogsStressIT does), not measured; the
        // container waits 4 s, then floods for ten seconds while the probe records.
        robot.press(KeyCode.F5).release(KeyCode.F5);
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> panes.logs().receivedLinesProperty().get() >= PER_SECOND);
        PulseProbe probe = new PulseProbe(stage.getScene());
        WaitForAsyncUtils.asyncFx(probe::start).get(5, TimeUnit.SECONDS);
        long warmUp = panes.logs().receivedLinesProperty().get();
        long expected = (long) SECONDS * PER_SECOND;
        // The engine reads its json-file logs back at its own pace (on a loaded machine well below 50k/s):
        // wait for all lines, or until none arrived for 5 s after the flood began, or two minutes.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        long firstLine = 0;
        long lastLine = 0;
        long lastCount = warmUp;
        while (System.nanoTime() < deadline) {
            long count = panes.logs().receivedLinesProperty().get() + panes.logs().droppedLinesProperty().get();
            long now = System.nanoTime();
            if (count > lastCount) {
                firstLine = firstLine == 0 ? now : firstLine;
                lastLine = now;
                lastCount = count;
            }
            if (count - warmUp >= expected || (firstLine != 0 && now - lastLine > TimeUnit.SECONDS.toNanos(5))) {
                break;
            }
            Thread.sleep(50);
        }
        Thread.sleep(300);
        WaitForAsyncUtils.asyncFx(probe::stop).get(5, TimeUnit.SECONDS);
        long flood = lastCount - warmUp;
        double seconds = Math.max(1e-3, (lastLine - firstLine) / 1e9);
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        int cores = ManagementFactory.getOperatingSystemMXBean().getAvailableProcessors();
        System.out.printf("ENGINE LOGS STRESS: %,d lines written, %,d reached the pane in %.1f s (%,.0f lines/s),"
                        + " %,d dropped; pulses %d;"
                        + " longest pulse gap %.1f ms, p99 %.1f ms; FX CPU per pulse max %.1f ms, p99 %.1f ms;"
                        + " longest drain %.1f ms; kept %,d; load average %.2f on %d cores%n",
                expected, flood, seconds, flood / seconds, panes.logs().droppedLinesProperty().get(), probe.pulses(), probe.longestGapMillis(),
                probe.gapPercentileMillis(0.99), probe.longestCpuMillis(), probe.cpuPercentileMillis(0.99),
                panes.logs().batcher().longestDrain().toNanos() / 1e6, panes.logs().keptLines(), load, cores);

        assertThat(flood).as("lines of the flood that reached the pane").isGreaterThan(expected / 5);
        assertThat(probe.longestCpuMillis()).as("most FX-thread CPU time in one pulse, ms").isLessThan(50);
        if (load <= cores) {
            // Wall clock here also counts the engine's own CPU: on 2 cores dockerd and containerd writing and
            // framing 50k lines/s take most of one (CI: p99 45 ms, longest 66 ms, while the FX thread's own work
            // per pulse stayed under 12.3 ms). The FX CPU bound above is the test of Berth; these bounds catch a
            // UI that stalls for real, and the figures are recorded in docs/PERFORMANCE.md.
            assertThat(probe.gapPercentileMillis(0.99)).as("99th percentile gap between FX pulses, ms").isLessThan(100);
            assertThat(probe.longestGapMillis()).as("longest gap between FX pulses, ms").isLessThan(250);
        }
    }
}
