package dev.berth.app.gui.logs;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives each log source a stable colour slot, like {@code docker compose logs} does: services in project
 * order first (so colours stay the same between runs), then any other source in order of first
 * appearance. Slots map to theme chart colours in CSS ({@code log-source-0} … ), so both themes stay
 * legible.
 */
public final class SourcePalette {

    public static final int SLOTS = 8;

    private final Map<String, Integer> slots = new HashMap<>();
    private int next;

    /** Reserves slots for {@code services} in this order. */
    public synchronized void assignInOrder(List<String> services) {
        services.forEach(this::slotOf);
    }

    public synchronized int slotOf(String source) {
        return slots.computeIfAbsent(source, s -> next++ % SLOTS);
    }

    public String styleClassOf(String source) {
        return "log-source-" + slotOf(source);
    }
}
