package dev.berth.engine.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.model.Project;
import dev.berth.engine.compose.progress.ProgressListener;
import dev.berth.engine.stream.OutputLine;
import dev.berth.testkit.RequiresEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Attached up as the engine side sees it, without the CLI: follow, abort on the first exit, stop the project. */
@RequiresEngine
class AttachedUpFollowIT {

    private final ComposeProjectFixture fixture = new ComposeProjectFixture();

    @AfterEach
    void cleanUp() {
        fixture.close();
    }

    @Test
    void theFirstExitAbortsStopsTheProjectAndReportsItsCode() throws InterruptedException {
        Project project = fixture.load("""
                services:
                  web:
                    image: IMAGE
                    command: ["sleep", "3600"]
                    stop_grace_period: 1s
                  job:
                    image: IMAGE
                    command: ["sh", "-c", "echo working; sleep 1; exit 3"]
                """);
        Instant since = Instant.now().minusSeconds(1);
        fixture.compose.up(project, UpOptions.defaults(), ProgressListener.NONE);
        List<String> seen = new CopyOnWriteArrayList<>();

        AttachedUp.Outcome outcome = AttachedUp.follow(fixture.compose, project,
                AttachedUp.containers(fixture.compose, project, Set.of()), since,
                new AttachedUp.Options(true, null, Duration.ofSeconds(1)), new AttachedUp.Output() {
                    @Override
                    public void line(ServiceContainer container, OutputLine line) {
                        seen.add(container.service() + ": " + line.text().strip());
                    }

                    @Override
                    public void exited(ServiceContainer container, int exitCode) {
                        seen.add(container.service() + " exited " + exitCode);
                    }

                    @Override
                    public void unavailable(ServiceContainer container, String why) {
                        seen.add(container.service() + " unavailable: " + why);
                    }

                    @Override
                    public void stopping(AttachedUp.Ending why) {
                        seen.add("stopping: " + why);
                    }
                }, new CompletableFuture<Void>(), ProgressListener.NONE);

        assertThat(outcome.ending()).isEqualTo(AttachedUp.Ending.CONTAINER_EXITED);
        assertThat(outcome.exited()).isEqualTo("job");
        assertThat(outcome.exitCodes()).containsEntry("job", 3);
        assertThat(seen).contains("job: working", "job exited 3", "stopping: CONTAINER_EXITED");
        assertThat(fixture.ps()).allSatisfy(c -> assertThat(c.state()).isEqualTo(ContainerState.EXITED));
    }
}
