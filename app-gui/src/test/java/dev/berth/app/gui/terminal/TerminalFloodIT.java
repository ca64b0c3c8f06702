package dev.berth.app.gui.terminal;

import static dev.berth.app.gui.terminal.TerminalDriver.await;
import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import dev.berth.app.gui.fx.FxUiScheduler;
import dev.berth.engine.api.ContainersApi;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.api.Filters;
import dev.berth.engine.api.model.ContainerConfig;
import dev.berth.engine.api.model.ContainerCreateRequest;
import dev.berth.engine.api.model.HostConfig;
import dev.berth.testkit.RequiresEngine;
import dev.berth.testkit.TestEngine;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 20: a flood in the terminal ({@code yes}, {@code cat} of a 50 MB file) keeps the window responsive and
 * Ctrl+C stops it. The gaps between FX pulses are recorded during the flood (as LogsStressIT does) with the FX
 * thread's CPU time per pulse; the wall-clock gap is asserted only when the machine is not oversubscribed (the
 * shared 2-core machine often runs at a load of 10–30, where any thread waits for a core). Prints the terminal's
 * throughput (bytes through the emulator onto the screen) and the bare stream's (the connector read to the end
 * without a terminal), for docs/PERFORMANCE.md.
 */
@RequiresEngine
@ExtendWith(ApplicationExtension.class)
class TerminalFloodIT {

    private static final int BIG_FILE_BYTES = 50 * 1024 * 1024;

