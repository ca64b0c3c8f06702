package dev.berth.app.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.bridge.discovery.DiscoveredEngine;
import dev.berth.bridge.discovery.DiscoveryOptions;
import dev.berth.bridge.discovery.EngineDiscovery;
import dev.berth.bridge.discovery.HostEnvironment;
import dev.berth.engine.api.EngineNotFoundException;
import dev.berth.engine.api.model.EngineEvent;
import dev.berth.engine.api.model.VolumeCreateRequest;
import dev.berth.testkit.RequiresEngine;
import dev.berth.testkit.TestEngine;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

@RequiresEngine
class EngineSessionIT {

    private static Supplier<DiscoveredEngine> realDiscovery() {
        EngineDiscovery discovery = EngineDiscovery.standard(HostEnvironment.current());
        return () -> discovery.discover(DiscoveryOptions.defaults().withHost("unix://" + TestEngine.socket()));
    }

    @Test
    void connectsInTheBackgroundAndReportsTheEngine() {
        List<EngineState> states = new CopyOnWriteArrayList<>();
        try (EngineSession session = new EngineSession(realDiscovery())) {
            session.onStateChange(states::add);
            session.start();

            await().atMost(Duration.ofSeconds(10)).until(() -> session.state() instanceof EngineState.Connected);
            EngineState.Connected connected = (EngineState.Connected) session.state();
            assertThat(connected.engineName()).containsAnyOf("Docker", "Podman");
            assertThat(connected.apiVersion()).matches("1\\.\\d+");
            assertThat(session.compose()).isPresent();
            assertThat(states.getFirst()).isInstanceOf(EngineState.Connecting.class);
        }
    }

    @Test
    void useSwitchesToAnotherEndpointAtOnceAndBackWithoutALostState() throws Exception {
        EngineDiscovery discovery = EngineDiscovery.standard(HostEnvironment.current());
        String real = "unix://" + TestEngine.socket();
        String dead = "unix:///tmp/berth-session-it-nothing-" + ProcessHandle.current().pid() + ".sock";
        List<EngineState> states = new CopyOnWriteArrayList<>();
        try (EngineSession session = new EngineSession(endpoint -> discovery.discover(DiscoveryOptions.defaults().withHost(
                endpoint == null ? real : endpoint)))) {
            session.onStateChange(states::add);
            session.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> session.state() instanceof EngineState.Connected);

            states.clear();
            session.use(dead);
            await().atMost(Duration.ofSeconds(5)).until(() -> session.state() instanceof EngineState.Unavailable);
            assertThat(states.getFirst()).isEqualTo(new EngineState.Connecting(1, dead));
            assertThat(states).noneMatch(s -> s instanceof EngineState.Connected)
                    .noneMatch(s -> s instanceof EngineState.Unavailable u && u.wasConnected()); // a choice, not a loss
            assertThat(((EngineState.Unavailable) session.state()).explanation()).contains("/tmp/berth-session-it-nothing-");
            assertThat(session.client()).isEmpty();
            await().atMost(Duration.ofSeconds(10)).until(() -> states.stream().filter(s -> s instanceof EngineState.Unavailable).count() >= 3);

            // Back, while it waits out a growing back-off: at once, not after the retry.
            long started = System.nanoTime();
            session.use(real);
            await().atMost(Duration.ofSeconds(5)).until(() -> session.state() instanceof EngineState.Connected);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
            assertThat(((EngineState.Connected) session.state()).endpoint()).isEqualTo(real);
            assertThat(session.chosenEndpoint()).isEqualTo(real);
            assertThat(session.compose()).isPresent();
        }
    }

    @Test
    void deliversEngineEventsFromItsSingleSubscription() {
        List<EngineEvent> events = new CopyOnWriteArrayList<>();
        try (EngineSession session = new EngineSession(realDiscovery())) {
            session.onEvent(events::add);
            session.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> session.state() instanceof EngineState.Connected);

            String volume = "berth-session-it-" + System.nanoTime();
            session.client().orElseThrow().volumes().create(
                    VolumeCreateRequest.builder().name(volume).build());
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().anyMatch(e ->
                        "volume".equals(e.type()) && e.actor() != null && volume.equals(e.actor().id())));
            } finally {
                session.client().orElseThrow().volumes().remove(volume, true);
            }
        }
    }

    @Test
    void saysWhyWhenNoEngineAnswersAndKeepsRetryingUntilOneDoes() {
        AtomicInteger attempts = new AtomicInteger();
        Supplier<DiscoveredEngine> real = realDiscovery();
        Supplier<DiscoveredEngine> flaky = () -> {
            if (attempts.incrementAndGet() == 1) {
                throw new EngineNotFoundException(List.of(new EngineNotFoundException.Attempt("DOCKER_HOST", "unix:///nowhere.sock", "no such file")));
            }
            return real.get();
        };
        List<EngineState> states = new CopyOnWriteArrayList<>();
        try (EngineSession session = new EngineSession(flaky)) {
            session.onStateChange(states::add);
            session.start();

            await().atMost(Duration.ofSeconds(10)).until(() -> session.state() instanceof EngineState.Connected);
            assertThat(states).filteredOn(EngineState.Unavailable.class::isInstance).first()
                    .satisfies(state -> assertThat(((EngineState.Unavailable) state).explanation()).contains("/nowhere.sock"));
            assertThat(attempts).hasValueGreaterThanOrEqualTo(2);
        }
    }
}
