package dev.berth.app.gui.look;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Reads and writes {@link WindowState} as a small properties file (by default
 * {@code ~/.config/berth/window.properties}; the path is injected so tests use a temporary directory). A
 * missing or damaged file gives the defaults: losing a window position must never stop Berth starting.
 */
public final class WindowStateStore {

    private final Path file;

    public WindowStateStore(Path file) {
        this.file = file;
    }

    /** {@code $XDG_CONFIG_HOME/berth/window.properties}, or under {@code ~/.config}. */
    public static Path defaultFile() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path config = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return config.resolve("berth").resolve("window.properties");
    }

    public Path file() {
        return file;
    }

    public WindowState load() {
        if (!Files.isRegularFile(file)) {
            return WindowState.DEFAULT;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return WindowState.DEFAULT;
        }
        Map<String, double[]> dividers = new LinkedHashMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("divider.")) {
                double[] positions = parseList(p.getProperty(key));
                if (positions != null) {
                    dividers.put(key.substring("divider.".length()), positions);
                }
            }
        }
        WindowState d = WindowState.DEFAULT;
        double width = number(p, "width", d.width());
        double height = number(p, "height", d.height());
        return new WindowState(number(p, "x", d.x()), number(p, "y", d.y()),
                width >= 200 ? width : d.width(), height >= 150 ? height : d.height(),
                Boolean.parseBoolean(p.getProperty("maximized", "false")), dividers, theme(p.getProperty("theme")));
    }

    /** Writes atomically (temp file + move), so a crash mid-write leaves the old file. */
    public void save(WindowState state) throws IOException {
        Map<String, String> values = new TreeMap<>();
        if (state.hasPosition()) {
            values.put("x", Double.toString(state.x()));
            values.put("y", Double.toString(state.y()));
        }
        values.put("width", Double.toString(state.width()));
        values.put("height", Double.toString(state.height()));
        values.put("maximized", Boolean.toString(state.maximized()));
        values.put("theme", state.theme().name());
        state.dividers().forEach((name, positions) -> values.put("divider." + name,
                String.join(",", Arrays.stream(positions).mapToObj(Double::toString).toList())));
        Properties p = new Properties();
        p.putAll(values);
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            p.store(out, "Berth window state");
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static double number(Properties p, String key, double fallback) {
        try {
            String value = p.getProperty(key);
            return value == null ? fallback : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static double[] parseList(String text) {
        try {
            return Arrays.stream(text.split(",")).map(String::strip).mapToDouble(Double::parseDouble)
                    .filter(v -> v >= 0 && v <= 1).toArray();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static ThemeMode theme(String name) {
        try {
            return name == null ? ThemeMode.SYSTEM : ThemeMode.valueOf(name);
        } catch (IllegalArgumentException e) {
            return ThemeMode.SYSTEM;
        }
    }
}
