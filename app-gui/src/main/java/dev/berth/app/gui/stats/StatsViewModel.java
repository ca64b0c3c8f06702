package dev.berth.app.gui.stats;

import dev.berth.app.gui.fx.PulseBatcher;
import dev.berth.app.gui.fx.UiScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The stats pane's state: samples arrive from any thread through a {@link PulseBatcher}; once per pulse the
 * history is updated and only the rows of containers that reported are refreshed (their series snapshots
 * replaced), plus the project totals. Rows are created once per container and reused.
 */
public final class StatsViewModel {

    public static final Duration WINDOW = Duration.ofMinutes(5);

    private final Clock clock;
    private final StatsHistory history = new StatsHistory(WINDOW);
    private final PulseBatcher<StatsSample> batcher;
    private final ObservableList<ContainerStatsRow> rows = FXCollections.observableArrayList();
    private final Map<String, ContainerStatsRow> rowsByName = new HashMap<>();
    private final ReadOnlyObjectWrapper<TimeSeries> projectCpu = new ReadOnlyObjectWrapper<>(this, "projectCpu", TimeSeries.EMPTY);
    private final ReadOnlyObjectWrapper<TimeSeries> projectMemory = new ReadOnlyObjectWrapper<>(this, "projectMemory", TimeSeries.EMPTY);
    private final ObjectProperty<String> selectedContainer = new SimpleObjectProperty<>(this, "selectedContainer");

    public StatsViewModel(UiScheduler ui, Clock clock) {
        this.clock = clock;
        this.batcher = new PulseBatcher<>(ui, 10_000, 1_000, Duration.ofMillis(6), batch -> apply(batch.items()));
    }

    /** Accepts a sample from any thread (the engine's stats streams, one per container). */
    public void accept(StatsSample sample) {
        batcher.offer(sample);
    }

    /**
     * A container stopped: its row drops its last figures (a stopped container uses no CPU or memory; the
     * chart keeps its history). From any thread, in order with the samples: one still waiting is not shown after it.
     */
    public void stopped(String name) {
        batcher.offer(new StatsSample(name, STOPPED, 0, 0, 0, 0, 0, 0, 0));
    }

    /** The time of the marker {@link #stopped} sends through the batcher. */
    private static final Instant STOPPED = Instant.EPOCH;

    private void apply(Iterable<StatsSample> samples) {
        Set<String> touched = new LinkedHashSet<>();
        Set<String> stopped = new LinkedHashSet<>();
        for (StatsSample sample : samples) {
            if (sample.time() == STOPPED) {
                stopped.add(sample.containerName()); // after its last sample in this batch
                continue;
            }
            stopped.remove(sample.containerName());
            history.add(sample);
            touched.add(sample.containerName());
        }
        for (String name : touched) {
            ContainerStatsRow row = rowsByName.computeIfAbsent(name, n -> {
                ContainerStatsRow created = new ContainerStatsRow(n);
                rows.add(created);
                return created;
            });
            history.latest(name).ifPresent(row.latestProperty()::set);
            row.cpuProperty().set(history.series(name, StatsSample::cpuPercent));
            row.memoryProperty().set(history.series(name, sample -> sample.memUsage()));
        }
        for (String name : stopped) {
            ContainerStatsRow row = rowsByName.get(name);
            if (row != null) {
                row.latestProperty().set(null);
            }
        }
        if (!touched.isEmpty()) {
            projectCpu.set(history.projectSeries(StatsSample::cpuPercent));
            projectMemory.set(history.projectSeries(sample -> sample.memUsage()));
        }
    }

    /** A container went away: its row and history go too. */
    public void removeContainer(String name) {
        history.remove(name);
        ContainerStatsRow row = rowsByName.remove(name);
        if (row != null) {
            rows.remove(row);
        }
    }

    public ObservableList<ContainerStatsRow> rows() {
        return rows;
    }

    public ReadOnlyObjectProperty<TimeSeries> projectCpuProperty() {
        return projectCpu.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<TimeSeries> projectMemoryProperty() {
        return projectMemory.getReadOnlyProperty();
    }

    /** Follows the graph's selection: the view highlights that container's row. */
    public ObjectProperty<String> selectedContainerProperty() {
        return selectedContainer;
    }

    /** The right end of every chart: now. */
    public long nowMillis() {
        return clock.millis();
    }

    StatsHistory history() {
        return history;
    }

    public PulseBatcher<StatsSample> batcher() {
        return batcher;
    }
}
