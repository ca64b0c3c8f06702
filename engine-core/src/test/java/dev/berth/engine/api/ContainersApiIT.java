package dev.berth.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.engine.api.model.ContainerConfig;
import dev.berth.engine.api.model.ContainerCreateRequest;
import dev.berth.engine.api.model.ContainerInspect;
import dev.berth.engine.api.model.ContainerStats;
import dev.berth.engine.api.model.EndpointSettings;
import dev.berth.engine.api.model.Healthcheck;
import dev.berth.engine.api.model.HostConfig;
import dev.berth.engine.api.model.LogConfig;
import dev.berth.engine.api.model.Mount;
import dev.berth.engine.api.model.NetworkCreateRequest;
import dev.berth.engine.api.model.NetworkingConfig;
import dev.berth.engine.api.model.PortBinding;
import dev.berth.engine.api.model.RestartPolicy;
import dev.berth.engine.api.model.TmpfsOptions;
import dev.berth.engine.api.model.Ulimit;
import dev.berth.engine.api.model.VolumeCreateRequest;
import dev.berth.engine.build.TarWriter;
import dev.berth.engine.stream.EngineStream;
import dev.berth.engine.stream.HijackedSession;
import dev.berth.engine.stream.LogSource;
import dev.berth.engine.stream.OutputLine;
import dev.berth.testkit.RequiresEngine;
import dev.berth.testkit.TestEngine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RequiresEngine
class ContainersApiIT {

    static EngineFixture engine;
    static ContainersApi containers;

    @BeforeAll
    static void connect() {
        engine = new EngineFixture();
        containers = engine.client.containers();
    }

    @AfterAll
    static void cleanUp() {
        engine.close();
    }

