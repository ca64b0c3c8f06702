package dev.berth.engine.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.compose.model.Project;
import dev.berth.engine.api.Filters;
import dev.berth.engine.api.model.ContainerInspect;
import dev.berth.engine.compose.plan.Operation;
import dev.berth.engine.compose.plan.Plan;
import dev.berth.engine.compose.progress.ProgressListener;
import dev.berth.testkit.RequiresEngine;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** End-to-end scenarios of the orchestrator on the real engine, one intent each. */
@RequiresEngine
class ComposeEngineIT {

    private final ComposeProjectFixture fixture = new ComposeProjectFixture();

    @AfterEach
    void cleanUp() {
        fixture.close();
    }

    private static final String TWO_TIER = """
            services:
              db:
                image: IMAGE
                command: ["sh", "-c", "sleep 1; touch /ready; exec sleep 3600"]
                stop_grace_period: 1s
                healthcheck:
                  test: ["CMD", "test", "-f", "/ready"]
                  interval: 500ms
                  retries: 20
                volumes:
                  - data:/data
              web:
                image: IMAGE
                command: ["sleep", "3600"]
                stop_grace_period: 1s
                environment:
                  FOO: a
                depends_on:
                  db:
                    condition: service_healthy
            volumes:
              data:
            """;

    @Test
    void upStartsServicesInDependencyOrderWithComposeLabels() {
        Project project = fixture.load(TWO_TIER);

        fixture.compose.up(project, UpOptions.defaults(), fixture.progress);

        assertThat(fixture.ps()).extracting(ServiceContainer::name, ServiceContainer::state).containsExactly(
                Tuple.tuple(fixture.name + "-db-1", ContainerState.RUNNING),
                Tuple.tuple(fixture.name + "-web-1", ContainerState.RUNNING));
        ContainerInspect web = fixture.client.containers().inspect(fixture.name + "-web-1");
        assertThat(web.config().labels())
                .containsEntry(ComposeLabels.PROJECT, fixture.name)
                .containsEntry(ComposeLabels.SERVICE, "web")
                .containsEntry(ComposeLabels.CONTAINER_NUMBER, "1")
                .containsEntry(ComposeLabels.ONEOFF, "False")
                .containsKey(ComposeLabels.CONFIG_HASH)
                .containsEntry(ComposeLabels.DEPENDS_ON, "db:service_healthy:false");
        assertThat(web.config().env()).contains("FOO=a");
        // web was started only after db reported healthy
        int healthy = indexOf("db-1", "Healthy");
        int webStarted = indexOf("web-1", "Started");
        assertThat(healthy).isGreaterThanOrEqualTo(0).isLessThan(webStarted);
        assertThat(fixture.client.networks().list(Filters.none().name(fixture.name + "_default"))).hasSize(1);
        assertThat(fixture.client.volumes().inspect(fixture.name + "_data").labels())
                .containsEntry(ComposeLabels.PROJECT, fixture.name);
    }

    @Test
    void secondUpChangesNothingAndAnEditRecreatesOnlyTheChangedService() {
        fixture.compose.up(fixture.load(TWO_TIER), UpOptions.defaults(), ProgressListener.NONE);
        String dbId = fixture.client.containers().inspect(fixture.name + "-db-1").id();

        Plan again = fixture.compose.plan(fixture.load(TWO_TIER), UpOptions.defaults());
        assertThat(again.isEmpty()).as(again.render()).isTrue();

        Project edited = fixture.load(TWO_TIER.replace("FOO: a", "FOO: b"));
        Plan plan = fixture.compose.plan(edited, UpOptions.defaults());
        assertThat(plan.changes()).extracting(Operation::describe)
                .containsExactly("recreate  Container " + fixture.name + "-web-1  (configuration changed: environment.FOO a → b)");

        fixture.compose.up(edited, UpOptions.defaults(), ProgressListener.NONE);
        assertThat(fixture.client.containers().inspect(fixture.name + "-web-1").config().env()).contains("FOO=b");
        assertThat(fixture.client.containers().inspect(fixture.name + "-db-1").id()).isEqualTo(dbId);
    }

