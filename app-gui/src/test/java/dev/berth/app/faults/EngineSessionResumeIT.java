package dev.berth.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.app.workspace.EngineSession;
import dev.berth.app.workspace.EngineState;
import dev.berth.bridge.discovery.DiscoveryOptions;
import dev.berth.bridge.discovery.EngineDiscovery;
import dev.berth.bridge.discovery.HostEnvironment;
import dev.berth.engine.api.model.EngineEvent;
import dev.berth.testkit.PrivateEngine;
import dev.berth.testkit.RequiresEngine;
import dev.berth.testkit.TestEngine;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Fault 1, the window's connection: after the engine was killed and came back, the session's new events
 * subscription starts where the lost one stopped, so a container started after the engine came back but
 * before the session reconnected still reaches the listeners (the window re-reads that project), once.
 */
@RequiresEngine
class EngineSessionResumeIT {

    @Test
    void eventsBetweenTheEnginesReturnAndTheReconnectionAreDelivered() throws Exception {
        assumeTrue(PrivateEngine.available(), "needs root and dockerd for a private engine");
        try (PrivateEngine engine = PrivateEngine.start()) {
            engine.loadImage(TestEngine.BUSYBOX_IMAGE);
            EngineDiscovery discovery = EngineDiscovery.standard(HostEnvironment.current());
            // "held": the engine is back but the session has not reached it yet (it waits out its back-off)
            boolean[] held = {false};
            List<EngineEvent> events = new CopyOnWriteArrayList<>();
            try (EngineSession session = new EngineSession(endpoint -> {
                if (held[0]) {
                    throw new IllegalStateException("not yet");
                }
                return discovery.discover(DiscoveryOptions.defaults().withHost(engine.host()));
            })) {
                session.onEvent(events::add);
                session.start();
                await().atMost(Duration.ofSeconds(20)).until(() -> session.state() instanceof EngineState.Connected);
                Thread.sleep(500); // subscribed
                String before = engine.docker("run", "-d", "--network", "none", TestEngine.BUSYBOX_IMAGE, "sleep", "600").strip();
                await().atMost(Duration.ofSeconds(10)).until(() -> started(events, before) == 1);

                held[0] = true;
                engine.kill();
                await().atMost(Duration.ofSeconds(20)).until(() -> session.state() instanceof EngineState.Unavailable u && u.wasConnected());
                engine.restart();
                String during = engine.docker("run", "-d", "--network", "none", TestEngine.BUSYBOX_IMAGE, "sleep", "600").strip();
                held[0] = false;

                await().atMost(Duration.ofSeconds(40)).until(() -> session.state() instanceof EngineState.Connected && started(events, during) > 0);
                Thread.sleep(500);
                assertThat(started(events, during)).as("the start that happened before the reconnection, once").isEqualTo(1);
                assertThat(started(events, before)).as("the events delivered before the loss are not delivered again").isEqualTo(1);
            }
        }
    }

    private static long started(List<EngineEvent> events, String id) {
        return events.stream().filter(e -> "container".equals(e.type()) && "start".equals(e.action()) && e.actor() != null
                && id.equals(e.actor().id())).count();
    }
}
