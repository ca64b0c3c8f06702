package dev.berth.app.gui.stats;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * One container's row in the stats table. Properties change at most once per pulse, and the table's cells
 * observe them directly, so an update redraws one cell instead of rebuilding the table.
 */
public final class ContainerStatsRow {

    private final String name;
    private final ObjectProperty<StatsSample> latest = new SimpleObjectProperty<>(this, "latest");
    private final ObjectProperty<TimeSeries> cpu = new SimpleObjectProperty<>(this, "cpu", TimeSeries.EMPTY);
    private final ObjectProperty<TimeSeries> memory = new SimpleObjectProperty<>(this, "memory", TimeSeries.EMPTY);

    ContainerStatsRow(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public ObjectProperty<StatsSample> latestProperty() {
        return latest;
    }

    public ObjectProperty<TimeSeries> cpuProperty() {
        return cpu;
    }

    public ObjectProperty<TimeSeries> memoryProperty() {
        return memory;
    }
}