    @Test
    void downRemovesContainersAndNetworksButKeepsVolumesUnlessAsked() {
        fixture.compose.up(fixture.load(TWO_TIER), UpOptions.defaults(), ProgressListener.NONE);

        fixture.compose.down(fixture.name, null, DownOptions.defaults(), ProgressListener.NONE);
        assertThat(fixture.ps()).isEmpty();
        assertThat(fixture.client.networks().list(Filters.none().name(fixture.name + "_default"))).isEmpty();
        assertThat(fixture.client.volumes().inspect(fixture.name + "_data").name()).isEqualTo(fixture.name + "_data");

        fixture.compose.down(fixture.name, null, new DownOptions(true, DownOptions.RemoveImages.NONE, false, null),
                ProgressListener.NONE);
        assertThat(fixture.client.volumes().list(Filters.none().name(fixture.name + "_data"))).isEmpty();
        // idempotent
        fixture.compose.down(fixture.name, null, DownOptions.defaults(), ProgressListener.NONE);
    }

    @Test
    void scalesReplicasUpAndDown() {
        String yaml = """
                services:
                  worker:
                    image: IMAGE
                    command: ["sleep", "3600"]
                    stop_grace_period: 1s
                    deploy:
                      replicas: 3
                """;
        fixture.compose.up(fixture.load(yaml), UpOptions.defaults(), ProgressListener.NONE);
        assertThat(fixture.ps()).extracting(ServiceContainer::number).containsExactly(1, 2, 3);

        fixture.compose.up(fixture.load(yaml.replace("replicas: 3", "replicas: 1")), UpOptions.defaults(), ProgressListener.NONE);
        assertThat(fixture.ps()).extracting(ServiceContainer::name).containsExactly(fixture.name + "-worker-1");
    }

    @Test
    void aFailedCompletionDependencyStopsItsDependentsWithTheExitCode() {
        String yaml = """
                services:
                  migrate:
                    image: IMAGE
                    command: ["sh", "-c", "echo migration exploded; exit 3"]
                  app:
                    image: IMAGE
                    command: ["sleep", "3600"]
                    depends_on:
                      migrate:
                        condition: service_completed_successfully
                """;
        Project project = fixture.load(yaml);

        assertThatThrownBy(() -> fixture.compose.up(project, UpOptions.defaults(), ProgressListener.NONE))
                .isInstanceOf(ComposeException.class)
                .hasMessageContaining("app")
                .hasMessageContaining("migrate did not complete successfully: exit code 3")
                .hasMessageContaining("migration exploded");
        assertThat(fixture.ps()).extracting(ServiceContainer::service).doesNotContain("app");
    }

    @Test
    void aCompletedDependencyLetsTheDependentStart() {
        String yaml = """
                services:
                  migrate:
                    image: IMAGE
                    command: ["sh", "-c", "exit 0"]
                  app:
                    image: IMAGE
                    command: ["sleep", "3600"]
                    stop_grace_period: 1s
                    depends_on:
                      migrate:
                        condition: service_completed_successfully
                """;
        fixture.compose.up(fixture.load(yaml), UpOptions.defaults(), ProgressListener.NONE);

        assertThat(fixture.compose.ps(fixture.name, Set.of("app"), false)).hasSize(1);
    }

    @Test
    void aHostPortAlreadyInUseIsReportedWithServiceAndPort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            String yaml = """
                    services:
                      web:
                        image: IMAGE
                        command: ["sleep", "3600"]
                        ports:
                          - "127.0.0.1:PORT:80"
                    """.replace("PORT", Integer.toString(port));
            Project project = fixture.load(yaml);

