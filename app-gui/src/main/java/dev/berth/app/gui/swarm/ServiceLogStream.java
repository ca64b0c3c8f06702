package dev.berth.app.gui.swarm;

import dev.berth.app.gui.logs.LogLine;
import dev.berth.engine.api.Filters;
import dev.berth.engine.stream.EngineStream;
import dev.berth.engine.stream.LogSource;
import dev.berth.engine.stream.OutputLine;
import dev.berth.engine.swarm.ServiceLogLine;
import dev.berth.engine.swarm.Swarm;
import dev.berth.engine.swarm.SwarmNode;
import dev.berth.engine.swarm.SwarmTask;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A service's merged task logs ({@code /services/{id}/logs?details=1&follow=1}) as the log view's lines, each
 * one's source the task it came from as {@code docker service logs} prefixes it: {@code web.2@node-1} (the
 * service's short name, the slot or a global task's node id, the node's hostname). Tasks are listed once and
 * again when a line names a task not seen yet (a rolling update or a rescheduled task while following).
 */
final class ServiceLogStream implements EngineStream<LogLine> {

    /** Lines of history shown when a service is selected, before the followed ones. */
    static final String TAIL = "500";

    private final Swarm swarm;
    private final String serviceId;
    private final String shortName;
    private final EngineStream<OutputLine> stream;
    private final Map<String, String> prefixes = new HashMap<>();

    ServiceLogStream(Swarm swarm, String serviceId, String shortName) {
        this.swarm = swarm;
        this.serviceId = serviceId;
        this.shortName = shortName;
        this.stream = swarm.services().logs(serviceId, true, TAIL, true, false);
    }

    @Override
    public LogLine next() {
        OutputLine raw = stream.next();
        if (raw == null) {
            return null;
        }
        ServiceLogLine line = ServiceLogLine.of(raw);
        return new LogLine(prefix(line.taskId()), raw.timestamp() == null ? Instant.now() : raw.timestamp(),
                raw.source() == LogSource.STDERR ? LogLine.Stream.STDERR : LogLine.Stream.STDOUT, line.text());
    }

    private String prefix(String taskId) {
        if (taskId == null) {
            return shortName;
        }
        if (!prefixes.containsKey(taskId)) {
            refresh();
        }
        return prefixes.getOrDefault(taskId, shortName + "." + taskId.substring(0, Math.min(12, taskId.length())));
    }

    private void refresh() {
        Map<String, String> hostnames = new HashMap<>();
        for (SwarmNode node : swarm.nodes().list()) {
            hostnames.put(node.id(), node.hostname());
        }
        for (SwarmTask task : swarm.tasks().list(Filters.none().with("service", serviceId))) {
            String slot = task.slot() > 0 ? String.valueOf(task.slot()) : task.nodeId();
            prefixes.put(task.id(), shortName + "." + slot + "@" + hostnames.getOrDefault(task.nodeId(), task.nodeId()));
        }
    }

    @Override
    public boolean isClosed() {
        return stream.isClosed();
    }

    @Override
    public void close() {
        stream.close();
    }
}
