package dev.berth.app.gui.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.gui.fx.DirectUiScheduler;
import dev.berth.app.gui.logs.LogLine;
import dev.berth.app.gui.swarm.SwarmSnapshot.NodeRow;
import dev.berth.app.gui.swarm.SwarmSnapshot.ServiceRow;
import dev.berth.app.gui.swarm.SwarmSnapshot.TaskRow;
import dev.berth.engine.api.model.EngineEvent;
import dev.berth.engine.api.model.EventActor;
import dev.berth.engine.stack.StackDeployer;
import dev.berth.engine.stack.StackSpec;
import dev.berth.engine.stream.EngineStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
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

        /** Per service: the lines a stream hands out, then it blocks until closed (as a followed stream does). */
        final Map<String, List<LogLine>> logLines = new ConcurrentHashMap<>();
        final List<ScriptedStream> opened = new CopyOnWriteArrayList<>();

        @Override
        public EngineStream<LogLine> serviceLogs(String serviceId, String shortName) {
            // Only a scripted service's stream is followed (blocks); the other tests run on the calling thread.
            ScriptedStream stream = new ScriptedStream(serviceId, logLines.getOrDefault(serviceId, List.of()));
            if (!logLines.containsKey(serviceId)) {
                stream.close();
            }
            opened.add(stream);
            return stream;
        }

        @Override
        public StackDeployer.Result deploy(StackSpec stack,
                StackDeployer.Options options, Consumer<String> progress) {
            throw new UnsupportedOperationException("not deployed in this test");
        }
    }

    /** Hands out its lines, then blocks in next() until closed, as a followed log stream does. */
    private static final class ScriptedStream implements EngineStream<LogLine> {
        final String serviceId;
        private final Iterator<LogLine> lines;
        private final CountDownLatch closed = new CountDownLatch(1);

        ScriptedStream(String serviceId, List<LogLine> lines) {
            this.serviceId = serviceId;
            this.lines = List.copyOf(lines).iterator();
        }

        @Override
        public LogLine next() {
            if (lines.hasNext()) {
                return lines.next();
            }
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }

        @Override
        public boolean isClosed() {
            return closed.getCount() == 0;
        }

        @Override
        public void close() {
            closed.countDown();
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

    @Test
    void theSelectedServiceLogsAreFollowedAndTheStreamClosesWhenTheSelectionMovesOn() throws Exception {
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        try {
            SwarmViewModel live = new SwarmViewModel(source, new DirectUiScheduler(), threads);
            source.logLines.put("s1", List.of(line("web.1@vm", "GET /"), line("web.2@vm", "GET /health")));
            source.logLines.put("s2", List.of(line("agent.x@vm", "collecting")));

            live.selectedProperty().set(WEB);
            until(() -> live.logs().lines().size() == 2);
            assertThat(live.logs().lines()).extracting(LogLine::source).containsExactly("web.1@vm", "web.2@vm");
            ScriptedStream web = source.opened.getFirst();
            assertThat(web.isClosed()).as("still followed").isFalse();

            // A re-read of the same service (a reload) keeps the stream.
            live.selectedProperty().set(new ServiceRow("s1", "demo_web", "demo", "replicated", 2, 2, 2, "img", "", null));
            assertThat(source.opened).hasSize(1);

            live.selectedProperty().set(AGENT);
            until(() -> live.logs().lines().size() == 1 && live.logs().lines().getFirst().source().equals("agent.x@vm"));
            assertThat(web.isClosed()).as("the web stream, once the agent is selected").isTrue();

            live.selectedProperty().set(null);
            until(() -> source.opened.stream().allMatch(ScriptedStream::isClosed) && !live.followingLogs());
            until(() -> live.logs().lines().isEmpty());
        } finally {
            threads.shutdownNow();
        }
    }

    private static LogLine line(String source, String text) {
        return new LogLine(source, Instant.now(), LogLine.Stream.STDOUT, text);
    }

    private static void until(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 5 s");
            }
            Thread.sleep(10);
        }
    }
}
