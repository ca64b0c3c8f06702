package dev.berth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.engine.format.ByteSize;
import dev.berth.engine.format.ByteSize.Base;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The pure formatting and parsing helpers of the CLI. */
class CliFormattingTest {

    private static final Instant NOW = Instant.parse("2026-01-02T12:00:00Z");

    @Test
    void tablesPadColumnsToTheWidestCellPlusThreeSpaces() {
        StringWriter out = new StringWriter();
        new Table("NAME", "STATUS").row("demo-web-1", "Up").row("x", "Exited (0)").print(new PrintWriter(out));
        assertThat(out.toString()).isEqualTo("""
                NAME         STATUS
                demo-web-1   Up
                x            Exited (0)
                """);
    }

    @Test
    void agesAreWordedLikeDocker() {
        assertThat(Humanize.ago(NOW.getEpochSecond() - 5, NOW)).isEqualTo("5 seconds ago");
        assertThat(Humanize.ago(NOW.getEpochSecond() - 90, NOW)).isEqualTo("About a minute ago");
        assertThat(Humanize.ago(NOW.getEpochSecond() - 600, NOW)).isEqualTo("10 minutes ago");
        assertThat(Humanize.ago(NOW.getEpochSecond() - 3 * 86_400, NOW)).isEqualTo("3 days ago");
        assertThat(Humanize.command("sh -c 'echo hello from web'")).isEqualTo("\"sh -c 'echo hello f…\"");
        assertThat(ByteSize.compact(1_990_000, Base.DECIMAL)).isEqualTo("2.0MB");
        assertThat(ByteSize.compact(880 * 1024, Base.BINARY)).isEqualTo("880KiB");
    }

    @Test
    void sinceAcceptsInstantsDatesAndDurationsBackFromNow() {
        assertThat(LogsCommand.parseSince("10m", NOW)).isEqualTo(NOW.minusSeconds(600));
        assertThat(LogsCommand.parseSince("1h30m", NOW)).isEqualTo(NOW.minusSeconds(5400));
        assertThat(LogsCommand.parseSince("2026-01-01T00:00:00Z", NOW)).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(LogsCommand.parseSince("2026-01-01", NOW)).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(LogsCommand.parseSince(null, NOW)).isNull();
        assertThatThrownBy(() -> LogsCommand.parseSince("yesterday", NOW)).hasMessageContaining("yesterday");
    }
}
