package dev.berth.app.gui.engine;

import dev.berth.engine.api.ContainersApi.LogsOptions;
import dev.berth.engine.api.model.ContainerInspect;
import dev.berth.engine.api.model.ContainerInspectState;
import dev.berth.engine.api.model.ContainerStats;
import dev.berth.engine.api.model.ContainerSummary;
import dev.berth.engine.api.model.TopResult;
import dev.berth.engine.compose.ComposeLabels;
import dev.berth.engine.compose.ServiceContainer;
import dev.berth.engine.stream.EngineStream;
import dev.berth.engine.stream.LogSource;
import dev.berth.engine.stream.OutputLine;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A scripted {@link WatchedEngine}: containers, inspect answers and log lines set by the test; calls counted. */
final class FakeEngine implements WatchedEngine {

    /** A stream that hands out what the test put in and then ends (null), like a container that stopped logging. */
    static final class ScriptedStream<T> implements EngineStream<T> {
        private final ArrayDeque<T> items = new ArrayDeque<>();
        private volatile boolean closed;

        ScriptedStream(List<T> items) {
            this.items.addAll(items);
        }

        @Override
        public synchronized T next() {
            return closed ? null : items.poll();
        }

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    volatile List<ContainerSummary> listing = List.of();
    final Map<String, ContainerInspect> inspects = new ConcurrentHashMap<>();
    final Map<String, List<String>> logLines = new ConcurrentHashMap<>();
    /** Log lines with their own timestamps (several may share one); a request's since is inclusive, as the engine's. */
    final Map<String, List<OutputLine>> timedLogLines = new ConcurrentHashMap<>();
    final List<ScriptedStream<?>> opened = new CopyOnWriteArrayList<>();
    final List<String> inspected = new CopyOnWriteArrayList<>();
    final List<LogsOptions> logRequests = new CopyOnWriteArrayList<>();
    final AtomicInteger listings = new AtomicInteger();
    final AtomicInteger tops = new AtomicInteger();

    static ContainerSummary container(String id, String service, String state, String status) {
        return new ContainerSummary(id, List.of("/demo-" + service + "-1"), "busybox", "sha256:1", "sh", 1L, state, status, List.of(),
                Map.of(ComposeLabels.PROJECT, "demo", ComposeLabels.SERVICE, service), null, null, null, List.of());
    }

    static ContainerInspect inspect(String id, String startedAt, int restarts, int exitCode, boolean oom) {
        return new ContainerInspect(id, "2026-12-02T10:00:00Z", "sh", List.of(), new ContainerInspectState("running", true, false, false,
                oom, false, 1, exitCode, "", startedAt, "0001-01-01T00:00:00Z", null), "sha256:1", "/" + id, restarts, null, null, null, List.of());
    }

    @Override
    public List<ServiceContainer> containers(String project) {
        listings.incrementAndGet();
        return listing.stream().map(ServiceContainer::of).toList();
    }

    @Override
    public List<ServiceContainer> containers(String project, Collection<String> ids) {
        listingsById.add(List.copyOf(ids));
        return listing.stream().filter(c -> ids.contains(c.id())).map(ServiceContainer::of).toList();
    }

    /** The ids each listing filtered by id asked for. */
    final List<List<String>> listingsById = new CopyOnWriteArrayList<>();

    @Override
    public ContainerInspect inspect(String id) {
        inspected.add(id);
        ContainerInspect answer = inspects.get(id);
        if (answer == null) {
            throw new IllegalStateException("no such container: " + id);
        }
        return answer;
    }

    @Override
    public Map<String, Object> inspectDocument(String id) {
        inspected.add(id);
        return Map.of("Id", id, "NetworkSettings", Map.of("IPAddress", "172.18.0.2"));
    }

    @Override
    public EngineStream<OutputLine> logs(String id, LogsOptions options) {
        logRequests.add(options);
        if (timedLogLines.containsKey(id)) {
            ScriptedStream<OutputLine> stream = new ScriptedStream<>(timedLogLines.get(id).stream()
                    .filter(line -> options.since() == null || !line.timestamp().isBefore(options.since())).toList());
            opened.add(stream);
            return stream;
        }
        List<OutputLine> lines = new ArrayList<>();
        Instant at = Instant.parse("2026-12-02T10:00:00Z");
        for (String text : logLines.getOrDefault(id, List.of())) {
            at = at.plusMillis(1);
            lines.add(new OutputLine(LogSource.STDOUT, text, at));
        }
        ScriptedStream<OutputLine> stream = new ScriptedStream<>(lines);
        opened.add(stream);
        return stream;
    }

    @Override
    public EngineStream<ContainerStats> stats(String id) {
        ScriptedStream<ContainerStats> stream = new ScriptedStream<>(List.of());
        opened.add(stream);
        return stream;
    }

    @Override
    public TopResult top(String id) {
        tops.incrementAndGet();
        return new TopResult(List.of("PID", "CMD"), List.of(List.of("1", "sh")));
    }
}
