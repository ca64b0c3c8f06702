package dev.berth.app.gui.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.gui.feed.ProjectSummary;
import dev.berth.engine.api.model.ContainerSummary;
import dev.berth.engine.compose.ServiceContainer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 12, defect 13: a completed one-shot is done, not down: the sidebar's dot stays green. */
class CompletedOneShotsTest {

    private static ServiceContainer container(String project, String service, String state, String status, String dependsOn) {
        return ServiceContainer.of(new ContainerSummary(project + service, List.of("/" + project + "-" + service + "-1"), "busybox", "sha", "", 0L, state, status,
                List.of(), Map.of("com.docker.compose.project", project, "com.docker.compose.service", service,
                        "com.docker.compose.depends_on", dependsOn), null, null, null, List.of()));
    }

    @Test
    void countsExitedZeroServicesThatAnotherNeedsToCompleteAndNothingElse() {
        List<ServiceContainer> containers = List.of(
                container("shop", "migrate", "exited", "Exited (0) 2 minutes ago", ""),
                container("shop", "api", "running", "Up 2 minutes", "migrate:service_completed_successfully:false,db:service_healthy:false"),
                container("shop", "db", "running", "Up 3 minutes (healthy)", ""),
                container("shop", "worker", "exited", "Exited (0) 1 minute ago", ""), // stopped, but nothing waits for it
                container("blog", "migrate", "exited", "Exited (1) 1 minute ago", ""), // failed
                container("blog", "web", "running", "Up", "migrate:service_completed_successfully:false"));

        Map<String, Integer> completed = CompletedOneShots.count(containers);

        assertThat(completed).containsExactlyEntriesOf(Map.of("shop", 1));
        ProjectSummary shop = new ProjectSummary("shop", 2, 4, false, "engine", completed.get("shop"));
        assertThat(shop.allUp()).as("worker is down").isFalse();
        ProjectSummary done = new ProjectSummary("shop", 2, 3, false, "engine", 1);
        assertThat(done.allUp()).isTrue();
        assertThat(done.summary()).isEqualTo("2/2 running · 1 done");
        assertThat(new ProjectSummary("shop", 2, 3, false, "engine").allUp()).isFalse();
    }
}
