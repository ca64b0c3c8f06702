package dev.berth.app.gui.logs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogSearchTest {

    @Test
    void findsTheQueryIgnoringCaseAfterManyFalseStartsOfItsFirstLetter() {
        LogSearch search = new LogSearch("End of");
        String endless = "E".repeat(1_000_000);

        assertThat(search.matches(endless)).isFalse();
        assertThat(search.matches(endless + "eNd OF it")).isTrue();
        assertThat(search.ranges("end of · END OF · ende of")).extracting(range -> range[0]).containsExactly(0, 9);
    }

    @Test
    void foldsCaseBeyondAscii() {
        assertThat(new LogSearch("ünïcödé").matches("valid ✓ ÜNÏCÖDÉ")).isTrue();
        assertThat(new LogSearch("x").matches("")).isFalse();
    }
}
