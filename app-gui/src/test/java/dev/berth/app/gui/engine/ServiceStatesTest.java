package dev.berth.app.gui.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.gui.graph.ServiceState;
import dev.berth.engine.api.model.ContainerSummary;
import dev.berth.engine.compose.ServiceContainer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceStatesTest {

    static ServiceContainer container(String service, int number, String state, String status) {
        return ServiceContainer.of(new ContainerSummary("id-" + service + number, List.of("/p-" + service + "-" + number), "img", "sha", "sh", 0L, state, status,
                List.of(), Map.of("com.docker.compose.project", "p", "com.docker.compose.service", service,
                        "com.docker.compose.container-number", Integer.toString(number), "com.docker.compose.oneoff", "False"),
                null, null, null, null));
    }

    @Test
    void readsHealthFromTheStatusText() {
        assertThat(ServiceStates.stateOf(container("a", 1, "running", "Up 2 seconds (health: starting)"))).isEqualTo(ServiceState.STARTING);
        assertThat(ServiceStates.stateOf(container("a", 1, "running", "Up 2 minutes (healthy)"))).isEqualTo(ServiceState.HEALTHY);
        assertThat(ServiceStates.stateOf(container("a", 1, "running", "Up 2 minutes (unhealthy)"))).isEqualTo(ServiceState.UNHEALTHY);
        assertThat(ServiceStates.stateOf(container("a", 1, "running", "Up 2 minutes"))).isEqualTo(ServiceState.RUNNING);
    }

    @Test
    void readsTheExitCodeOfAnExitedContainer() {
        assertThat(ServiceStates.stateOf(container("a", 1, "exited", "Exited (137) 5 seconds ago"))).isEqualTo(ServiceState.exited(137));
        assertThat(ServiceStates.stateOf(container("a", 1, "created", "Created"))).isEqualTo(ServiceState.CREATED);
    }

    @Test
    void declaredServicesWithoutContainersAreNotCreated() {
        Map<String, ServiceStates.Observed> states = ServiceStates.of(List.of(container("db", 1, "running", "Up 1 second")),
                Map.of("db", 1, "web", 2));
        assertThat(states.get("web")).isEqualTo(new ServiceStates.Observed(ServiceState.NOT_CREATED, "0/2"));
        assertThat(states.get("db")).isEqualTo(new ServiceStates.Observed(ServiceState.RUNNING, "1/1"));
    }

    @Test
    void aTroubledReplicaColoursTheWholeServiceAndCountsRunningOnes() {
        Map<String, ServiceStates.Observed> states = ServiceStates.of(List.of(
                container("web", 1, "running", "Up 1 minute (healthy)"),
                container("web", 2, "exited", "Exited (1) 3 seconds ago"),
                container("web", 3, "running", "Up 1 minute (healthy)")), Map.of());
        assertThat(states.get("web")).isEqualTo(new ServiceStates.Observed(ServiceState.exited(1), "2/3"));
    }

    @Test
    void aCleanExitDoesNotHideRunningReplicas() {
        assertThat(ServiceStates.combine(List.of(ServiceState.exited(0), ServiceState.HEALTHY))).isEqualTo(ServiceState.HEALTHY);
        assertThat(ServiceStates.combine(List.of(ServiceState.STARTING, ServiceState.HEALTHY))).isEqualTo(ServiceState.STARTING);
    }
}