    private final String run = "flood-" + UUID.randomUUID().toString().substring(0, 8);
    private final EngineClient engine = EngineClient.connect(new EngineEndpoint.Unix(TestEngine.socket()));
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private String container;
    private TerminalTab tab;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        container = engine.containers().create(run, ContainerCreateRequest.builder()
                .config(ContainerConfig.builder().image(TestEngine.BUSYBOX_IMAGE).cmd(List.of("sleep", "600"))
                        .labels(Map.of("berth.test", run)).build())
                .hostConfig(HostConfig.builder().build()).build()).id();
        engine.containers().start(container);
        // 50 MB of 80-column text lines, the shape of a big log file.
        var made = engine.exec().run(container, List.of("sh", "-c",
                "mkdir -p /tmp && yes 'GET /api/orders/1234 200 12ms user-agent=curl/8.5.0 \033[32mINFO\033[0m processed job in 3 ms'"
                        + " | head -c " + BIG_FILE_BYTES + " > /tmp/big && wc -c < /tmp/big"));
        assertThat(made.stdout().strip()).isEqualTo(String.valueOf(BIG_FILE_BYTES));
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        tab = TerminalTab.open(() -> engine, container, run, TerminalTarget.shell(), new FxUiScheduler(), background);
        stage.setScene(new Scene(new TabPane(tab), 900, 520));
        stage.show();
    }

    @AfterEach
    void cleanUp() throws Exception {
        WaitForAsyncUtils.asyncFx(tab::close).get(10, TimeUnit.SECONDS);
        for (var c : engine.containers().list(ContainersApi.ListOptions.allContainers().withFilters(Filters.none().label("berth.test=" + run)))) {
            engine.containers().remove(c.id(), true, false);
        }
        background.shutdownNow();
        engine.close();
    }

    @Test
    void yesAndABigCatKeepTheWindowResponsiveAndCtrlCStopsTheFlood(FxRobot robot) throws Exception {
        TerminalDriver terminal = new TerminalDriver(tab);
        await(() -> tab.connector() != null && terminal.screen().contains("/ #"));
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        PulseGapRecorder gaps = new PulseGapRecorder();
        FxCpuPerPulse cpu = new FxCpuPerPulse();
        WaitForAsyncUtils.asyncFx(() -> {
            gaps.start();
            stage.getScene().addPostLayoutPulseListener(cpu);
        }).get(5, TimeUnit.SECONDS);

        // yes for 10 s, then Ctrl+C: the prompt comes back and a command typed after it runs.
        terminal.typeLine(robot, "yes flood-line");
        await(() -> Pattern.compile("(?m)^flood-line\\s*\\n^flood-line").matcher(terminal.screen()).find());
        long yesChars = tab.connector().charsRead();
        long yesAt = System.nanoTime();
        Thread.sleep(10_000);
        double yesRate = (tab.connector().charsRead() - yesChars) / 1e6 / ((System.nanoTime() - yesAt) / 1e9);
        double yesStop = interruptAndAnswer(robot, terminal, "after-yes");

        // cat of the 50 MB file: to its end, or for at most 60 s (on a loaded machine the emulator takes
        // minutes for 50 MB) and then Ctrl+C, which must stop it as it stopped yes.
        long catChars = tab.connector().charsRead();
        long catAt = System.nanoTime();
        terminal.typeLine(robot, "cat /tmp/big; echo cat-done-$((6*7))");
        Pattern done = Pattern.compile("(?m)^cat-done-42\\s*$");
        long catDeadline = catAt + TimeUnit.SECONDS.toNanos(60);
        while (!done.matcher(terminal.screen()).find() && System.nanoTime() < catDeadline) {
            Thread.sleep(200);
        }
        boolean catFinished = done.matcher(terminal.screen()).find();
        double catSeconds = (System.nanoTime() - catAt) / 1e9;
        double catRate = (tab.connector().charsRead() - catChars) / 1e6 / catSeconds;
        double catStop = catFinished ? 0 : interruptAndAnswer(robot, terminal, "after-cat");
        WaitForAsyncUtils.asyncFx(() -> {
            gaps.stop();
            stage.getScene().removePostLayoutPulseListener(cpu);
        }).get(5, TimeUnit.SECONDS);
        double load = os.getSystemLoadAverage();
        int cores = os.getAvailableProcessors();

        // The bare stream: the same file read through an exec TTY session with no terminal behind it.
        EngineTtyConnector bare = EngineTtyConnector.exec(engine, container, run, List.of("cat", "/tmp/big"), 200, 50);
        long bareAt = System.nanoTime();
        long chars = 0;
        char[] buffer = new char[1 << 16];
        for (int n; (n = bare.read(buffer, 0, buffer.length)) >= 0; ) {
            chars += n;
        }
        double bareSeconds = (System.nanoTime() - bareAt) / 1e9;
        bare.close();

        System.out.printf("TERMINAL FLOOD: yes %.2f MB/s through the terminal, Ctrl+C -> next command answered in %.0f ms;"
                        + " cat 50 MB %s after %.1f s at %.2f MB/s%s; bare exec TTY stream (no terminal) %.2f s = %.0f MB/s (%,d chars);"
                        + " pulses %d; pulse gap p99 %.1f ms, longest %.1f ms; FX CPU per pulse p99 %.1f ms, max %.1f ms, mean %.2f ms;"
                        + " load average %.2f on %d cores%n",
                yesRate, yesStop, catFinished ? "finished" : "interrupted", catSeconds, catRate,
                catFinished ? "" : String.format(", Ctrl+C -> next command answered in %.0f ms", catStop),
                bareSeconds, BIG_FILE_BYTES / 1e6 / bareSeconds, chars,
                gaps.count(), gaps.percentileMillis(0.99), gaps.longestMillis(), cpu.percentileMillis(0.99), cpu.longestMillis(),
                cpu.meanMillis(), load, cores);

        assertThat(gaps.count()).as("pulses during the flood").isGreaterThan(100);
        assertThat(cpu.percentileMillis(0.99)).as("99th percentile of FX-thread CPU per pulse, ms").isLessThan(50);
        if (load > cores) {
            System.out.printf("TERMINAL FLOOD: machine oversubscribed (load %.2f > %d cores): wall-clock gap reported, not asserted%n", load, cores);
        } else {
            assertThat(gaps.percentileMillis(0.99)).as("99th percentile gap between FX pulses, ms").isLessThan(50);
        }
        TerminalDriver.screenshot(robot, stage.getScene(), "terminal-flood");
    }

    /**
     * Ctrl+C, then a command whose answer must appear: returns the milliseconds from the key to the answer, and
     * checks that nothing more is printed after it (the flood really stopped, not just paused).
     */
    private double interruptAndAnswer(FxRobot robot, TerminalDriver terminal, String marker) throws Exception {
        long interruptAt = System.nanoTime();
        robot.interact(() -> TerminalDriver.chord(tab.keyTarget(), KeyCode.C, false, true));
        terminal.typeLine(robot, "echo " + marker + "-$((40+2))");
        Pattern answer = Pattern.compile("(?m)^" + marker + "-42\\s*$");
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> answer.matcher(terminal.screen()).find());
        double millis = (System.nanoTime() - interruptAt) / 1e6;
        String after = terminal.screen();
        Thread.sleep(500);
        assertThat(terminal.screen()).as("nothing is printed after the interrupt and " + marker).isEqualTo(after);
        return millis;
    }

    /** The FX thread's CPU time from the end of one pulse's layout to the end of the next. */
    private static final class FxCpuPerPulse implements Runnable {
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private final List<Long> perPulse = new ArrayList<>();
        private long last = -1;

        @Override
        public void run() {
            long now = threads.getCurrentThreadCpuTime();
            if (last >= 0) {
                synchronized (perPulse) {
                    perPulse.add(now - last);
                }
            }
            last = now;
        }

        double longestMillis() {
            synchronized (perPulse) {
                return perPulse.stream().mapToLong(Long::longValue).max().orElse(0) / 1e6;
            }
        }

        double meanMillis() {
            synchronized (perPulse) {
                return perPulse.stream().mapToLong(Long::longValue).average().orElse(0) / 1e6;
            }
        }

        double percentileMillis(double p) {
            synchronized (perPulse) {
                List<Long> sorted = perPulse.stream().sorted().toList();
                return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, sorted.size() * p)) / 1e6;
            }
        }
    }

    /** Records the gap between consecutive pulses, on the FX thread. */
    private static final class PulseGapRecorder extends AnimationTimer {
        private final List<Long> gaps = new ArrayList<>();
        private final AtomicLong last = new AtomicLong();

        @Override
        public void handle(long now) {
            long previous = last.getAndSet(now);
            if (previous != 0) {
                synchronized (gaps) {
                    gaps.add(now - previous);
                }
            }
        }

        int count() {
            synchronized (gaps) {
                return gaps.size();
            }
        }

        double longestMillis() {
            synchronized (gaps) {
                return gaps.stream().mapToLong(Long::longValue).max().orElse(0) / 1e6;
            }
        }

        double percentileMillis(double p) {
            synchronized (gaps) {
                List<Long> sorted = gaps.stream().sorted().toList();
                return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, sorted.size() * p)) / 1e6;
            }
        }
    }
}
