package dev.berth.engine.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.compose.model.Project;
import dev.berth.engine.compose.progress.ProgressListener;
import dev.berth.testkit.RequiresEngine;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code up -d --wait} on the real engine, case by case as docker compose's {@code pkg/compose/start.go}
 * decides: one-shots needed with service_completed_successfully are done once exited 0, other services
 * must be running (healthy when they have a health check), {@code --wait-timeout} bounds the whole wait.
 */
@RequiresEngine
class UpWaitIT {

    private final ComposeProjectFixture fixture = new ComposeProjectFixture();

    @AfterEach
    void cleanUp() {
        fixture.close();
    }

    private static UpOptions waiting(Duration timeout) {
        return UpOptions.defaults().withWait(true).withHealthTimeout(timeout);
    }

    @Test
    void aOneShotNeededWithCompletedSuccessfullyThatExitedZeroCountsAsDone() {
        Project project = fixture.load("""
                services:
                  migrate:
                    image: IMAGE
                    command: ["sh", "-c", "exit 0"]
                  db:
                    image: IMAGE
                    command: ["sh", "-c", "touch /ready; exec sleep 3600"]
                    stop_grace_period: 1s
                    healthcheck:
                      test: ["CMD", "test", "-f", "/ready"]
                      interval: 500ms
                      retries: 20
                  app:
                    image: IMAGE
                    command: ["sleep", "3600"]
                    stop_grace_period: 1s
                    depends_on:
                      migrate:
                        condition: service_completed_successfully
                      db:
                        condition: service_healthy
                """);

        fixture.compose.up(project, waiting(Duration.ofSeconds(60)), fixture.progress);

        assertThat(fixture.compose.ps(fixture.name, Set.of("app", "db"), false)).hasSize(2);
        // A second up --wait of the unchanged project is just as happy with the exited one-shot.
        fixture.compose.up(project, waiting(Duration.ofSeconds(60)), ProgressListener.NONE);
    }

    @Test
    void aServiceThatExitsWhileNobodyAwaitsItsCompletionFailsTheWait() {
        Project project = fixture.load("""
                services:
                  web:
                    image: IMAGE
                    command: ["sleep", "3600"]
                    stop_grace_period: 1s
                  job:
                    image: IMAGE
                    command: ["sh", "-c", "exit 2"]
                """);

        assertThatThrownBy(() -> fixture.compose.up(project, waiting(Duration.ofSeconds(30)), ProgressListener.NONE))
                .isInstanceOf(ComposeException.class)
                .hasMessageContaining("exited (2)");
    }

    @Test
    void anUnhealthyServiceFailsTheWait() {
        Project project = fixture.load("""
                services:
                  web:
                    image: IMAGE
                    command: ["sleep", "3600"]
                    stop_grace_period: 1s
                    healthcheck:
                      test: ["CMD", "false"]
                      interval: 500ms
                      retries: 1
                """);

        assertThatThrownBy(() -> fixture.compose.up(project, waiting(Duration.ofSeconds(60)), ProgressListener.NONE))
                .isInstanceOf(ComposeException.class)
                .hasMessageContaining("unhealthy");
    }

    @Test
    void waitTimeoutBoundsTheWholeWaitWithComposesMessage() {
        Project project = fixture.load("""
                services:
                  web:
                    image: IMAGE
                    command: ["sleep", "3600"]
                    stop_grace_period: 1s
                    healthcheck:
                      test: ["CMD", "test", "-f", "/never"]
                      interval: 1s
                      retries: 1000
                """);

        long start = System.nanoTime();
        assertThatThrownBy(() -> fixture.compose.up(project, waiting(Duration.ofSeconds(2)), ProgressListener.NONE))
                .isInstanceOf(ComposeException.class)
                .hasMessageContaining("application not healthy after 2s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void aHealthCheckFromTheImageIsWaitedForToo() throws Exception {
        Files.writeString(fixture.dir.resolve("Dockerfile"), """
                FROM %s
                HEALTHCHECK --interval=500ms --retries=2 CMD false
                """.formatted(ComposeProjectFixture.IMAGE));
        Project project = fixture.load("""
                services:
                  web:
                    build: .
                    command: ["sleep", "3600"]
                    stop_grace_period: 1s
                """);
        try {
            assertThatThrownBy(() -> fixture.compose.up(project, waiting(Duration.ofSeconds(60)), ProgressListener.NONE))
                    .isInstanceOf(ComposeException.class)
                    .hasMessageContaining("unhealthy");
        } finally {
            fixture.compose.down(fixture.name, null, new DownOptions(false, DownOptions.RemoveImages.ALL, true,
                    Duration.ofSeconds(1)), ProgressListener.NONE);
        }
    }

    @Test
    void aDisabledHealthCheckOnlyNeedsTheContainerRunning() {
        Project project = fixture.load("""
                services:
                  web:
                    image: IMAGE
                    command: ["sleep", "3600"]
                    stop_grace_period: 1s
                    healthcheck:
                      test: ["CMD", "false"]
                      disable: true
                """);

        fixture.compose.up(project, waiting(Duration.ofSeconds(30)), ProgressListener.NONE);

        assertThat(fixture.compose.ps(fixture.name, Set.of("web"), false)).hasSize(1);
    }
}
