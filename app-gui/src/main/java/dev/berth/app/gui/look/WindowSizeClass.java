package dev.berth.app.gui.look;

import java.util.Locale;

/**
 * How big the window is, coarsely: a divider placed for a laptop's 800×600 corner is not the one wanted on a
 * full HD screen, so the window remembers one per class. Small is below 1024×700 (the graph and the logs are at
 * their minimums there), large from 1600×1000, medium in between (the 1280×800 default).
 */
public enum WindowSizeClass {
    SMALL, MEDIUM, LARGE;

    public static WindowSizeClass of(double width, double height) {
        if (width < 1024 || height < 700) {
            return SMALL;
        }
        return width >= 1600 && height >= 1000 ? LARGE : MEDIUM;
    }

    /** The suffix of a divider's name in the window state file ({@code divider.center.small}). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