    @Test
    void createsAContainerWithEverythingAComposeServiceCanAsk() {
        String network = engine.name("full-net");
        engine.client.networks().create(NetworkCreateRequest.builder().name(network).labels(engine.labels()).build());
        String volume = engine.name("full-vol");
        engine.client.volumes().create(VolumeCreateRequest.builder().name(volume).labels(engine.labels()).build());
        ContainerCreateRequest request = ContainerCreateRequest.builder()
                .config(ContainerConfig.builder()
                        .image(TestEngine.BUSYBOX_IMAGE)
                        .entrypoint(List.of("sh", "-c"))
                        .cmd(List.of("sleep 30"))
                        .env(List.of("GREETING=hello", "EMPTY="))
                        .labels(Map.of(EngineFixture.LABEL, engine.runId, "com.example.role", "web"))
                        .user("1000:1000")
                        .workingDir("/tmp")
                        .stopSignal("SIGINT")
                        .stopTimeout(3)
                        .hostname("web1")
                        .tty(false).openStdin(true)
                        .exposedPorts(Map.of("8080/tcp", Map.of()))
                        .healthcheck(Healthcheck.builder().test(List.of("CMD-SHELL", "true")).interval(1_000_000_000L)
                                .timeout(1_000_000_000L).retries(2).startPeriod(0L).build())
                        .build())
                .hostConfig(HostConfig.builder()
                        .portBindings(Map.of("8080/tcp", List.of(new PortBinding("127.0.0.1", ""))))
                        .mounts(List.of(
                                Mount.builder().type("volume").source(volume).target("/data").build(),
                                Mount.builder().type("tmpfs").target("/scratch").tmpfsOptions(new TmpfsOptions(1024L * 1024, null)).build()))
                        .binds(List.of("/etc/hostname:/host-hostname:ro"))
                        .restartPolicy(new RestartPolicy("on-failure", 2))
                        .capAdd(List.of("NET_ADMIN")).capDrop(List.of("MKNOD"))
                        .ulimits(List.of(new Ulimit("nofile", 1024L, 2048L)))
                        .extraHosts(List.of("db.local:10.0.0.5"))
                        .dns(List.of("10.0.0.53")).dnsSearch(List.of("example.test"))
                        .tmpfs(Map.of("/run/cache", "size=1m"))
                        .sysctls(Map.of("net.ipv4.ip_unprivileged_port_start", "80"))
                        .logConfig(new LogConfig("json-file", Map.of("max-size", "1m")))
                        .init(true)
                        .memory(64L * 1024 * 1024).nanoCpus(500_000_000L).pidsLimit(100L)
                        .shmSize(8L * 1024 * 1024)
                        .readonlyRootfs(false).privileged(false)
                        .securityOpt(List.of("no-new-privileges"))
                        .networkMode(network)
                        .build())
                .networkingConfig(new NetworkingConfig(Map.of(network,
                        EndpointSettings.builder().aliases(List.of("web", "frontend")).build())))
                .build();
        String id = containers.create(engine.name("full"), request).id();
        containers.start(id);

        ContainerInspect inspect = containers.inspect(id);
        assertThat(inspect.state().running()).isTrue();
        assertThat(inspect.config().env()).contains("GREETING=hello");
        assertThat(inspect.config().user()).isEqualTo("1000:1000");
        assertThat(inspect.config().stopSignal()).isEqualTo("SIGINT");
        assertThat(inspect.config().healthcheck().test()).containsExactly("CMD-SHELL", "true");
        assertThat(inspect.hostConfig().capAdd()).contains("NET_ADMIN");
        assertThat(inspect.hostConfig().restartPolicy().name()).isEqualTo("on-failure");
        assertThat(inspect.hostConfig().restartPolicy().maximumRetryCount()).isEqualTo(2);
        assertThat(inspect.hostConfig().ulimits()).containsExactly(new Ulimit("nofile", 1024L, 2048L));
        assertThat(inspect.hostConfig().extraHosts()).containsExactly("db.local:10.0.0.5");
        assertThat(inspect.hostConfig().memory()).isEqualTo(64L * 1024 * 1024);
        assertThat(inspect.hostConfig().nanoCpus()).isEqualTo(500_000_000L);
        assertThat(inspect.hostConfig().init()).isTrue();
        assertThat(inspect.hostConfig().logConfig().config()).containsEntry("max-size", "1m");
        assertThat(inspect.hostConfig().sysctls()).containsEntry("net.ipv4.ip_unprivileged_port_start", "80");
        assertThat(inspect.mounts()).anySatisfy(m -> assertThat(m.name()).isEqualTo(volume));
        assertThat(inspect.networkSettings().networks().get(network).aliases()).contains("web", "frontend");
        List<PortBinding> published = inspect.networkSettings().ports().get("8080/tcp");
        assertThat(published).isNotEmpty();
        assertThat(published.getFirst().hostIp()).isEqualTo("127.0.0.1");
        assertThat(Integer.parseInt(published.getFirst().hostPort())).isPositive();
        Awaitility.await().atMost(Duration.ofSeconds(15))
                .until(() -> "healthy".equals(containers.inspect(id).state().health().status()));
        containers.remove(id, true, false);
    }

    @Test
    void walksTheLifecycleFromCreateToRemove() {
        String id = containers.create(engine.name("life"), engine.busybox("sleep", "300")).id();
        assertThat(containers.inspect(id).state().status()).isEqualTo("created");
        containers.start(id);
        containers.start(id); // already started: 304, not an error
        assertThat(containers.inspect(id).state().running()).isTrue();
        containers.pause(id);
        assertThat(containers.inspect(id).state().status()).isEqualTo("paused");
        containers.unpause(id);
        containers.restart(id, Duration.ofSeconds(1));
        assertThat(containers.inspect(id).state().running()).isTrue();
        containers.kill(id, "SIGKILL");
        assertThat(containers.waitFor(id, null).statusCode()).isEqualTo(137);
        containers.start(id);
        containers.stop(id, Duration.ofSeconds(1));
        assertThat(containers.inspect(id).state().running()).isFalse();
        containers.rename(id, engine.name("life-renamed"));
        assertThat(containers.inspect(id).name()).isEqualTo("/" + engine.name("life-renamed"));
        containers.remove(id, false, true);
        assertThatThrownBy(() -> containers.inspect(id))
                .isInstanceOfSatisfying(EngineApiException.class, e -> {
                    assertThat(e.isNotFound()).isTrue();
                    assertThat(e.getMessage()).contains("No such container");
                });
    }

