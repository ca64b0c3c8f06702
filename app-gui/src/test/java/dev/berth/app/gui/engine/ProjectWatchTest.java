package dev.berth.app.gui.engine;

import static dev.berth.app.gui.engine.FakeEngine.container;
import static dev.berth.app.gui.engine.FakeEngine.inspect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.gui.containers.ContainerRow;
import dev.berth.app.gui.graph.ServiceState;
import dev.berth.app.gui.logs.LogLine;
import dev.berth.engine.api.model.ContainerSummary;
import dev.berth.engine.compose.ContainerState;
import dev.berth.engine.stream.LogSource;
import dev.berth.engine.stream.OutputLine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The project watch's parts on a scripted engine and manual tasks: no engine, no threads, no sleeping. */
class ProjectWatchTest {

    private final FakeEngine engine = new FakeEngine();
    private final ManualTasks tasks = new ManualTasks();
    private final RecordingSink sink = new RecordingSink();
    private final ProjectWatch watch = new ProjectWatch(engine, tasks, "demo", null, sink, false);

    private void twoContainers() {
        engine.listing = List.of(container("w1", "web", "running", "Up 3 minutes"), container("d1", "db", "exited", "Exited (1) 2 minutes ago"));
        engine.inspects.put("w1", inspect("w1", "2026-12-02T10:00:00Z", 0, 0, false));
        engine.inspects.put("d1", inspect("d1", "2026-12-02T09:00:00Z", 0, 1, false));
        engine.logLines.put("w1", List.of("web says hello", "web says hello again"));
    }

    @Test
    void theFirstListingShowsStatesRowsAndTheLogsOfEachRunningContainer() {
        twoContainers();
        watch.start();
        tasks.runPending();

        assertThat(sink.states).containsEntry("web", ServiceState.RUNNING).containsEntry("db", ServiceState.exited(1));
        assertThat(sink.rows).extracting(ContainerRow::name).containsExactly("demo-web-1", "demo-db-1");
        assertThat(sink.rows.getFirst().startedAt()).isEqualTo(Instant.parse("2026-12-02T10:00:00Z"));
        assertThat(engine.logRequests).as("one log stream, for the running container only").hasSize(1);
        assertThat(engine.logRequests.getFirst().tail()).isEqualTo(String.valueOf(ContainerStreams.FIRST_TAIL));
        assertThat(sink.lines).extracting(LogLine::text).containsExactly("web says hello", "web says hello again");
        assertThat(sink.graphs).as("graph from the labels").hasSize(1);
    }

    @Test
    void aBurstOfEngineEventsIsReadAsOneListing() {
        twoContainers();
        watch.start();
        tasks.runPending();
        int before = engine.listings.get();

        for (int i = 0; i < 20; i++) {
            watch.containerEvent("w1", "health_status: healthy");
        }
        tasks.advance(Duration.ofMillis(79));
        assertThat(engine.listingsById).isEmpty();
        tasks.advance(Duration.ofMillis(1));
        assertThat(engine.listingsById).as("one listing, of the one container the events named").containsExactly(List.of("w1"));
        assertThat(engine.listings.get()).as("no full listing").isEqualTo(before);

        watch.containerEvent(); // our own action ended: everything again, once the pause after a listing is over
        tasks.advance(Duration.ofMillis(399));
        assertThat(engine.listings.get()).as("within 400 ms of the last listing").isEqualTo(before);
        tasks.advance(Duration.ofMillis(1));
        assertThat(engine.listings.get()).isEqualTo(before + 1);
    }

    @Test
    void inspectsEachContainerOnceAndAgainOnlyAfterAnEventThatChangesIt() {
        twoContainers();
        watch.start();
        tasks.runPending();
        assertThat(engine.inspected).containsExactlyInAnyOrder("w1", "d1");

        watch.containerEvent("w1", "health_status: healthy");
        watch.containerEvent("d1", "exec_start: sh");
        tasks.advance(Duration.ofSeconds(1));
        assertThat(engine.inspected).as("no inspect per listing").hasSize(2);

        watch.containerEvent("w1", "die");
        tasks.advance(Duration.ofSeconds(1));
        assertThat(engine.inspected).containsExactlyInAnyOrder("w1", "d1", "w1");
    }

