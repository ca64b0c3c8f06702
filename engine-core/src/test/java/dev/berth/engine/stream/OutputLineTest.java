package dev.berth.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class OutputLineTest {

    private static final LogSource WEB = LogSource.STDOUT;

    /** As docker prints them: nine digits whatever the trailing zeros, UTC, so `logs -t` columns line up. */
    @Test
    void theEngineTimestampAlwaysHasNineDigits() {
        assertThat(new OutputLine(WEB, "x", Instant.parse("2026-12-03T13:56:35.120Z")).engineTimestamp())
                .isEqualTo("2026-12-03T13:56:35.120000000Z");
        assertThat(new OutputLine(WEB, "x", Instant.parse("2026-12-03T13:56:35Z")).engineTimestamp())
                .isEqualTo("2026-12-03T13:56:35.000000000Z");
        assertThat(new OutputLine(WEB, "x", Instant.parse("2026-12-03T13:56:35.123456789Z")).engineTimestamp())
                .isEqualTo("2026-12-03T13:56:35.123456789Z");
        assertThat(new OutputLine(WEB, "x").engineTimestamp()).isNull();
    }
}
