package dev.berth.engine.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.engine.api.model.ContainerSummary;
import dev.berth.engine.api.model.PortMapping;
import dev.berth.engine.compose.ServiceContainer.DependsOn;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The typed view of a listed container, from the labels Berth, Compose v2 and docker-compose v1 write. */
class ServiceContainerTest {

    @Test
    void readsTheComposeLabelsIntoFields() {
        ServiceContainer container = ServiceContainer.of(summary("running", "Up 3 minutes (healthy)", Map.of(
                ComposeLabels.PROJECT, "shop",
                ComposeLabels.SERVICE, "web",
                ComposeLabels.CONTAINER_NUMBER, "2",
                ComposeLabels.ONEOFF, "False",
                ComposeLabels.CONFIG_HASH, "abc",
                ComposeLabels.DEPENDS_ON, "db:service_healthy:true,cache:service_started:false",
                ComposeLabels.CONFIG_FILES, "/p/compose.yaml,/p/compose.override.yaml",
                ComposeLabels.WORKING_DIR, "/p",
                ComposeLabels.BERTH_CONFIG_FIELDS, "{\"image\":\"nginx\"}")));

        assertThat(container.name()).isEqualTo("shop-web-2");
        assertThat(container.project()).isEqualTo("shop");
        assertThat(container.service()).isEqualTo("web");
        assertThat(container.number()).isEqualTo(2);
        assertThat(container.oneOff()).isFalse();
        assertThat(container.configHash()).isEqualTo("abc");
        assertThat(container.dependencies()).containsExactly(new DependsOn("db", "service_healthy", true),
                new DependsOn("cache", "service_started", false));
        assertThat(container.state()).isEqualTo(ContainerState.RUNNING);
        assertThat(container.health()).isEqualTo(ContainerHealth.HEALTHY);
        assertThat(container.configFiles()).containsExactly("/p/compose.yaml", "/p/compose.override.yaml");
        assertThat(container.workingDir()).isEqualTo("/p");
        assertThat(container.configFields()).containsEntry("image", "nginx");
        assertThat(container.publishedPorts()).containsExactly("127.0.0.1:8080->80/tcp", "443/tcp");
    }

    @Test
    void toleratesContainersWithoutLabelsOrWithDamagedOnes() {
        ServiceContainer container = ServiceContainer.of(summary(null, null, Map.of(
                ComposeLabels.CONTAINER_NUMBER, "x", ComposeLabels.BERTH_CONFIG_FIELDS, "{not json")));

        assertThat(container.service()).isEmpty();
        assertThat(container.number()).isZero();
        assertThat(container.dependencies()).isEmpty();
        assertThat(container.state()).isEqualTo(ContainerState.UNKNOWN);
        assertThat(container.health()).isEqualTo(ContainerHealth.NONE);
        assertThat(container.configFiles()).isEmpty();
        assertThat(container.configFields()).isEmpty();
    }

    @Test
    void readsTheExitCodeAndHealthFromTheStatusText() {
        assertThat(ServiceContainer.of(summary("exited", "Exited (137) 5 seconds ago", Map.of())).exitCode()).isEqualTo(137);
        assertThat(ServiceContainer.of(summary("running", "Up 2 seconds (health: starting)", Map.of())).health())
                .isEqualTo(ContainerHealth.STARTING);
        assertThat(ServiceContainer.of(summary("running", "Up 1 minute (unhealthy)", Map.of())).health())
                .isEqualTo(ContainerHealth.UNHEALTHY);
        assertThat(ServiceContainer.of(summary("running", "Up 1 minute", Map.of())).exitCode()).isZero();
    }

    @Test
    void aOneOffContainerIsMarkedSo() {
        assertThat(ServiceContainer.of(summary("running", "Up", Map.of(ComposeLabels.ONEOFF, "True"))).oneOff()).isTrue();
    }

    @Test
    void theDependsOnLabelReadsBackWhatWasWritten() {
        List<DependsOn> written = List.of(new DependsOn("db", "service_healthy", false),
                new DependsOn("init", "service_completed_successfully", true));

        assertThat(DependsOn.label(written)).isEqualTo("db:service_healthy:false,init:service_completed_successfully:true");
        assertThat(DependsOn.parse(DependsOn.label(written))).isEqualTo(written);
        assertThat(DependsOn.parse("db")).containsExactly(new DependsOn("db", "service_started", false));
        assertThat(DependsOn.parse(" , ")).isEmpty();
    }

    @Test
    void theStatesAnswerTheVerbsQuestions() {
        assertThat(ContainerState.of("restarting").isUp()).isTrue();
        assertThat(ContainerState.of("paused").isUp()).isFalse();
        assertThat(ContainerState.of("paused").isStoppable()).isTrue();
        assertThat(ContainerState.of("exited").isStoppable()).isFalse();
        assertThat(ContainerState.of("Running")).isEqualTo(ContainerState.RUNNING);
        assertThat(ContainerState.DEAD.engineName()).isEqualTo("dead");
    }

    private static ContainerSummary summary(String state, String status, Map<String, String> labels) {
        return new ContainerSummary("0123456789abcdef", List.of("/shop-web-2"), "nginx", "sha256:1", "nginx -g", 1L, state,
                status, List.of(new PortMapping("127.0.0.1", 80, 8080, "tcp"), new PortMapping(null, 443, null, "tcp")),
                labels, null, null, null, List.of());
    }
}
