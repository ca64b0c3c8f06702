package dev.berth.app.gui.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.gui.fx.DirectUiScheduler;
import dev.berth.app.gui.swarm.SwarmSnapshot.NodeRow;
import dev.berth.app.gui.swarm.SwarmSnapshot.ServiceRow;
import dev.berth.app.gui.swarm.SwarmSnapshot.TaskRow;
import dev.berth.engine.api.model.EngineEvent;
import dev.berth.engine.api.model.EventActor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The Swarm tab's model with a scripted source (pure logic; the engine side is SwarmViewIT): which events reload
 * it, the selection following its service across reloads, and the scale action's refusals and outcome.
 */
class SwarmViewModelTest {

    private static final ServiceRow WEB = new ServiceRow("s1", "demo_web", "demo", "replicated", 1, 2, 2, "img", "", null);
    private static final ServiceRow AGENT = new ServiceRow("s2", "demo_agent", "demo", "global", 1, 1, -1, "img", "", null);

    /** Loads count; each load answers the web service with one more running task. */
    private static final class ScriptedSource implements SwarmSource {
        final AtomicInteger loads = new AtomicInteger();
        final List<String> scaled = new ArrayList<>();
        RuntimeException failScale;

        @Override
        public SwarmSnapshot load() {
            int n = loads.incrementAndGet();
            ServiceRow web = new ServiceRow("s1", "demo_web", "demo", "replicated", n, 2, 2, "img", "", null);
            return new SwarmSnapshot(true, "active", List.of(new NodeRow("n1", "vm", "manager", "active", "ready", true, "20.10")),
                    Map.of("demo", List.of(AGENT, web)),
                    Map.of("s1", List.of(new TaskRow("t" + n, "demo_web.1", "vm", "running", "running", null, "img"))));
        }

        @Override
        public void scale(String serviceId, long replicas) {
            if (failScale != null) {
                throw failScale;
            }
            scaled.add(serviceId + "=" + replicas);
        }
    }

    private final ScriptedSource source = new ScriptedSource();
    private final SwarmViewModel model = new SwarmViewModel(source, new DirectUiScheduler(), Runnable::run);

    private static EngineEvent event(String type, String action, Map<String, String> attributes) {
        return new EngineEvent(type, action, new EventActor("x", attributes), "swarm", 0L, 0L, null, null, null);
    }

    @Test
    void swarmEventsAndTaskContainersReloadOtherEventsDoNot() {
        model.engineEvent(event("image", "pull", Map.of()));
        model.engineEvent(event("container", "start", Map.of("com.docker.compose.project", "x")));
        model.engineEvent(event("network", "create", Map.of()));
        assertThat(source.loads).hasValue(0);

        model.engineEvent(event("service", "update", Map.of()));
        model.engineEvent(event("node", "update", Map.of()));
        model.engineEvent(event("container", "die", Map.of("com.docker.swarm.service.id", "s1")));
        assertThat(source.loads).hasValue(3);
        assertThat(model.managerProperty().get()).isTrue();
        assertThat(model.nodes()).extracting(NodeRow::hostname).containsExactly("vm");
    }

    @Test
    void theSelectionFollowsItsServiceAcrossReloadsWithItsTasks() {
        model.refresh();
        model.selectedProperty().set(model.stacks().get("demo").get(1));
        assertThat(model.tasks()).extracting(TaskRow::id).containsExactly("t1");

        model.refresh();

        assertThat(model.selectedProperty().get().running()).as("the re-read row").isEqualTo(2);
        assertThat(model.tasks()).extracting(TaskRow::id).containsExactly("t2");
    }

    @Test
    void scaleRefusesGlobalServicesAndSaysWhatHappened() {
        model.scale(AGENT, 3);
        assertThat(source.scaled).isEmpty();
        assertThat(model.noticeProperty().get()).isEqualTo("demo_agent is a global service: only replicated services can be scaled.");

        model.scale(WEB, 4);
        assertThat(source.scaled).containsExactly("s1=4");
        assertThat(model.noticeProperty().get()).isEqualTo("Scaled demo_web to 4.");

        source.failScale = new IllegalStateException("rpc error: update out of sequence");
        model.scale(WEB, 5);
        assertThat(model.noticeProperty().get()).isEqualTo("Scaling demo_web failed: rpc error: update out of sequence");
    }
}
