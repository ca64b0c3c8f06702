package dev.berth.engine.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.model.Project;
import dev.berth.engine.api.model.ContainerInspect;
import dev.berth.testkit.RequiresEngine;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One-off containers of {@code run} on the real engine: labels, overrides, networks, dependencies. */
@RequiresEngine
class OneOffContainersIT {

    private final ComposeProjectFixture fixture = new ComposeProjectFixture();

    @AfterEach
    void cleanUp() {
        fixture.close();
    }

    private static final String PROJECT = """
            services:
              db:
                image: IMAGE
                command: ["sleep", "3600"]
                stop_grace_period: 1s
              app:
                image: IMAGE
                command: ["sleep", "3600"]
                environment:
                  FROM_FILE: "1"
                ports:
                  - "127.0.0.1::80"
                networks: [front, back]
                depends_on: [db]
            networks:
              front:
              back:
            """;

    @Test
    void createsALabelledOneOffWithOverridesAfterStartingDependencies() {
        Project project = fixture.load(PROJECT);

        ComposeEngine.OneOff oneOff = fixture.compose.createOneOff(project, "app",
                new OneOffOptions(List.of("echo", "hi"), null, Map.of("EXTRA", "2"), null, null, "/", false, false, false, false),
                fixture.progress);

        assertThat(oneOff.name()).startsWith(fixture.name + "-app-run-");
        ContainerInspect inspect = fixture.client.containers().inspect(oneOff.id());
        assertThat(inspect.config().labels())
                .containsEntry(ComposeLabels.PROJECT, fixture.name)
                .containsEntry(ComposeLabels.SERVICE, "app")
                .containsEntry(ComposeLabels.ONEOFF, "True")
                .containsKey(ComposeLabels.SLUG);
        assertThat(inspect.config().cmd()).containsExactly("echo", "hi");
        assertThat(inspect.config().env()).contains("FROM_FILE=1", "EXTRA=2");
        assertThat(inspect.config().workingDir()).isEqualTo("/");
        assertThat(inspect.hostConfig().portBindings()).as("run does not publish the service's ports").isNullOrEmpty();
        assertThat(inspect.networkSettings().networks()).containsOnlyKeys(fixture.name + "_front", fixture.name + "_back");
        assertThat(fixture.ps()).filteredOn(c -> !c.oneOff()).extracting(ServiceContainer::name, ServiceContainer::state)
                .containsExactly(Tuple.tuple(fixture.name + "-db-1", ContainerState.RUNNING));
    }

    @Test
    void noDepsLeavesDependenciesAloneButStillCreatesTheNetworks() {
        Project project = fixture.load(PROJECT);

        ComposeEngine.OneOff oneOff = fixture.compose.createOneOff(project, "app",
                new OneOffOptions(List.of(), null, Map.of(), fixture.name + "-custom", null, null, false, true, true, false),
                fixture.progress);

        assertThat(oneOff.name()).isEqualTo(fixture.name + "-custom");
        assertThat(fixture.ps()).extracting(ServiceContainer::name).containsExactly(fixture.name + "-custom");
        ContainerInspect inspect = fixture.client.containers().inspect(oneOff.id());
        assertThat(inspect.config().cmd()).containsExactly("sleep", "3600");
        assertThat(inspect.config().openStdin()).isTrue();
        assertThat(fixture.client.networks().inspect(fixture.name + "_back").name()).isEqualTo(fixture.name + "_back");
    }
}
