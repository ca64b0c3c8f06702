package dev.berth.app.gui.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.gui.fx.DirectUiScheduler;
import dev.berth.app.gui.fx.ManualUiScheduler;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogsViewModelTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:15:30.250Z");

    private final LogsViewModel logs = new LogsViewModel(new DirectUiScheduler(), Runnable::run, 1_000, ZoneOffset.UTC);

    private static LogLine line(String source, String text) {
        return new LogLine(source, T0, LogLine.Stream.STDOUT, text);
    }

    @Test
    void showsLinesOnlyAtTheNextPulseWhenProducersAppendFromAnotherThread() throws InterruptedException {
        ManualUiScheduler ui = new ManualUiScheduler();
        LogsViewModel paced = new LogsViewModel(ui, Runnable::run, 1_000, ZoneOffset.UTC);

        Thread producer = Thread.ofVirtual().start(() -> IntStream.range(0, 300).forEach(i -> paced.append(line("web", "line " + i))));
        producer.join();
        assertThat(paced.lines()).isEmpty();

        ui.pulse();
        assertThat(paced.lines()).hasSize(300);
        assertThat(paced.lines().getLast().text()).isEqualTo("line 299");
        assertThat(paced.receivedLinesProperty().get()).isEqualTo(300);
    }

    @Test
    void keepsOnlyTheNewestLinesUpToTheCapacity() {
        IntStream.range(0, 1_500).forEach(i -> logs.append(line("web", "line " + i)));

        assertThat(logs.keptLines()).isEqualTo(1_000);
        assertThat(logs.lines().getFirst().text()).isEqualTo("line 500");
    }

    @Test
    void filterModeShowsOnlyLinesMatchingTheSearchIgnoringCaseAndAnsiCodes() {
        logs.appendAll(List.of(line("db", "ready to accept connections"), line("web", "GET /health 200"),
                line("web", "\u001b[31mERROR\u001b[0m connection refused")));

        logs.searchQueryProperty().set("connection");
        assertThat(logs.lines()).hasSize(3);
        logs.filterModeProperty().set(true);
        assertThat(logs.lines()).extracting(LogLine::source).containsExactly("db", "web");

        logs.searchQueryProperty().set("error connection");
        assertThat(logs.lines()).hasSize(1);
        logs.filterModeProperty().set(false);
        assertThat(logs.lines()).hasSize(3);
    }

    @Test
    void showsOnlyTheSelectedServiceAndCombinesThatWithTheSearchFilter() {
        logs.appendAll(List.of(line("db", "ready"), line("web", "GET / 200"), line("web", "GET /health 200")));

        logs.sourceFilterProperty().set("web");
        assertThat(logs.lines()).extracting(LogLine::text).containsExactly("GET / 200", "GET /health 200");
        logs.searchQueryProperty().set("health");
        logs.filterModeProperty().set(true);
        assertThat(logs.lines()).extracting(LogLine::text).containsExactly("GET /health 200");
        logs.sourceFilterProperty().set(null);
        logs.filterModeProperty().set(false);
        assertThat(logs.lines()).hasSize(3);
    }

    @Test
    void keepsFilteringLinesThatArriveWhileTheFilterIsOn() {
        logs.searchQueryProperty().set("warn");
        logs.filterModeProperty().set(true);

        logs.appendAll(List.of(line("web", "info: fine"), line("web", "WARN: disk")));

        assertThat(logs.lines()).extracting(LogLine::text).containsExactly("WARN: disk");
    }

    @Test
    void findNextWrapsAroundInBothDirections() {
        logs.appendAll(List.of(line("a", "match"), line("a", "no"), line("a", "match"), line("a", "no")));
        logs.searchQueryProperty().set("MATCH");

        assertThat(logs.findNext(0, true)).isEqualTo(2);
        assertThat(logs.findNext(2, true)).isZero();
        assertThat(logs.findNext(0, false)).isEqualTo(2);
        logs.searchQueryProperty().set("absent");
        assertThat(logs.findNext(0, true)).isEqualTo(-1);
    }

    @Test
    void copiesLinesWithSourceAndOptionalTimestampWithoutEscapes() {
        List<LogLine> lines = List.of(line("web", "\u001b[32mok\u001b[0m"));

        assertThat(logs.copyText(lines)).isEqualTo("web | ok\n");
        logs.showTimestampsProperty().set(true);
        assertThat(logs.copyText(lines)).isEqualTo("10:15:30.250 web | ok\n");
    }

    @Test
    void savesTheVisibleLinesToAFile(@TempDir Path dir) throws Exception {
        logs.appendAll(List.of(line("web", "one"), line("db", "two"), line("web", "three")));
        logs.searchQueryProperty().set("t");
        logs.filterModeProperty().set(true);
        Path file = dir.resolve("logs.txt");

        int written = logs.saveTo(file).get();

        assertThat(written).isEqualTo(2);
        assertThat(Files.readAllLines(file)).containsExactly("db | two", "web | three");
    }

    @Test
    void savesTheOutputAsReceivedWithEscapesBytesThatAreNotUtf8AndEachLinesEnding(@TempDir Path dir) throws Exception {
        byte[] latin1 = {'c', 'a', 'f', (byte) 0xE9};
        logs.appendAll(List.of(line("web", "\u001b[32mok\u001b[0m"),
                new LogLine("web", T0, LogLine.Stream.STDOUT, "caf\uFFFD", latin1, "\r\n"),
                new LogLine("web", T0, LogLine.Stream.STDOUT, "first piece ", null, ""),
                line("web", "second piece ✓")));
        Path file = dir.resolve("logs.log");

        assertThat(logs.saveTo(file, LogsViewModel.SaveFormat.AS_RECEIVED).get()).isEqualTo(4);

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes("\u001b[32mok\u001b[0m\n".getBytes(StandardCharsets.UTF_8));
        expected.writeBytes(latin1);
        expected.writeBytes("\r\nfirst piece second piece ✓\n".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readAllBytes(file)).isEqualTo(expected.toByteArray());
    }

    @Test
    void givesServicesStableColourSlotsInProjectOrder() {
        logs.assignSourceColours(List.of("db", "web", "cache"));

        assertThat(logs.palette().slotOf("web")).isEqualTo(1);
        assertThat(logs.palette().slotOf("other")).isEqualTo(3);
        assertThat(logs.palette().slotOf("db")).isZero();
    }

    @Test
    void countsLinesDroppedWhenTheUiFallsFarBehind() {
        ManualUiScheduler ui = new ManualUiScheduler();
        LogsViewModel paced = new LogsViewModel(ui, Runnable::run, 1_000, ZoneOffset.UTC);

        IntStream.range(0, 200_100).forEach(i -> paced.append(line("web", "x")));
        while (ui.waitingTasks() > 0) {
            ui.pulse();
        }

        assertThat(paced.droppedLinesProperty().get()).isEqualTo(100);
        assertThat(paced.keptLines()).isEqualTo(1_000);
    }

    /** Issue 12, defect 13: the count honours the service filter and the search, and says how many lines match. */
    @Test
    void theStatusCountsWhatTheServiceFilterShowsAndHowManyLinesMatchTheSearch() {
        logs.appendAll(List.of(line("web", "GET / 200"), line("db", "ready"), line("web", "GET /health 500"), line("web", "POST / 200")));
        assertThat(logs.statusText()).isEqualTo("4 lines");

        logs.sourceFilterProperty().set("web");
        assertThat(logs.statusText()).isEqualTo("3 of 4 lines");

        logs.searchQueryProperty().set("200");
        assertThat(logs.statusText()).isEqualTo("3 of 4 lines · 2 matches");
        logs.append(line("web", "GET /cart 200"));
        logs.append(line("db", "checkpoint 200 buffers"));
        assertThat(logs.matchesProperty().get()).as("the db line is not of the shown service").isEqualTo(3);
        logs.sourceFilterProperty().set(null);
        assertThat(logs.statusText()).isEqualTo("6 lines · 4 matches");
        logs.filterModeProperty().set(true);
        assertThat(logs.statusText()).isEqualTo("4 of 6 lines · 4 matches");
    }

    @Test
    void theMatchCountFollowsLinesTheRingEvicts() {
        LogsViewModel small = new LogsViewModel(new DirectUiScheduler(), Runnable::run, 3, ZoneOffset.UTC);
        small.searchQueryProperty().set("error");
        small.appendAll(List.of(line("web", "error 1"), line("web", "ok"), line("web", "error 2")));
        assertThat(small.matchesProperty().get()).isEqualTo(2);
        small.append(line("web", "ok again")); // evicts "error 1"
        assertThat(small.matchesProperty().get()).isEqualTo(1);
        small.reset();
        assertThat(small.matchesProperty().get()).isZero();
    }

    /** Issue 17, fault 7: 1 MB lines must not grow the ring past its text budget (the GUI has a 160 MB heap). */
    @Test
    void hugeLinesAreBoundedByTheTextBudgetNotOnlyByTheLineCountAndMatchesFollow() {
        LogsViewModel roomy = new LogsViewModel(new DirectUiScheduler(), Runnable::run, 100_000, ZoneOffset.UTC);
        roomy.searchQueryProperty().set("needle");
        String megabyte = "x".repeat(1_000_000);
        for (int i = 0; i < 100; i++) { // 100 MB offered in one-line batches
            roomy.append(line("web", (i % 2 == 0 ? "needle " : "hay ") + megabyte));
        }

        int kept = roomy.lines().size();
        assertThat(kept).isBetween(30, 34); // 32 MiB of 1 MB lines
        assertThat((long) kept * 1_000_000).isLessThanOrEqualTo(LogsViewModel.DEFAULT_TEXT_BUDGET);
        assertThat(roomy.lines().getLast().text()).startsWith("hay ");
        assertThat(roomy.matchesProperty().get()).isEqualTo((int) roomy.lines().stream().filter(l -> l.text().startsWith("needle")).count());
        assertThat(roomy.receivedLinesProperty().get()).isEqualTo(100);
    }

    /**
     * Issue 17, fault 7: over megabytes of kept text a search is a pass longer than a frame, so it runs on the
     * background executor; the pane keeps the previous search until it is done, and only the newest query
     * typed meanwhile is applied.
     */
    @Test
    void aSearchOverMuchTextRunsInTheBackgroundAndOnlyTheNewestQueryIsApplied() {
        ArrayDeque<Runnable> background = new ArrayDeque<>();
        LogsViewModel busy = new LogsViewModel(new DirectUiScheduler(), background::add, 100_000, ZoneOffset.UTC);
        String padding = "x".repeat(100_000);
        for (int i = 0; i < 40; i++) { // 4 MB: above the background threshold
            busy.append(line("web", (i % 4 == 0 ? "needle " : "hay ") + i + " " + padding));
        }
        assertThat(background).isEmpty();

        busy.searchQueryProperty().set("hay");
        busy.searchQueryProperty().set("needle");
        assertThat(busy.search().isEmpty()).as("the pane keeps the previous (empty) search meanwhile").isTrue();
        assertThat(background).hasSize(2);

        busy.append(line("web", "needle that came during the pass"));
        background.removeLast().run(); // "needle" finishes first
        assertThat(busy.search().query()).isEqualTo("needle");
        assertThat(busy.matchesProperty().get()).isEqualTo(11);
        busy.filterModeProperty().set(true);
        assertThat(busy.lines()).hasSize(11);
        assertThat(busy.findNext(0, true)).isEqualTo(1);

        background.removeLast().run(); // the superseded "hay" pass ends late: ignored
        assertThat(busy.search().query()).isEqualTo("needle");
        assertThat(busy.matchesProperty().get()).isEqualTo(11);

        busy.searchQueryProperty().set("");
        assertThat(busy.matchesProperty().get()).isZero();
        assertThat(background).as("clearing the search needs no pass").isEmpty();
    }
}
