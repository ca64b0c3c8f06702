package dev.berth.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.engine.api.model.ExecCreateRequest;
import dev.berth.engine.stream.HijackedSession;
import dev.berth.engine.stream.OutputFrame;
import dev.berth.testkit.RequiresEngine;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RequiresEngine
class ExecApiIT {

    static EngineFixture engine;
    static String container;

    @BeforeAll
    static void start() {
        engine = new EngineFixture();
        container = engine.run("exec", "sleep", "300");
    }

    @AfterAll
    static void cleanUp() {
        engine.close();
    }

    @Test
    void runsACommandAndReportsItsExitCodeAndSeparatedOutput() {
        ExecApi.ExecResult result = engine.client.exec().run(container, List.of("sh", "-c", "echo out; echo err >&2; exit 3"));
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout()).isEqualTo("out\n");
        assertThat(result.stderr()).isEqualTo("err\n");
    }

    @Test
    void streamsStdinToTheProcessAndItsOutputBack() throws Exception {
        String id = engine.client.exec().create(container, ExecCreateRequest.builder().cmd(List.of("sh", "-c", "read a; echo got:$a"))
                .attachStdin(true).attachStdout(true).attachStderr(true).build());
        try (HijackedSession session = engine.client.exec().start(id, false)) {
            session.stdin().write("ping\n".getBytes(StandardCharsets.UTF_8));
            session.stdin().flush();
            OutputFrame frame = session.output().next();
            assertThat(frame.text()).isEqualTo("got:ping\n");
        }
    }

    @Test
    void resizesATtyExec() {
        String id = engine.client.exec().create(container, ExecCreateRequest.builder().cmd(List.of("sh", "-c", "sleep 1; stty size"))
                .tty(true).attachStdin(true).attachStdout(true).build());
        try (HijackedSession session = engine.client.exec().start(id, true)) {
            engine.client.exec().resize(id, 40, 132);
            assertThat(session.readAll().stdout()).contains("40 132");
        }
        assertThat(engine.client.exec().inspect(id).exitCode()).isZero();
    }
}