    /**
     * Issue 17 fault 8: a project of hundreds of containers. A created container is never inspected (it never
     * ran: nothing to say); the many that did are inspected after the rows are shown, and the rows come again
     * with their details; a few are inspected before (no row shows without its details).
     */
    @Test
    void aLargeProjectShowsItsRowsBeforeInspectingAndNeverInspectsCreatedContainers() {
        List<ContainerSummary> listing = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String id = "c" + i;
            boolean created = i % 3 != 0;
            listing.add(container(id, "s" + i, created ? "created" : "running", created ? "Created" : "Up 1 minute"));
            engine.inspects.put(id, inspect(id, "2026-12-02T10:00:00Z", i % 3 == 0 ? 2 : 0, 0, false));
        }
        engine.listing = listing;
        watch.start();
        tasks.runPending();

        assertThat(engine.inspected).as("only the 100 that ever started").hasSize(100).allMatch(id -> Integer.parseInt(id.substring(1)) % 3 == 0);
        assertThat(sink.rowPushes).as("the rows at once, then with the details").hasSize(2);
        assertThat(sink.rowPushes.getFirst()).hasSize(300).allMatch(row -> row.restartCount() == 0);
        assertThat(sink.rows).hasSize(300).filteredOn(row -> row.state() == ContainerState.RUNNING)
                .hasSize(100).allMatch(row -> row.restartCount() == 2 && row.startedAt() != null);

