package dev.berth.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.gui.BerthApplication;
import dev.berth.app.gui.engine.TestProjects;
import dev.berth.app.gui.feed.EngineConnection;
import dev.berth.app.gui.fx.PulseProbe;
import dev.berth.app.gui.logs.LogLine;
import dev.berth.app.gui.logs.LogsViewModel;
import dev.berth.app.gui.main.ProjectPanes;
import dev.berth.testkit.MachineShare;
import dev.berth.testkit.RequiresEngine;
import dev.berth.testkit.TestEngine;
import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javafx.event.ActionEvent;
import javafx.geometry.VerticalDirection;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.assertj.core.api.ListAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 17 fault 7 in the window: the hostile containers of {@link HostileOutput} write into a project the
 * real app follows through the real engine, while a probe records the gaps between FX pulses. Phase one is
 * every kind of hostile line but the burst (1 MiB lines, a 6 MiB line, binary, invalid UTF-8, ANSI floods;
 * with and without a TTY), then the checks: no exception, rows stay a few nodes and a bounded width with a
 * "line truncated" marker, U+FFFD where bytes were not UTF-8, the line after an unterminated escape shows,
 * search and scrolling work, "Save… as received" writes the engine's bytes. Phase two is the burst of
 * 2 × 100,000 lines, started by a file the test creates. Heap is measured after a GC before and after.
 */
@RequiresEngine
@ExtendWith(ApplicationExtension.class)
class HostileLogsGuiIT {

    /** Phase one's services; their output fits the pane's 32 MiB budget, so the export can be compared whole. */
    private static final Set<String> FIRST = Set.of("long", "long-tty", "endless", "binary", "binary-local-tty", "invalid",
            "invalid-local", "invalid-local-tty", "ansi", "ansi-tty");
    /** The last line each phase-one service writes (the pane has all of a service's output once it shows). */
    private static final String ANSI_LAST = "visible after the unterminated escapes";

    @TempDir
    static Path home;

