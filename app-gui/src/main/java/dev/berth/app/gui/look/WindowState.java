package dev.berth.app.gui.look;

import java.util.Map;

/**
 * What Berth remembers of its window between runs: bounds, maximised, divider positions by name, and the
 * theme choice. NaN x/y mean "let the window manager place it".
 */
public record WindowState(double x, double y, double width, double height, boolean maximized,
                          Map<String, double[]> dividers, ThemeMode theme) {

    public static final WindowState DEFAULT = new WindowState(Double.NaN, Double.NaN, 1280, 800, false, Map.of(), ThemeMode.SYSTEM);

    public WindowState {
        dividers = Map.copyOf(dividers);
    }

    public boolean hasPosition() {
        return !Double.isNaN(x) && !Double.isNaN(y);
    }
}
