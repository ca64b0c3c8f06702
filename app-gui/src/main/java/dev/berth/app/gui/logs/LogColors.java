package dev.berth.app.gui.logs;

import java.util.HashMap;
import java.util.Map;
import javafx.scene.layout.Background;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;

/**
 * The log pane's colours, read from the current theme's tokens ({@code -color-chart-1}, {@code
 * -color-danger-fg} …) once per theme instead of through CSS on every piece of text. Log rows set these on
 * their {@code Text} nodes directly: re-styling thousands of text nodes per second through CSS was the
 * biggest cost of a log flood (see docs/PERFORMANCE.md).
 */
final class LogColors {

    /** Source colours: the theme's chart palette. */
    private static final String[] SOURCE_TOKENS = {"-color-chart-1", "-color-chart-2", "-color-chart-3", "-color-chart-4",
            "-color-chart-5", "-color-chart-6", "-color-chart-7", "-color-chart-8"};
    /** The 16 classic ANSI colours mapped onto theme tokens so they read well in light and dark. */
    private static final String[] ANSI_TOKENS = {"-color-fg-subtle", "-color-danger-fg", "-color-success-fg",
            "-color-warning-fg", "-color-accent-fg", "-color-chart-6", "-color-chart-4", "-color-fg-default",
            "-color-fg-muted", "-color-danger-emphasis", "-color-success-emphasis", "-color-warning-emphasis",
            "-color-accent-emphasis", "-color-chart-6", "-color-chart-4", "-color-fg-default"};
    private static final String DEFAULT_TOKEN = "-color-fg-default";
    private static final String MUTED_TOKEN = "-color-fg-subtle";

    private final Map<String, Color> resolved = new HashMap<>();

    /** Reads every token through probe regions living in {@code host} (which must be in a styled scene). */
    void resolve(Pane host) {
        Map<String, Region> probes = new HashMap<>();
        for (String token : allTokens()) {
            Region probe = new Region();
            probe.setStyle("-fx-background-color: " + token + ";");
            probe.setManaged(false);
            probe.setVisible(false);
            probes.put(token, probe);
        }
        host.getChildren().addAll(probes.values());
        host.applyCss();
        resolved.clear();
        probes.forEach((token, probe) -> {
            Background background = probe.getBackground();
            Paint fill = background == null || background.getFills().isEmpty() ? null : background.getFills().getFirst().getFill();
            if (fill instanceof Color color) {
                resolved.put(token, color);
            }
        });
        host.getChildren().removeAll(probes.values());
    }

    Color foreground() {
        return token(DEFAULT_TOKEN, Color.rgb(36, 41, 47));
    }

    Color muted() {
        return token(MUTED_TOKEN, Color.GRAY);
    }

    Color source(int slot) {
        return token(SOURCE_TOKENS[Math.floorMod(slot, SOURCE_TOKENS.length)], Color.STEELBLUE);
    }

    Color ansi(int code) {
        return token(ANSI_TOKENS[code], foreground());
    }

    private Color token(String token, Color fallback) {
        return resolved.getOrDefault(token, fallback);
    }

    private static String[] allTokens() {
        String[] all = new String[SOURCE_TOKENS.length + ANSI_TOKENS.length + 2];
        System.arraycopy(SOURCE_TOKENS, 0, all, 0, SOURCE_TOKENS.length);
        System.arraycopy(ANSI_TOKENS, 0, all, SOURCE_TOKENS.length, ANSI_TOKENS.length);
        all[all.length - 2] = DEFAULT_TOKEN;
        all[all.length - 1] = MUTED_TOKEN;
        return all;
    }
}