    @Test
    void listsContainersFilteredByLabelAndStatus() {
        String running = engine.run("list-running", "sleep", "300");
        String created = containers.create(engine.name("list-created"), engine.busybox("true")).id();
        Filters ours = engine.ours();
        assertThat(containers.list(ContainersApi.ListOptions.running().withFilters(ours)))
                .extracting(c -> c.id()).contains(running).doesNotContain(created);
        assertThat(containers.list(ContainersApi.ListOptions.allContainers().withFilters(ours.with("status", "created"))))
                .extracting(c -> c.id()).containsExactly(created);
        containers.remove(running, true, false);
        containers.remove(created, true, false);
    }

    @Test
    void conflictsWhenANameIsTaken() {
        String name = engine.name("dup");
        containers.create(name, engine.busybox("true"));
        assertThatThrownBy(() -> containers.create(name, engine.busybox("true")))
                .isInstanceOfSatisfying(EngineApiException.class, e -> assertThat(e.isConflict()).isTrue());
    }

    @Test
    void separatesStdoutFromStderrInLogs() {
        String id = engine.run("logs", "sh", "-c", "echo out1; echo err1 >&2; printf 'no-newline'");
        containers.waitFor(id, null);
        List<OutputLine> lines;
        try (EngineStream<OutputLine> logs = containers.logs(id, ContainersApi.LogsOptions.everything())) {
            lines = new ArrayList<>();
            logs.forEach(lines::add);
        }
        // The engine copies stdout and stderr on separate goroutines, so only the order within one stream is defined.
        assertThat(lines).filteredOn(l -> l.source() == LogSource.STDOUT)
                .containsExactly(new OutputLine(LogSource.STDOUT, "out1"), new OutputLine(LogSource.STDOUT, "no-newline"));
        assertThat(lines).filteredOn(l -> l.source() == LogSource.STDERR).containsExactly(new OutputLine(LogSource.STDERR, "err1"));
    }

    @Test
    void readsTtyLogsRawAndWithTimestamps() {
        ContainerCreateRequest tty = engine.busybox("sh", "-c", "echo hello; echo world");
        tty = tty.toBuilder().config(tty.config().toBuilder().tty(true).build()).build();
        String id = containers.create(engine.name("tty"), tty).id();
        containers.start(id);
        containers.waitFor(id, null);
        List<OutputLine> lines = new ArrayList<>();
        try (EngineStream<OutputLine> logs = containers.logs(id, ContainersApi.LogsOptions.everything().withTimestamps())) {
            logs.forEach(lines::add);
        }
        assertThat(lines).extracting(OutputLine::text).containsExactly("hello", "world");
        assertThat(lines).allSatisfy(l -> assertThat(l.timestamp()).isNotNull());
    }

    @Test
    void resizesATtyContainer() {
        ContainerCreateRequest tty = engine.busybox("sh", "-c", "sleep 2; stty size");
        tty = tty.toBuilder().config(tty.config().toBuilder().tty(true).openStdin(true).build()).build();
        String id = containers.create(engine.name("resize"), tty).id();
        containers.start(id);
        containers.resize(id, 33, 111);
        containers.waitFor(id, null);
        List<OutputLine> lines = new ArrayList<>();
        try (EngineStream<OutputLine> logs = containers.logs(id, ContainersApi.LogsOptions.everything())) {
            logs.forEach(lines::add);
        }
        assertThat(lines).extracting(OutputLine::text).contains("33 111");
        containers.remove(id, true, false);
    }