    private final String project = "hostilegui" + UUID.randomUUID().toString().substring(0, 8);
    private final List<Throwable> uncaught = Collections.synchronizedList(new ArrayList<>());
    private BerthApplication app;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        System.setProperty("berth.config.dir", home.resolve("config").toString());
        System.setProperty("berth.host", "unix://" + TestEngine.socket());
        Thread.currentThread().setUncaughtExceptionHandler((thread, e) -> uncaught.add(e));
        app = new BerthApplication();
        app.start(stage);
        stage.setWidth(1280);
        stage.setHeight(800);
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(app::stop).get(10, TimeUnit.SECONDS);
        TestProjects.remove(project);
    }

    private String composeFile(Path go) {
        List<HostileOutput.Service> first = HostileOutput.SERVICES.stream().filter(s -> FIRST.contains(s.name())).toList();
        List<HostileOutput.Service> burst = HostileOutput.SERVICES.stream().filter(s -> s.kind().equals("burst")).toList();
        String yaml = HostileOutput.composeFile(project, first, service -> 6, "; sleep 3600");
        String bursts = HostileOutput.composeFile(project, burst, service -> 0, "; sleep 3600")
                .replace("sleep 0; ", "while [ ! -e /go/now ]; do sleep 0.2; done; ")
                .replace("    command:", "    volumes: [\"" + go + ":/go\"]\n    command:");
        return yaml + bursts.substring(bursts.indexOf("services:\n") + "services:\n".length());
    }

    @Test
    void hostileOutputKeepsTheLogViewResponsiveBoundedAndExact(FxRobot robot) throws Exception {
        Path dir = Files.createDirectories(home.resolve(project));
        Path go = Files.createDirectories(home.resolve(project + "-go"));
        Files.writeString(dir.resolve("compose.yaml"), composeFile(go));
        ProjectPanes panes = app.panes();
        LogsViewModel logs = panes.logs();
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> panes.connectionProperty().get().kind() == EngineConnection.Kind.CONNECTED);
        robot.interact(() -> app.window().opened(dir.toFile()));
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> panes.graph().node("long").isPresent());
        robot.interact(() -> Thread.currentThread().setUncaughtExceptionHandler((thread, e) -> uncaught.add(e)));
        long heapBefore = heapAfterGc();

        // Phase one: up (F5), then every hostile kind but the burst.
        PulseProbe probe = new PulseProbe(stage.getScene());
        WaitForAsyncUtils.asyncFx(probe::start).get(5, TimeUnit.SECONDS);
        MachineShare phaseOneShare = MachineShare.start();
        HeapSampler sampler = new HeapSampler();
        long started = System.nanoTime();
        robot.press(KeyCode.F5).release(KeyCode.F5);
        Set<String> lastLines = Set.of(ANSI_LAST, "after the long lines", "after the endless line", "after the binary", "valid ✓ ünïcödé");
        waitFor(240, () -> count(logs, line -> lastLines.contains(line.text())) == 2 + 2 + 1 + 2 + 3);
        double phaseOneSeconds = (System.nanoTime() - started) / 1e9;
        WaitForAsyncUtils.asyncFx(probe::stop).get(5, TimeUnit.SECONDS);
        phaseOneShare.stop();
        sampler.stop();
        long received = logs.receivedLinesProperty().get();
        print("phase one (1 MiB lines, 6 MiB line, binary, invalid UTF-8, ANSI floods)", probe, received, phaseOneSeconds, sampler.peak() - heapBefore,
                phaseOneShare);

        // Rows stay a few nodes of bounded width, whatever the line: the 1 MiB lines show their start and the marker.
        robot.interact(() -> logs.sourceFilterProperty().set("long"));
        robot.interact(() -> logs.followProperty().set(true));
        WaitForAsyncUtils.waitForFxEvents();
        List<String> shown = rowTexts(robot);
        assertRows(shown)
                .anyMatch(row -> row.contains("LLLL") && row.matches(".*LLLL  … line truncated, 1.?024 KB"));
        assertRowsBounded(robot);
        robot.interact(() -> logs.wrapProperty().set(true));
        WaitForAsyncUtils.waitForFxEvents();
        assertRowsBounded(robot);
        screenshot(robot, "hostile-logs-long-lines.png");
        robot.interact(() -> logs.wrapProperty().set(false));

        // ANSI floods: colours, no escape shows, and the line after an unterminated CSI and OSC is there.
        robot.interact(() -> logs.sourceFilterProperty().set("ansi-tty"));
        WaitForAsyncUtils.waitForFxEvents();
        shown = rowTexts(robot);
        assertRows(shown).anyMatch(row -> row.endsWith(ANSI_LAST));
        assertRows(shown).anyMatch(row -> row.endsWith("| unterminated csi ")).anyMatch(row -> row.endsWith("| unterminated osc "));
        assertRows(shown).anyMatch(row -> row.endsWith("| a link")).anyMatch(row -> row.endsWith("| cursor moves"));
        assertRows(shown).noneMatch(row -> row.contains("\u001b")).noneMatch(row -> row.contains("[31"));
        assertRowsBounded(robot);
        robot.interact(() -> logs.followProperty().set(false));
        robot.interact(() -> logs.sourceFilterProperty().set(null));
        robot.interact(() -> logs.searchQueryProperty().set("end of flood line 199"));
        robot.interact(() -> logs.filterModeProperty().set(true));
        robot.interact(() -> logs.followProperty().set(true));
        awaitSearch(logs, "end of flood line 199");
        assertThat(logs.matchesProperty().get()).isEqualTo(2);
        shown = rowTexts(robot);
        assertRows(shown).hasSize(2)
                .allMatch(row -> row.matches("ansi(-tty)? \\| 0 1 2 .*  … line truncated, 22 KB"));
        screenshot(robot, "hostile-logs-ansi-flood.png");
        robot.interact(() -> logs.filterModeProperty().set(false));
        robot.interact(() -> logs.searchQueryProperty().set(""));

        // Invalid UTF-8 and binary: replacement characters, no control characters drawn.
        robot.interact(() -> logs.sourceFilterProperty().set("invalid-local"));
        robot.interact(() -> logs.followProperty().set(true));
        WaitForAsyncUtils.waitForFxEvents();
        shown = rowTexts(robot);
        assertRows(shown).contains("invalid-local | bad lead \uFFFD( pair", "invalid-local | caf\uFFFD latin-1",
                "invalid-local | valid ✓ ünïcödé");
        robot.interact(() -> logs.sourceFilterProperty().set(null));
        WaitForAsyncUtils.waitForFxEvents();
        screenshot(robot, "hostile-logs-mixed.png");
        robot.interact(() -> logs.sourceFilterProperty().set("binary-local-tty"));
        robot.interact(() -> logs.followProperty().set(false));
        robot.interact(() -> logs.filterModeProperty().set(false));
        WaitForAsyncUtils.waitForFxEvents();
        assertRows(rowTexts(robot)).anyMatch(row -> row.contains("\uFFFD")).allMatch(row -> row.chars().noneMatch(c -> c < 0x20 && c != '\t'));
        assertRowsBounded(robot);
        screenshot(robot, "hostile-logs-binary.png");

        // Scrolling with the keyboard and the wheel, and search, stay quick on the hostile lines.
        robot.interact(() -> logs.sourceFilterProperty().set(null));
        PulseProbe interaction = new PulseProbe(stage.getScene());
        WaitForAsyncUtils.asyncFx(interaction::start).get(5, TimeUnit.SECONDS);
        robot.clickOn("#logs-list");
        robot.press(KeyCode.HOME).release(KeyCode.HOME);
        for (int i = 0; i < 5; i++) {
            robot.press(KeyCode.PAGE_DOWN).release(KeyCode.PAGE_DOWN);
        }
        robot.scroll(30, VerticalDirection.UP);
        // Set at once rather than typed: the glass robot injects a key's release on the FX thread, so a key
        // whose handler runs long is held that long, and the X server repeats it.
        TextField field = robot.lookup("#logs-search").queryAs(TextField.class);
        long searchStart = System.nanoTime();
        robot.interact(() -> field.setText("end of long line 3"));
        awaitSearch(logs, "end of long line 3"); // the pass runs off the FX thread; the pulses go on meanwhile
        double searchMillis = (System.nanoTime() - searchStart) / 1e6;
        long jumpStart = System.nanoTime();
        robot.interact(() -> field.fireEvent(new ActionEvent()));
        double jumpMillis = (System.nanoTime() - jumpStart) / 1e6;
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.asyncFx(interaction::stop).get(5, TimeUnit.SECONDS);
        assertThat(logs.matchesProperty().get()).as("both 'long' services' third line").isEqualTo(2);
        System.out.printf("HOSTILE GUI scroll+search: search over %,d lines %.0f ms, jump to the match %.0f ms; %d pulses, gap p50 %.1f ms,"
                        + " p99 %.1f ms, max %.1f ms; FX CPU p99 %.1f ms%n", logs.keptLines(), searchMillis, jumpMillis,
                interaction.pulses(), interaction.gapPercentileMillis(0.5), interaction.gapPercentileMillis(0.99),
                interaction.longestGapMillis(), interaction.cpuPercentileMillis(0.99));
        robot.interact(() -> logs.searchQueryProperty().set(""));

        // Save… as received: per service, exactly the engine's bytes (escapes, bytes that are not UTF-8, CRLF).
        for (String name : List.of("invalid-local", "invalid-local-tty", "ansi", "ansi-tty", "binary-local-tty", "endless", "long", "long-tty")) {
            robot.interact(() -> logs.sourceFilterProperty().set(name));
            Path saved = home.resolve(name + ".log");
            int lines = WaitForAsyncUtils.asyncFx(() -> logs.saveTo(saved, LogsViewModel.SaveFormat.AS_RECEIVED)).get().get(60, TimeUnit.SECONDS);
            byte[] engine = HostileOutput.engineBytes(project + "-" + name + "-1", name.endsWith("-tty"));
            byte[] file = Files.readAllBytes(saved);
            System.out.printf("HOSTILE GUI save %s: %,d lines, %,d bytes; engine %,d bytes%n", name, lines, file.length, engine.length);
            assertThat(file).as(name + ": saved as received = the engine's bytes").isEqualTo(engine);
        }
        robot.interact(() -> logs.sourceFilterProperty().set(null));
        assertThat(uncaught).as("exceptions on the FX thread").isEmpty();
        long heapAfterFirst = heapAfterGc();

        // Phase two: 2 × 100,000 lines in a burst.
        robot.interact(() -> logs.followProperty().set(true));
        long before = logs.receivedLinesProperty().get() + logs.droppedLinesProperty().get();
        PulseProbe burst = new PulseProbe(stage.getScene());
        WaitForAsyncUtils.asyncFx(burst::start).get(5, TimeUnit.SECONDS);
        MachineShare burstShare = MachineShare.start();
        HeapSampler burstHeap = new HeapSampler();
        long burstStart = System.nanoTime();
        Files.writeString(go.resolve("now"), "go");
        // Both bursts' last lines, or (the engine's follow of json-file logs can lose lines under fast writers,
        // see HostileLogsCliIT) nothing new for 15 s.
        long[] seen = {-1, System.nanoTime()};
        waitFor(240, () -> {
            long now = logs.receivedLinesProperty().get();
            if (now != seen[0]) {
                seen[0] = now;
                seen[1] = System.nanoTime();
            }
            return count(logs, line -> line.text().equals("end of the burst")) == 2 || System.nanoTime() - seen[1] > 15e9;
        });
        double burstSeconds = (System.nanoTime() - burstStart) / 1e9;
        WaitForAsyncUtils.asyncFx(burst::stop).get(5, TimeUnit.SECONDS);
        burstShare.stop();
        burstHeap.stop();
        long burstLines = logs.receivedLinesProperty().get() + logs.droppedLinesProperty().get() - before;
        print("phase two (2 x 100,000 lines)", burst, burstLines, burstSeconds, burstHeap.peak() - heapBefore, burstShare);
        assertThat(burstLines).isGreaterThan(100_000).isLessThanOrEqualTo(200_002);
        assertThat(logs.keptLines()).isLessThanOrEqualTo(LogsViewModel.DEFAULT_CAPACITY);
        long burstKept = count(logs, line -> line.text().startsWith("burst line "));
        robot.interact(() -> logs.searchQueryProperty().set("BURST LINE"));
        awaitSearch(logs, "BURST LINE");
        assertThat((long) logs.matchesProperty().get()).as("search counts every kept burst line").isEqualTo(burstKept).isGreaterThan(50_000);
        robot.interact(() -> logs.searchQueryProperty().set(""));
        screenshot(robot, "hostile-logs-burst.png");
        long heapAfter = heapAfterGc();
        System.out.printf("HOSTILE GUI heap after GC: before %.1f MB, after phase one %.1f MB, after the burst %.1f MB; kept %,d lines%n",
                heapBefore / 1e6, heapAfterFirst / 1e6, heapAfter / 1e6, logs.keptLines());
        assertThat(uncaught).as("exceptions on the FX thread").isEmpty();
        // The pane keeps at most 32 MiB of text (plus per-line records): retained heap stays within that and the
        // strings' own overhead (a line with U+FFFD is two bytes a character), whatever was written.
        assertThat(heapAfterFirst - heapBefore).as("heap retained after the hostile lines").isLessThan(160_000_000L);
        assertThat(heapAfter - heapBefore).as("heap retained after the burst").isLessThan(160_000_000L);

        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        int cores = ManagementFactory.getOperatingSystemMXBean().getAvailableProcessors();
        for (var phase : List.of(Map.entry(probe, phaseOneShare), Map.entry(burst, burstShare))) {
            PulseProbe measured = phase.getKey();
            // A row that laid out a whole 1 MiB line took seconds of FX time; 2,000 colour changes as 2,000 text
            // nodes, a pulse's worth. The FX thread's own CPU time is asserted always, with room for the shared
            // machine (its CPU time doubles at load 30 on 2 cores); the 50 ms when the machine is not
            // oversubscribed.
            assertThat(measured.cpuPercentileMillis(0.99)).as("99th percentile FX-thread CPU per pulse, ms").isLessThan(100);
            assertThat(measured.longestCpuMillis()).as("most FX-thread CPU in one pulse, ms").isLessThan(250);
            if (load <= cores) {
                assertThat(measured.cpuPercentileMillis(0.99)).as("99th percentile FX-thread CPU per pulse, ms").isLessThan(50);
            }
            // The wall-clock gap, loosely, when the other processes mostly left the machine to Berth. Here they
            // rarely do: the engine and 14 containers write the hostile output on the same 2 cores (0.7-0.9 cores of
            // others measured; gap p99 48-128 ms while the FX thread used p99 6-27 ms and the render thread 11-15).
            // The 50 ms is asserted on the view itself by HostileRenderIT, the same kinds of lines without
            // an engine competing for the cores.
            if (phase.getValue().quiet()) {
                assertThat(measured.gapPercentileMillis(0.99)).as("99th percentile gap between FX pulses, ms").isLessThan(100);
            }
        }
    }

    private static void print(String phase, PulseProbe probe, long lines, double seconds, long heapPeakGrowth, MachineShare share) {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.out.printf("HOSTILE GUI %s: %,d lines in %.1f s (%,.0f lines/s); %d pulses, gap p50 %.1f ms, p99 %.1f ms, max %.1f ms;"
                        + " FX CPU per pulse p99 %.1f ms, max %.1f ms; %s; heap peak +%.1f MB; other processes %.2f cores; load %.1f%n",
                phase, lines, seconds, lines / seconds, probe.pulses(), probe.gapPercentileMillis(0.5), probe.gapPercentileMillis(0.99),
                probe.longestGapMillis(), probe.cpuPercentileMillis(0.99), probe.longestCpuMillis(), probe.breakdown(), heapPeakGrowth / 1e6,
                share.othersCores(), load);
    }

    /** The text of each log row on screen, top to bottom. */
    private static List<String> rowTexts(FxRobot robot) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> robot.lookup(".log-line").queryAllAs(TextFlow.class).stream()
                .filter(Node::isVisible).filter(row -> row.getParent() != null)
                .sorted((a, b) -> Double.compare(a.getLayoutY(), b.getLayoutY()))
                .map(row -> row.getChildren().stream().map(node -> node instanceof Text text ? text.getText()
                        : node instanceof Label label ? label.getText() : "").collect(Collectors.joining()))
                .toList()).get(10, TimeUnit.SECONDS);
    }

    private static ListAssert<String> assertRows(List<String> rows) {
        return assertThat(rows).withFailMessage("rows on screen: %s", brief(rows));
    }

    /** Rows shortened for a failure message (a row may hold 2,000 characters). */
    private static List<String> brief(List<String> rows) {
        return rows.stream().map(row -> row.length() <= 120 ? row : row.substring(0, 60) + " […] " + row.substring(row.length() - 60)).toList();
    }

    /** Every row on screen: a few nodes, and a width a layout can handle (2,048 characters shown at most). */
    private static void assertRowsBounded(FxRobot robot) throws Exception {
        List<double[]> rows = WaitForAsyncUtils.asyncFx(() -> robot.lookup(".log-line").queryAllAs(TextFlow.class).stream()
                .filter(row -> row.getParent() != null)
                .map(row -> new double[] {row.getChildren().size(), row.getWidth()}).toList()).get(10, TimeUnit.SECONDS);
        assertThat(rows).isNotEmpty();
        for (double[] row : rows) {
            assertThat(row[0]).as("nodes in one row").isLessThanOrEqualTo(210);
            assertThat(row[1]).as("width of one row, px").isLessThan(20_000);
        }
    }

    /** How many lines the pane shows with exactly this text (one pass on the FX thread). */
    private static long count(LogsViewModel logs, Predicate<LogLine> test) {
        try {
            return WaitForAsyncUtils.asyncFx(() -> logs.lines().stream().filter(test).count()).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitFor(int seconds, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + seconds + " s");
            }
            Thread.sleep(1000);
        }
    }

    /** The window as a PNG under target/hostile-logs (or -Dberth.screenshots), to look at. */
    private void screenshot(FxRobot robot, String name) throws Exception {
        Path out = Path.of(System.getProperty("berth.screenshots", "target/hostile-logs"));
        Files.createDirectories(out);
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null)).get(10, TimeUnit.SECONDS);
        BufferedImage png = new BufferedImage((int) image.getWidth(), (int) image.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < png.getHeight(); y++) {
            for (int x = 0; x < png.getWidth(); x++) {
                png.setRGB(x, y, image.getPixelReader().getArgb(x, y));
            }
        }
        ImageIO.write(png, "png", out.resolve(name).toFile());
    }

    private static long heapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** The most heap in use, sampled every 50 ms on a thread of its own. */
    private static final class HeapSampler {
        private final AtomicLong peak = new AtomicLong();
        private volatile boolean running = true;
        private final Thread thread = Thread.ofPlatform().daemon().start(() -> {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            while (running) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        long peak() {
            return peak.get();
        }
    }

    /** A search over megabytes runs off the FX thread (LogsViewModel): waits until the pane applied it. */
    private static void awaitSearch(LogsViewModel logs, String query) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> logs.search().query().equals(query)).get());
        WaitForAsyncUtils.waitForFxEvents();
    }
}
