package dev.berth.app.gui;

import java.util.ArrayList;
import java.util.List;

/**
 * With {@code -Dberth.measure.startup=true}, the moments the GUI's start-up passes through (launcher entered,
 * toolkit up, window built, shown, first frame), so a slow start can be pinned on one phase. Otherwise it
 * records nothing.
 */
final class StartupPhases {

    static final boolean ENABLED = Boolean.getBoolean("berth.measure.startup");
    private static final List<String> PHASES = new ArrayList<>();
    private static final List<Long> TIMES = new ArrayList<>();

    private StartupPhases() {}

    static synchronized void mark(String phase) {
        if (ENABLED) {
            PHASES.add(phase);
            TIMES.add(System.currentTimeMillis());
        }
    }

    /** e.g. {@code launcher 180, toolkit 520, built 760, shown 1050} (ms after the process started). */
    static synchronized String report(long processStart) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < PHASES.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(PHASES.get(i)).append(' ').append(TIMES.get(i) - processStart);
        }
        return text.toString();
    }
}
