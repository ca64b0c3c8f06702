package dev.berth.app.gui.engine;

import dev.berth.app.gui.feed.ProjectSink;
import dev.berth.app.gui.logs.LogLine;
import dev.berth.app.gui.stats.StatsSample;
import dev.berth.engine.api.ContainersApi.LogsOptions;
import dev.berth.engine.api.StatsCalculator;
import dev.berth.engine.api.model.ContainerStats;
import dev.berth.engine.compose.ContainerState;
import dev.berth.engine.compose.ServiceContainer;
import dev.berth.engine.stream.EngineStream;
import dev.berth.engine.stream.LogSource;
import dev.berth.engine.stream.OutputLine;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One follow-logs stream and one stats stream per running container of the watched project, each consumed
 * by a task of the injected {@link BackgroundTasks}. A log stream asks for the last lines the first time,
 * everything for a container created while watching, and from the last shown line's time after a restart of
 * the container or of the engine ({@link LogPositions}: what was shown is dropped, nothing is missed). Once {@link #close()} returns nothing more reaches the sink: a replaced watch
 * must not feed the panes of the one that replaced it.
 */
final class ContainerStreams implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ContainerStreams.class.getName());
    static final int FIRST_TAIL = 500;

    private final WatchedEngine engine;
    private final BackgroundTasks tasks;
    private final ProjectSink sink;
    private final LogPositions positions;
    private final Consumer<String> logsEnded;
    private final Map<String, EngineStream<?>> logStreams = new ConcurrentHashMap<>();
    private final Map<String, EngineStream<?>> statsStreams = new ConcurrentHashMap<>();
    private final Object gate = new Object();
    private volatile boolean closed;

    /**
     * @param positions where each container's log was left (shared with the watch this one replaces, if any)
     * @param logsEnded called with the container's id when its log stream ends while open (it stopped or restarted)
     */
    ContainerStreams(WatchedEngine engine, BackgroundTasks tasks, ProjectSink sink, LogPositions positions,
            Consumer<String> logsEnded) {
        this.engine = engine;
        this.tasks = tasks;
        this.sink = sink;
        this.positions = positions;
        this.logsEnded = logsEnded;
    }

    /** Follows every running container of {@code listed} not followed yet; lets go of the stats of stopped ones. */
    void follow(List<ServiceContainer> listed) {
        if (closed) {
            return;
        }
        Set<String> running = new HashSet<>();
        logStreams.values().removeIf(EngineStream::isClosed);
        statsStreams.values().removeIf(EngineStream::isClosed);
        for (ServiceContainer container : listed) {
            if (container.state() == ContainerState.RUNNING) {
                running.add(container.id());
                logStreams.computeIfAbsent(container.id(), id -> followLogs(container));
                statsStreams.computeIfAbsent(container.id(), id -> followStats(container));
            }
        }
        statsStreams.keySet().removeIf(id -> {
            if (!running.contains(id)) {
                statsStreams.get(id).close();
                return true;
            }
            return false;
        });
        if (closed) {
            // close() ran while the streams above were being opened and may have missed them.
            closeAll();
        }
    }

    private EngineStream<?> followLogs(ServiceContainer container) {
        String id = container.id();
        String service = container.service();
        LogPositions.Position from = positions.of(id);
        LogPositions.Boundary boundary = new LogPositions.Boundary(from);
        boolean createdWhileWatching = container.created() >= positions.watchStarted().minusSeconds(5).getEpochSecond();
        LogsOptions options = from != null ? new LogsOptions(true, true, true, from.last(), null, true, null, null)
                : createdWhileWatching ? LogsOptions.everything().following().withTimestamps()
                : LogsOptions.everything().following().withTimestamps().withTail(FIRST_TAIL);
        EngineStream<OutputLine> stream;
        try {
            stream = engine.logs(id, options);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Cannot follow the logs of " + id, e);
            return null;
        }
        tasks.run("berth-logs-" + service, () -> {
            try {
                for (OutputLine line = stream.next(); line != null; line = stream.next()) {
                    Instant at = line.timestamp() == null ? Instant.now() : line.timestamp();
                    if (boundary.shownBefore(at)) {
                        continue;
                    }
                    // The received bytes travel with the line (only when its text would not give them back),
                    // so the pane saves what the container wrote.
                    LogLine shown = new LogLine(service, at,
                            line.source() == LogSource.STDERR ? LogLine.Stream.STDERR : LogLine.Stream.STDOUT, line.text(),
                            line.raw(), line.lineBreak().text());
                    synchronized (gate) {
                        if (closed) {
                            return;
                        }
                        sink.logLine(shown);
                        positions.shown(id, at); // only once shown: a line dropped by close() is asked for again
                    }
                }
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "The logs of " + id + " ended", e);
            } finally {
                stream.close();
                logStreams.remove(id, stream);
                if (!closed) {
                    logsEnded.accept(id);
                }
            }
        });
        return stream;
    }

    private EngineStream<?> followStats(ServiceContainer container) {
        String id = container.id();
        String name = container.name();
        EngineStream<ContainerStats> stream;
        try {
            stream = engine.stats(id);
        } catch (RuntimeException e) {
            return null;
        }
        tasks.run("berth-stats-" + name, () -> {
            try {
                for (ContainerStats stats = stream.next(); stats != null; stats = stream.next()) {
                    StatsCalculator.StatsSummary s = StatsCalculator.summarize(stats);
                    if (s.memoryLimit() == 0 && s.memoryUsage() == 0) {
                        continue; // the engine's last sample of a stopped container is all zeros
                    }
                    StatsSample sample = new StatsSample(name, Instant.now(), s.cpuPercent(), s.memoryUsage(), s.memoryLimit(),
                            s.networkRx(), s.networkTx(), s.blockRead(), s.blockWrite());
                    synchronized (gate) {
                        if (closed) {
                            return;
                        }
                        sink.stats(sample);
                    }
                }
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "The stats of " + id + " ended", e);
            } finally {
                stream.close();
                statsStreams.remove(id, stream);
            }
        });
        return stream;
    }

    /** Log and stats streams held open (tests: none may outlive close()). */
    int openStreams() {
        return logStreams.size() + statsStreams.size();
    }

    @Override
    public void close() {
        synchronized (gate) {
            closed = true; // a line in hand is dropped, not delivered after this returns
        }
        closeAll();
    }

    private void closeAll() {
        logStreams.values().forEach(EngineStream::close);
        statsStreams.values().forEach(EngineStream::close);
        logStreams.clear();
        statsStreams.clear();
    }
}
