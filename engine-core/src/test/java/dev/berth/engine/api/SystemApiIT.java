package dev.berth.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.engine.api.model.DiskUsage;
import dev.berth.engine.api.model.EngineEvent;
import dev.berth.engine.api.model.SystemInfo;
import dev.berth.engine.api.model.VolumeCreateRequest;
import dev.berth.engine.stream.EngineStream;
import dev.berth.testkit.RequiresEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RequiresEngine
class SystemApiIT {

    static EngineFixture engine;

    @BeforeAll
    static void connect() {
        engine = new EngineFixture();
    }

    @AfterAll
    static void cleanUp() {
        engine.close();
    }

    @Test
    void negotiatesTheApiVersionAndNamesTheEngine() {
        EngineIdentity identity = engine.client.identity();
        assertThat(identity.name()).isEqualTo("Docker Engine");
        assertThat(identity.apiVersion()).isGreaterThanOrEqualTo(ApiVersion.MINIMUM);
        assertThat(identity.negotiated()).isEqualTo(ApiVersion.negotiate(identity.apiVersion()));
        assertThat(identity.summary()).startsWith("Docker Engine " + identity.version() + " (API ");
        assertThat(identity.podman()).isFalse();
    }

    @Test
    void pingsWithTheEngineHeaders() {
        PingResult ping = engine.client.system().ping();
        assertThat(ping.apiVersion()).isEqualTo(engine.client.identity().apiVersion().toString());
        assertThat(ping.osType()).isEqualTo("linux");
    }

    @Test
    void readsHostInformation() {
        SystemInfo info = engine.client.system().info();
        assertThat(info.ncpu()).isPositive();
        assertThat(info.memTotal()).isPositive();
        assertThat(info.driver()).isNotBlank();
        assertThat(info.serverVersion()).isEqualTo(engine.client.identity().version());
    }

    @Test
    void reportsDiskUsageIncludingOurVolume() {
        String volume = engine.name("df");
        engine.client.volumes().create(VolumeCreateRequest.builder().name(volume).labels(engine.labels()).build());
        DiskUsage usage = engine.client.system().diskUsage();
        assertThat(usage.layersSize()).isNotNull();
        assertThat(usage.images()).isNotEmpty();
        assertThat(usage.volumes()).anySatisfy(v -> assertThat(v.name()).isEqualTo(volume));
        assertThat(engine.client.volumes().sizes()).containsKey(volume);
    }

    @Test
    void streamsEventsFilteredByLabelBetweenSinceAndUntil() {
        Instant since = Instant.now().minusSeconds(1);
        String id = engine.run("events", "true");
        engine.client.containers().waitFor(id, null);
        Instant until = Instant.now().plusSeconds(1);
        List<String> actions = new ArrayList<>();
        SystemApi.EventsOptions options = new SystemApi.EventsOptions(since, until,
                Filters.none().with("type", "container").with("container", id));
        try (EngineStream<EngineEvent> events = engine.client.system().events(options)) {
            for (EngineEvent event : events) {
                assertThat(event.actor().id()).isEqualTo(id);
                actions.add(event.action());
            }
        }
        assertThat(actions).contains("create", "start", "die");
    }

    @Test
    void deliversLiveEventsAsTheyHappenAndStopsWhenClosed() throws Exception {
        List<EngineEvent> seen = Collections.synchronizedList(new ArrayList<>());
        EngineStream<EngineEvent> events = engine.client.system().events(SystemApi.EventsOptions.fromNow()
                .withFilters(Filters.none().label(EngineFixture.LABEL + "=" + engine.runId)));
        events.subscribe(seen::add);
        engine.client.containers().create(engine.name("live-event"), engine.busybox("true"));
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> seen.stream().anyMatch(e -> "create".equals(e.action())));
        events.close();
        assertThat(events.isClosed()).isTrue();
    }
}
