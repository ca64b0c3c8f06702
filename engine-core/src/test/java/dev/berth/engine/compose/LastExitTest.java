package dev.berth.engine.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.engine.api.EngineJson;
import dev.berth.engine.api.model.ContainerInspect;
import org.junit.jupiter.api.Test;

class LastExitTest {

    @Test
    void anOomKillIsReadFromInspectAndNamedInPsAndOnTheCard() {
        ContainerInspect inspect = EngineJson.MAPPER.readValue("""
                {"Id":"a","RestartCount":0,"State":{"Status":"exited","OOMKilled":true,"ExitCode":137}}""", ContainerInspect.class);
        LastExit exit = LastExit.of(inspect);
        assertThat(exit).isEqualTo(new LastExit(0, 137, true));
        assertThat(exit.statusSuffix(ContainerState.EXITED)).isEqualTo(" (OOM killed)");
        assertThat(exit.detail(true)).isEqualTo("OOM killed");
        assertThat(exit.detail(false)).isEqualTo("OOM killed");
    }

    @Test
    void aCrashLoopSaysHowOftenItRestartedAndHowItLastEnded() {
        LastExit loop = new LastExit(23, 3, false);
        assertThat(loop.statusSuffix(ContainerState.RESTARTING)).isEqualTo(" (restarted 23 times)");
        assertThat(loop.detail(false)).isEqualTo("restarted 23× · last exit 3");
        assertThat(loop.restartsColumn()).isEqualTo("23× · last exit 3");
        // running again after an OOM kill: the engine keeps OOMKilled and resets ExitCode to 0
        LastExit back = new LastExit(1, 0, true);
        assertThat(back.statusSuffix(ContainerState.RUNNING)).isEqualTo(" (restarted 1 time, last exit OOM killed)");
        assertThat(back.detail(false)).isEqualTo("restarted 1× · OOM killed");
    }

    @Test
    void aContainerThatNeverEndedSaysNothing() {
        assertThat(LastExit.NONE.statusSuffix(ContainerState.RUNNING)).isEmpty();
        assertThat(LastExit.NONE.detail(false)).isEmpty();
        assertThat(new LastExit(0, 3, false).detail(true)).as("exited (3) already says it").isEmpty();
    }
}
