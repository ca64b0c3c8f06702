package dev.berth.app.gui.main;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.gui.fx.ManualUiScheduler;
import dev.berth.app.gui.graph.ServiceState;
import dev.berth.app.gui.logs.LogLine;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The sink's ordering across its batchers, pulse by pulse, without a display. */
class ProjectPanesTest {

    private final ManualUiScheduler ui = new ManualUiScheduler();
    private final ProjectPanes panes = new ProjectPanes(ui, Runnable::run, Clock.systemUTC(), url -> { });

    private static LogLine line(String text) {
        return new LogLine("web", Instant.parse("2026-12-02T10:00:00Z"), LogLine.Stream.STDOUT, text);
    }

    /**
     * Issue 12, defect 2: the sidebar's watch lists the project (a state update: the small-updates drain is
     * queued first) and sends the last lines; the user's file replaces that watch before the next pulse, and
     * the new watch sends the same last lines. The reset must drop what the old watch left waiting, not
     * run before it lands: every line showed twice.
     */
    @Test
    void aResetDropsLinesTheReplacedWatchLeftWaitingForThePulse() {
        panes.serviceState("web", ServiceState.RUNNING, "1/1");
        panes.logLine(line("hello 1"));
        panes.logLine(line("hello 2"));
        panes.reset();
        panes.logLine(line("hello 1"));
        panes.logLine(line("hello 2"));

        ui.pulse();
        ui.pulse();

        assertThat(panes.logs().lines()).extracting(LogLine::text).containsExactly("hello 1", "hello 2");
    }

    @Test
    void aResetAfterThePulseEmptiesThePaneAndLaterLinesShow() {
        panes.logLine(line("old"));
        ui.pulse();
        assertThat(panes.logs().lines()).hasSize(1);

        panes.reset();
        ui.pulse();
        assertThat(panes.logs().lines()).isEmpty();

        panes.logLine(line("new"));
        ui.pulse();
        assertThat(panes.logs().lines()).extracting(LogLine::text).containsExactly("new");
    }
}
