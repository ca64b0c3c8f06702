package dev.berth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class BerthCliTest {

    @Test
    void unknownCommandExitsWithUsageErrorAndSaysWhy() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = BerthCli.run(new PrintWriter(out, true), new PrintWriter(err, true), "frobnicate");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("frobnicate");
    }

    @Test
    void helpListsTheCommands() {
        StringWriter out = new StringWriter();
        int exit = BerthCli.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "--help");
        assertThat(exit).isZero();
        assertThat(out.toString()).contains("version");
    }
}
