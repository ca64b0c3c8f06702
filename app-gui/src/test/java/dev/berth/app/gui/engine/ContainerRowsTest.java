package dev.berth.app.gui.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.gui.containers.ContainerRow;
import dev.berth.app.gui.containers.PublishedPort;
import dev.berth.engine.api.model.ContainerSummary;
import dev.berth.engine.api.model.PortMapping;
import dev.berth.engine.compose.ServiceContainer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerRowsTest {

    @Test
    void aRunningHealthyContainerWithAPublishedPortBecomesARowWithALink() {
        Instant started = Instant.parse("2026-11-23T10:00:00Z");
        ContainerSummary summary = new ContainerSummary("abc", List.of("/shop-proxy-1"), "nginx", "sha", "", 0L, "running",
                "Up 3 minutes (healthy)", List.of(new PortMapping("127.0.0.1", 80, 8080, "tcp"), new PortMapping(null, 443, null, "tcp")),
                Map.of("com.docker.compose.service", "proxy"), null, null, null, null);

        ContainerRow row = ContainerRows.of(ServiceContainer.of(summary), started);

        assertThat(row.name()).isEqualTo("shop-proxy-1");
        assertThat(row.service()).isEqualTo("proxy");
        assertThat(row.stateAndHealth()).isEqualTo("running (healthy)");
        assertThat(row.ports()).containsExactly(new PublishedPort("127.0.0.1", 8080, 80, "tcp"));
        assertThat(row.startedAt()).isEqualTo(started);
    }

    @Test
    void anExitedContainerHasNoUptime() {
        ContainerSummary summary = new ContainerSummary("abc", List.of("/shop-migrate-1"), "api", "sha", "", 0L, "exited",
                "Exited (0) 5 seconds ago", List.of(), Map.of("com.docker.compose.service", "migrate"), null, null, null, null);
        assertThat(ContainerRows.of(ServiceContainer.of(summary), Instant.now()).startedAt()).isNull();
    }
}
