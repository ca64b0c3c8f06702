package dev.berth.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.engine.api.model.ContainerInspect;
import dev.berth.engine.api.model.ContainerStats;
import dev.berth.engine.api.model.ExecCreateRequest;
import dev.berth.engine.api.model.ImageSummary;
import dev.berth.engine.api.model.Network;
import dev.berth.engine.api.model.NetworkCreateRequest;
import dev.berth.engine.api.model.Volume;
import dev.berth.engine.api.model.VolumeCreateRequest;
import dev.berth.engine.stream.EngineStream;
import dev.berth.engine.stream.HijackedSession;
import dev.berth.engine.stream.LogSource;
import dev.berth.engine.stream.OutputLine;
import dev.berth.testkit.PodmanService;
import dev.berth.testkit.RequiresEngine;
import dev.berth.testkit.TestEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client suite's Podman subset: the same typed calls as {@link ContainersApiIT}, {@link ExecApiIT},
 * {@link NetworksAndVolumesIT} and {@link ImagesApiIT}, against Podman's Docker-compatible API served by a private
 * {@code podman system service} (see {@link PodmanService}). Where Podman answers differently the client handles
 * it; each difference is named in a comment here and listed in docs/DECISIONS.md.
 *
 * <p>{@link RequiresEngine}: the busybox test image is built by the Docker engine and copied into Podman.
 */
@RequiresEngine
class PodmanCompatIT {

    static PodmanService podman;
    static EngineFixture engine;

    @BeforeAll
    static void startPodman() throws Exception {
        Optional<String> why = PodmanService.unavailableBecause();
        // CI installs podman and runs as root: there it must start; elsewhere a missing podman skips.
        assumeTrue(why.isEmpty() || TestEngine.underCi(), () -> "Podman is not available: " + why.orElse(""));
        podman = PodmanService.start();
        podman.loadFromDocker(TestEngine.BUSYBOX_IMAGE);
        engine = new EngineFixture(new EngineEndpoint.Unix(podman.socket()));
    }

    @AfterAll
    static void stopPodman() throws Exception {
        if (engine != null) {
            engine.close();
        }
        if (podman != null) {
            podman.close();
        }
    }

    @Test
    void pingAndVersionIdentifyPodman() {
        EngineIdentity identity = engine.client.identity();
        assertThat(identity.podman()).isTrue();
        assertThat(identity.name()).isEqualTo("Podman Engine");
        assertThat(identity.version()).startsWith("4.");
        assertThat(identity.apiVersion()).isGreaterThanOrEqualTo(ApiVersion.MINIMUM);
        assertThat(identity.negotiated()).isEqualTo(ApiVersion.negotiate(identity.apiVersion()));
        assertThat(engine.client.system().ping().apiVersion()).isEqualTo(identity.apiVersion().toString());
        // Podman's /_ping sends no OSType header (Docker's does): the OS comes from /version.
        assertThat(identity.os()).isEqualTo("linux");
        assertThat(engine.client.system().info().ncpu()).isPositive();
    }

    @Test
    void reportsATakenNameAsAConflict() {
        String name = engine.name("dup");
        engine.client.containers().create(name, engine.busybox("true"));
        // Podman answers 500 "that name is already in use" where Docker answers 409.
        assertThatThrownBy(() -> engine.client.containers().create(name, engine.busybox("true")))
                .isInstanceOfSatisfying(EngineApiException.class, e -> assertThat(e.isConflict()).isTrue());
    }

    @Test
    void listsProcessesInColumnsLikeDocker() {
        String id = engine.run("top", "sleep", "300");
        // Podman passes the container's own ps output back unsplit; the client splits it into columns.
        var top = engine.client.containers().top(id, null);
        assertThat(top.titles()).startsWith("PID").hasSizeGreaterThan(1);
        assertThat(top.processes()).allSatisfy(row -> assertThat(row).hasSameSizeAs(top.titles()));
        assertThat(top.processes()).anySatisfy(row -> assertThat(row.getLast()).isEqualTo("sleep 300"));
    }

    @Test
    void computesCpuPercentFromAOneShotSample() {
        String id = engine.run("stats", "sh", "-c", "while true; do :; done");
        // Podman's one-shot sample has no previous reading; the client takes a second one a second later.
        ContainerStats once = engine.client.containers().statsOnce(id);
        assertThat(once.id()).isEqualTo(id);
        StatsCalculator.StatsSummary summary = StatsCalculator.summarize(once);
        assertThat(summary.cpuPercent()).isGreaterThan(1.0);
        assertThat(summary.memoryUsage()).isPositive();
        assertThat(summary.memoryLimit()).isPositive();
    }

    @Test
    void prunesAllUnusedImagesCarryingOurLabel(@TempDir Path context) throws Exception {
        Files.writeString(context.resolve("Dockerfile"), "FROM %s\nLABEL prune=me\n".formatted(TestEngine.BUSYBOX_IMAGE));
        String tag = "berth-test/prune-" + engine.runId + ":latest";
        Progress.await(engine.client.images().build(ImagesApi.BuildOptions.of(context, tag).withLabels(engine.labels())), "build", m -> {});
        String id = engine.client.images().inspect(tag).id();
        // "All unused" (docker image prune -a): Podman's compatible endpoint cannot say it; the client uses libpod's.
        PruneReport report = engine.client.images().prune(engine.ours(), false);
        assertThat(report.deleted()).anySatisfy(d -> assertThat(id).contains(d));
        assertThatThrownBy(() -> engine.client.images().inspect(id)).isInstanceOf(EngineApiException.class);
        assertThat(engine.client.images().inspect(TestEngine.BUSYBOX_IMAGE)).isNotNull();
        assertThat(engine.client.images().prune(engine.ours(), true).deleted()).isEmpty();
    }