    @Test
    void followsLogsUntilCancelled() {
        String id = engine.run("follow", "sh", "-c", "i=0; while true; do echo line$i; i=$((i+1)); sleep 0.05; done");
        EngineStream<OutputLine> logs = containers.logs(id, ContainersApi.LogsOptions.everything().following());
        assertThat(logs.next().text()).isEqualTo("line0");
        assertThat(logs.next().text()).isEqualTo("line1");
        logs.close();
        assertThat(logs.next()).isNull();
        containers.remove(id, true, false);
    }

    @Test
    void listsProcessesWithTop() {
        String id = engine.run("top", "sleep", "300");
        var top = containers.top(id, null);
        assertThat(top.titles()).contains("PID", "CMD");
        assertThat(top.processes()).anySatisfy(row -> assertThat(String.join(" ", row)).contains("sleep 300"));
        containers.remove(id, true, false);
    }

    @Test
    void computesStatsLikeTheDockerCli() {
        String id = engine.run("stats", "sh", "-c", "while true; do :; done");
        ContainerStats once = containers.statsOnce(id);
        StatsCalculator.StatsSummary summary = StatsCalculator.summarize(once);
        assertThat(summary.cpuPercent()).isGreaterThan(1.0);
        assertThat(summary.memoryUsage()).isPositive();
        assertThat(summary.memoryLimit()).isPositive();
        try (EngineStream<ContainerStats> stream = containers.stats(id)) {
            ContainerStats first = stream.next();
            ContainerStats second = stream.next();
            assertThat(first.id()).isEqualTo(id);
            assertThat(StatsCalculator.summarize(second).cpuPercent()).isGreaterThan(1.0);
        }
        containers.remove(id, true, false);
    }

    @Test
    void attachesToStdinAndStdout() throws Exception {
        ContainerCreateRequest cat = engine.busybox("cat");
        cat = cat.toBuilder().config(cat.config().toBuilder().openStdin(true).stdinOnce(true)
                .attachStdin(true).attachStdout(true).attachStderr(true).build()).build();
        String id = containers.create(engine.name("attach"), cat).id();
        try (HijackedSession session = containers.attach(id, ContainersApi.AttachOptions.interactive())) {
            containers.start(id);
            session.stdin().write("through the hijacked stream\n".getBytes(StandardCharsets.UTF_8));
            session.stdin().flush();
            session.closeStdin();
            assertThat(session.readAll().stdout()).isEqualTo("through the hijacked stream\n");
        }
        assertThat(containers.waitFor(id, null).statusCode()).isZero();
    }

    @Test
    void copiesFilesInAndOutAsTar() throws Exception {
        String id = engine.run("archive", "sleep", "300");
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try (TarWriter writer = new TarWriter(tar)) {
            writer.file("greeting.txt", 0644, 0, "hello archive\n".getBytes(StandardCharsets.UTF_8));
        }
        containers.putArchive(id, "/", new ByteArrayInputStream(tar.toByteArray()));
        var result = engine.client.exec().run(id, List.of("cat", "/greeting.txt"));
        assertThat(result.stdout()).isEqualTo("hello archive\n");
        byte[] back;
        try (InputStream in = containers.archive(id, "/greeting.txt")) {
            back = in.readAllBytes();
        }
        assertThat(new String(back, 0, 12, StandardCharsets.US_ASCII)).isEqualTo("greeting.txt");
        assertThat(new String(back, StandardCharsets.ISO_8859_1)).contains("hello archive\n");
        containers.remove(id, true, false);
    }

    @Test
    void prunesOnlyStoppedContainersCarryingOurLabel() {
        String stopped = containers.create(engine.name("prune-me"), engine.busybox("true")).id();
        String running = engine.run("prune-keep", "sleep", "300");
        PruneReport report = containers.prune(engine.ours());
        assertThat(report.deleted()).contains(stopped).doesNotContain(running);
        assertThat(containers.inspect(running).state().running()).isTrue();
        containers.remove(running, true, false);
    }
}