            assertThatThrownBy(() -> fixture.compose.up(project, UpOptions.defaults(), ProgressListener.NONE))
                    .isInstanceOf(ComposeException.class)
                    .hasMessageContaining("service web")
                    .hasMessageContaining("host port " + port + " is already in use");
        }
    }

    @Test
    void stopAndStartKeepTheSameContainers() {
        fixture.compose.up(fixture.load(TWO_TIER), UpOptions.defaults(), ProgressListener.NONE);
        String webId = fixture.client.containers().inspect(fixture.name + "-web-1").id();

        fixture.compose.stop(fixture.name, Set.of(), Duration.ofSeconds(1), ProgressListener.NONE);
        assertThat(fixture.ps()).allSatisfy(c -> assertThat(c.state()).isEqualTo(ContainerState.EXITED));

        fixture.compose.start(fixture.name, Set.of(), ProgressListener.NONE);
        assertThat(fixture.ps()).allSatisfy(c -> assertThat(c.state()).isEqualTo(ContainerState.RUNNING));
        assertThat(fixture.client.containers().inspect(fixture.name + "-web-1").id()).isEqualTo(webId);
    }

    @Test
    void upUnpausesAPausedContainerAndStartsAStoppedOneWithoutRecreatingEither() {
        fixture.compose.up(fixture.load(TWO_TIER), UpOptions.defaults(), ProgressListener.NONE);
        String dbId = fixture.client.containers().inspect(fixture.name + "-db-1").id();
        String webId = fixture.client.containers().inspect(fixture.name + "-web-1").id();
        fixture.client.containers().pause(webId);
        fixture.client.containers().stop(dbId, Duration.ofSeconds(1));

        fixture.compose.up(fixture.load(TWO_TIER), UpOptions.defaults(), ProgressListener.NONE);

        assertThat(fixture.ps()).allSatisfy(c -> assertThat(c.state()).isEqualTo(ContainerState.RUNNING));
        assertThat(fixture.client.containers().inspect(fixture.name + "-web-1").id()).isEqualTo(webId);
        assertThat(fixture.client.containers().inspect(fixture.name + "-db-1").id()).isEqualTo(dbId);
    }

    @Test
    void buildsWithArgsDockerfileAndTargetAndSharesTheImageWithAServiceThatOnlyNamesIt() throws Exception {
        Path context = fixture.dir.resolve("app");
        Files.createDirectories(context);
        Files.writeString(context.resolve("App.dockerfile"), """
                FROM %s AS base
                ARG GREETING=unset
                LABEL greeting=$GREETING
                FROM base AS final
                LABEL stage=final
                """.formatted(ComposeProjectFixture.IMAGE));
        String shared = fixture.name + "-shared:it";
        // "user" comes first and has no build section: it must wait for the image "builder" builds, not pull it.
        String yaml = """
                services:
                  user:
                    image: SHARED
                    command: ["sleep", "3600"]
                    stop_grace_period: 1s
                  builder:
                    image: SHARED
                    build:
                      context: ./app
                      dockerfile: App.dockerfile
                      target: base
                      args:
                        GREETING: hello
                    command: ["sleep", "3600"]
                    stop_grace_period: 1s
                  plain:
                    build:
                      context: ./app
                      dockerfile: App.dockerfile
                    command: ["sleep", "3600"]
                    stop_grace_period: 1s
                """.replace("SHARED", shared);
        try {
            fixture.compose.up(fixture.load(yaml), UpOptions.defaults(), fixture.progress);

            assertThat(fixture.ps()).hasSize(3).allSatisfy(c -> assertThat(c.state()).isEqualTo(ContainerState.RUNNING));
            var sharedImage = fixture.client.images().inspect(shared);
            assertThat(sharedImage.config().labels()).containsEntry("greeting", "hello").doesNotContainKey("stage");
            assertThat(fixture.client.containers().inspect(fixture.name + "-user-1").image()).isEqualTo(sharedImage.id());
            assertThat(fixture.client.containers().inspect(fixture.name + "-builder-1").image()).isEqualTo(sharedImage.id());
            // No image: tagged <project>-<service>, built to the last stage with the default argument.
            var plainImage = fixture.client.images().inspect(fixture.name + "-plain");
            assertThat(plainImage.config().labels()).containsEntry("greeting", "unset").containsEntry("stage", "final");
        } finally {
            fixture.compose.down(fixture.name, null, new DownOptions(false, DownOptions.RemoveImages.ALL, true, Duration.ofSeconds(1)),
                    ProgressListener.NONE);
        }
        assertThat(fixture.client.images().list(false, Filters.none().with("reference", fixture.name + "-*"))).isEmpty();
    }

    /**
     * Issue 12 defect 14: {@code down} stopped layer by layer, so a dependency waited for every dependent of the
     * layer above, and each layer for its slowest stop timeout. {@code slow} and {@code stubborn} ignore SIGTERM
     * (busybox sleep as PID 1) and take their 5 s grace period; they sit in different layers on different chains.
     * Layer by layer that is 5 + 5 s; stopping each service once nothing running depends on it overlaps them.
     */
    @Test
    void downStopsEachServiceAsSoonAsNothingRunningDependsOnItNotLayerByLayer() {
        fixture.compose.up(fixture.load("""
                services:
                  base:
                    image: IMAGE
                    command: ["sleep", "3600"]
                    stop_grace_period: 1s
                  slow:
                    image: IMAGE
                    command: ["sleep", "3600"]
                    stop_grace_period: 5s
                    depends_on: [base]
                  stubborn:
                    image: IMAGE
                    command: ["sleep", "3600"]
                    stop_grace_period: 5s
                  quick:
                    image: IMAGE
                    command: ["sleep", "3600"]
                    stop_grace_period: 1s
                    depends_on: [stubborn]
                """), UpOptions.defaults(), ProgressListener.NONE);

        long started = System.nanoTime();
        fixture.compose.down(fixture.name, null, DownOptions.defaults(), fixture.progress);
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(fixture.ps()).isEmpty();
        assertThat(millis).as("down took %d ms: the two 5 s stops must overlap", millis).isLessThan(8_500);
        assertThat(indexOf("-slow-1", "Stopped")).isLessThan(indexOf("-base-1", "Stopping"));
        assertThat(indexOf("-quick-1", "Stopped")).isLessThan(indexOf("-stubborn-1", "Stopping"));
    }

    @Test
    void restartGoesInDependencyOrder() {
        fixture.compose.up(fixture.load(TWO_TIER), UpOptions.defaults(), ProgressListener.NONE);

        fixture.compose.restart(fixture.name, Set.of(), Duration.ofSeconds(1), fixture.progress);

        assertThat(indexOf("-db-1", "Restarted")).isGreaterThanOrEqualTo(0).isLessThan(indexOf("-web-1", "Restarting"));
        assertThat(fixture.ps()).allSatisfy(c -> assertThat(c.state()).isEqualTo(ContainerState.RUNNING));
    }

    @Test
    void listsTheProjectWithItsRunningCount() {
        fixture.compose.up(fixture.load(TWO_TIER), UpOptions.defaults(), ProgressListener.NONE);

        assertThat(fixture.compose.listProjects(false)).filteredOn(p -> p.name().equals(fixture.name))
                .singleElement().satisfies(p -> {
                    assertThat(p.status()).isEqualTo("running(2)");
                    assertThat(p.configFiles()).singleElement().asString().endsWith("compose.yaml");
                });
    }

    /**
     * Issue 17 fault 8: the window re-reads only the containers events named. The listing filtered by id answers
     * exactly those (their summaries, as the full listing has them), and nothing for one that was removed.
     */
    @Test
    void listsOnlyTheComposeContainersOfTheGivenIds() {
        fixture.compose.up(fixture.load(TWO_TIER), UpOptions.defaults(), ProgressListener.NONE);
        List<ServiceContainer> all = fixture.compose.composeContainers().stream().filter(c -> c.project().equals(fixture.name)).toList();
        assertThat(all).extracting(ServiceContainer::service).containsExactlyInAnyOrder("db", "web");
        ServiceContainer web = all.stream().filter(c -> c.service().equals("web")).findFirst().orElseThrow();

        assertThat(fixture.compose.composeContainers(List.of(web.id()))).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo(web.name());
            assertThat(c.state()).isEqualTo(ContainerState.RUNNING);
            assertThat(c.project()).isEqualTo(fixture.name);
        });
        assertThat(ComposeEngine.projectsOf(all, true)).singleElement().satisfies(p -> assertThat(p.status()).isEqualTo("running(2)"));

        fixture.client.containers().remove(web.id(), true, false);
        assertThat(fixture.compose.composeContainers(List.of(web.id()))).as("removed: not returned").isEmpty();
    }

    private int indexOf(String containerSuffix, String text) {
        for (int i = 0; i < fixture.events.size(); i++) {
            var event = fixture.events.get(i);
            if (event.name().endsWith(containerSuffix) && event.text().equals(text)) {
                return i;
            }
        }
        return -1;
    }
}