    @Test
    void walksAContainerFromCreateToRemoveAndReadsItsLogs() {
        ContainersApi containers = engine.client.containers();
        String id = containers.create(engine.name("life"), engine.busybox("sh", "-c", "echo out1; echo err1 >&2; sleep 300")).id();
        assertThat(containers.inspect(id).state().status()).isEqualTo("created");
        containers.start(id);
        ContainerInspect running = containers.inspect(id);
        assertThat(running.state().running()).isTrue();
        assertThat(running.config().labels()).containsEntry(EngineFixture.LABEL, engine.runId);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> logs(id).size() == 2);
        assertThat(logs(id)).containsExactlyInAnyOrder(new OutputLine(LogSource.STDOUT, "out1"), new OutputLine(LogSource.STDERR, "err1"));

        containers.stop(id, Duration.ofSeconds(1));
        ContainerInspect stopped = containers.inspect(id);
        assertThat(stopped.state().running()).isFalse();
        assertThat(stopped.state().status()).isEqualTo("exited");
        containers.remove(id, true, true);
        assertThatThrownBy(() -> containers.inspect(id))
                .isInstanceOfSatisfying(EngineApiException.class, e -> assertThat(e.isNotFound()).isTrue());
    }

    @Test
    void waitsForTheExitCode() {
        String id = engine.run("exit", "sh", "-c", "exit 7");
        assertThat(engine.client.containers().waitFor(id, null).statusCode()).isEqualTo(7);
    }

    @Test
    void listsContainersFilteredByLabelAndStatus() {
        ContainersApi containers = engine.client.containers();
        String running = engine.run("list-running", "sleep", "300");
        String created = containers.create(engine.name("list-created"), engine.busybox("true")).id();
        assertThat(containers.list(ContainersApi.ListOptions.running().withFilters(engine.ours())))
                .extracting(c -> c.id()).contains(running).doesNotContain(created);
        assertThat(containers.list(ContainersApi.ListOptions.allContainers().withFilters(engine.ours())))
                .extracting(c -> c.id()).contains(running, created);
        containers.remove(running, true, false);
        containers.remove(created, true, false);
    }

    @Test
    void runsExecWithSeparatedOutputExitCodeAndStdin() throws Exception {
        String container = engine.run("exec", "sleep", "300");
        ExecApi.ExecResult result = engine.client.exec().run(container, List.of("sh", "-c", "echo out; echo err >&2; exit 3"));
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout()).isEqualTo("out\n");
        assertThat(result.stderr()).isEqualTo("err\n");

        String id = engine.client.exec().create(container, ExecCreateRequest.builder().cmd(List.of("sh", "-c", "read a; echo got:$a"))
                .attachStdin(true).attachStdout(true).attachStderr(true).build());
        try (HijackedSession session = engine.client.exec().start(id, false)) {
            session.stdin().write("ping\n".getBytes(StandardCharsets.UTF_8));
            session.stdin().flush();
            assertThat(session.output().next().text()).isEqualTo("got:ping\n");
        }
    }

    @Test
    void listsAndInspectsTheLoadedImage() {
        List<ImageSummary> images = engine.client.images().list(false, Filters.none());
        // Podman keeps a registry-qualified name: docker save's berth-test/busybox became localhost/berth-test/busybox.
        assertThat(images).anySatisfy(i -> assertThat(i.repoTags()).contains("localhost/" + TestEngine.BUSYBOX_IMAGE));
        assertThat(engine.client.images().inspect(TestEngine.BUSYBOX_IMAGE).id()).startsWith("sha256:");
    }

    @Test
    void createsListsInspectsAndRemovesANetwork() {
        NetworksApi networks = engine.client.networks();
        String name = engine.name("net");
        String id = networks.create(NetworkCreateRequest.builder().name(name).driver("bridge").labels(engine.labels()).build());
        Network network = networks.inspect(id);
        assertThat(network.name()).isEqualTo(name);
        assertThat(network.labels()).containsEntry(EngineFixture.LABEL, engine.runId);
        assertThat(networks.list(engine.ours())).extracting(Network::name).containsExactly(name);
        networks.remove(id);
        assertThatThrownBy(() -> networks.inspect(id)).isInstanceOfSatisfying(EngineApiException.class, e -> assertThat(e.isNotFound()).isTrue());
    }

    @Test
    void createsInspectsListsAndRemovesAVolume() {
        VolumesApi volumes = engine.client.volumes();
        String name = engine.name("vol");
        Volume created = volumes.create(VolumeCreateRequest.builder().name(name).labels(engine.labels()).build());
        assertThat(created.name()).isEqualTo(name);
        assertThat(volumes.inspect(name).labels()).containsEntry(EngineFixture.LABEL, engine.runId);
        assertThat(volumes.list(engine.ours())).extracting(Volume::name).containsExactly(name);
        volumes.remove(name, false);
        assertThat(volumes.list(engine.ours())).extracting(Volume::name).doesNotContain(name);
    }

    private static List<OutputLine> logs(String id) {
        List<OutputLine> lines = new ArrayList<>();
        try (EngineStream<OutputLine> logs = engine.client.containers().logs(id, ContainersApi.LogsOptions.everything())) {
            logs.forEach(lines::add);
        }
        return lines;
    }
}