        watch.containerEvent("c0", "die");
        tasks.advance(Duration.ofSeconds(1));
        assertThat(engine.inspected).as("one stale container: inspected before its row shows").hasSize(101);
        assertThat(sink.rowPushes).hasSize(3);
    }

    /** Issue 12, defect 7: a crash loop shows its restart count, last exit code and an OOM kill. */
    @Test
    void aCrashLoopShowsItsRestartsLastExitAndOomKillOnTheCardAndTheRow() {
        twoContainers();
        watch.start();
        tasks.runPending();
        assertThat(sink.details).doesNotContainKey("web");

        engine.inspects.put("w1", inspect("w1", "2026-12-02T10:05:00Z", 7, 137, true));
        engine.listing = List.of(container("w1", "web", "restarting", "Restarting (137) 1 second ago"), engine.listing.get(1));
        watch.containerEvent("w1", "die");
        tasks.advance(Duration.ofSeconds(1));

        assertThat(sink.states).containsEntry("web", ServiceState.RESTARTING);
        assertThat(sink.details).containsEntry("web", "restarted 7× · OOM killed");
        ContainerRow web = sink.rows.getFirst();
        assertThat(web.restartCount()).isEqualTo(7);
        assertThat(web.restartsText()).isEqualTo("7× · OOM killed");
    }

    /**
     * CI found it: an inspect that failed on a busy engine was kept as "nothing known", so an OOM kill that happened
     * before the window opened (no later event) never showed. A failed inspect is tried again soon, a few times.
     */
    @Test
    void aFailedInspectIsTriedAgainAFewTimesNotForever() {
        twoContainers();
        engine.inspects.remove("d1");
        watch.start();
        tasks.runPending();
        assertThat(sink.details).doesNotContainKey("db");

        engine.inspects.put("d1", inspect("d1", "2026-12-02T09:00:00Z", 0, 137, true));
        tasks.advance(Duration.ofSeconds(1));
        assertThat(sink.details).as("read again without any event").containsEntry("db", "OOM killed");

        engine.inspects.remove("w1");
        watch.containerEvent("w1", "die");
        for (int i = 0; i < 120; i++) {
            tasks.advance(Duration.ofMillis(500)); // a minute
        }
        assertThat(engine.inspected.stream().filter("w1"::equals))
                .as("the first inspect, the one after the event and " + ProjectWatch.INSPECT_RETRIES + " retries")
                .hasSize(2 + ProjectWatch.INSPECT_RETRIES);
    }

    /** Issue 12, defect 8: the uptime starts again after a restart (the start time was read once and kept). */
    @Test
    void aRestartedContainerShowsItsNewStartTime() {
        twoContainers();
        watch.start();
        tasks.runPending();
        assertThat(sink.rows.getFirst().startedAt()).isEqualTo(Instant.parse("2026-12-02T10:00:00Z"));

        engine.inspects.put("w1", inspect("w1", "2026-12-02T11:30:00Z", 0, 0, false));
        watch.containerEvent("w1", "restart");
        tasks.advance(Duration.ofSeconds(1));

        assertThat(sink.rows.getFirst().startedAt()).isEqualTo(Instant.parse("2026-12-02T11:30:00Z"));
    }

    /**
     * Fault 1: the engine went away mid-burst and came back; the watch that replaces the cut-off one asks for the
     * logs since the last shown line's timestamp and skips exactly the lines shown at that timestamp before.
     */
    @Test
    void aWatchResumedAfterALostEngineShowsEveryLineOnceAcrossTheBoundary() {
        Instant t1 = Instant.parse("2026-12-02T10:00:00.100000001Z");
        Instant burst = Instant.parse("2026-12-02T10:00:00.200000002Z"); // three lines the engine read at once
        Instant t3 = Instant.parse("2026-12-02T10:00:00.300000003Z");
        engine.listing = List.of(container("w1", "web", "running", "Up 3 minutes"));
        engine.inspects.put("w1", inspect("w1", "2026-12-02T10:00:00Z", 0, 0, false));
        engine.timedLogLines.put("w1", List.of(line("0", t1), line("1", burst), line("2", burst)));
        LogPositions positions = new LogPositions(Instant.now());
        ProjectWatch first = new ProjectWatch(engine, tasks, "demo", null, sink, false, positions);
        first.start();
        tasks.runPending();
        first.close(); // the engine was lost after line 2
        engine.timedLogLines.put("w1", List.of(line("0", t1), line("1", burst), line("2", burst), line("3", burst), line("4", t3)));

        ProjectWatch resumed = new ProjectWatch(engine, tasks, "demo", null, sink, false, positions);
        resumed.start();
        tasks.runPending();

        assertThat(engine.logRequests.getLast().since()).as("from the last shown line's own time").isEqualTo(burst);
        assertThat(sink.lines).extracting(LogLine::text).containsExactly("0", "1", "2", "3", "4");
        resumed.close();
    }

    private static OutputLine line(String text, Instant at) {
        return new OutputLine(LogSource.STDOUT, text, at);
    }

    @Test
    void aWatchClosedBeforeItsStreamsRunDeliversNothingAndHoldsNoStream() {
        twoContainers();
        watch.start();
        tasks.runPending();
        int shown = sink.lines.size();
        watch.containerEvent("w1", "start");
        engine.logLines.put("w1", List.of("after the restart"));
        // the listing runs and opens streams, whose loops wait in the queue; the user selects something else
        tasks.advance(Duration.ofMillis(80));
        watch.close();
        tasks.runPending();

        assertThat(sink.lines).hasSize(shown);
        assertThat(watch.openStreams()).isZero();
        assertThat(engine.opened).allMatch(FakeEngine.ScriptedStream::isClosed);
    }

    @Test
    void topRunsEveryTwoSecondsOnlyWhileItsPaneIsVisible() {
        twoContainers();
        watch.start();
        tasks.runPending();
        watch.select("web");
        tasks.runPending();
        assertThat(engine.tops.get()).as("hidden top pane").isZero();
        assertThat(sink.inspected).containsKey("demo-web-1");

        watch.topVisible(true);
        tasks.runPending();
        assertThat(engine.tops.get()).isEqualTo(1);
        tasks.advance(Duration.ofSeconds(2));
        tasks.advance(Duration.ofSeconds(2));
        assertThat(engine.tops.get()).isEqualTo(3);

        watch.topVisible(false);
        tasks.runPending();
        tasks.advance(Duration.ofSeconds(10));
        assertThat(engine.tops.get()).isEqualTo(3);
        assertThat(tasks.waiting("berth-top")).as("nothing polls a hidden pane").isZero();
    }

    @Test
    void aContainerThatStopsIsReportedOnceSoItsFiguresGo() {
        twoContainers();
        watch.start();
        tasks.runPending();
        assertThat(sink.stopped).isEmpty();

        engine.listing = List.of(container("w1", "web", "exited", "Exited (0) 1 second ago"), engine.listing.get(1));
        watch.containerEvent("w1", "die");
        tasks.advance(Duration.ofSeconds(1));
        watch.containerEvent("w1", "destroy");
        tasks.advance(Duration.ofSeconds(1));

        assertThat(sink.stopped).containsExactly("demo-web-1");
    }
}
