package dev.berth.app.gui.look;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Whether the desktop prefers a dark theme, on Linux: {@code GTK_THEME} naming a dark variant, else GNOME's
 * {@code color-scheme} setting ({@code prefer-dark}), else its GTK theme name. Runs a process, so callers
 * run it off the FX thread. The environment and the command runner are injected so tests need neither.
 */
public final class SystemThemeDetector {

    /** Runs a command and returns its standard output, or empty when it is missing, fails or times out. */
    @FunctionalInterface
    public interface CommandRunner {
        Optional<String> run(List<String> command, Duration timeout);
    }

    private final Map<String, String> environment;
    private final CommandRunner runner;

    public SystemThemeDetector(Map<String, String> environment, CommandRunner runner) {
        this.environment = environment;
        this.runner = runner;
    }

    public static SystemThemeDetector forThisDesktop() {
        return new SystemThemeDetector(System.getenv(), SystemThemeDetector::runProcess);
    }

    public boolean prefersDark() {
        String gtkTheme = environment.getOrDefault("GTK_THEME", "");
        if (!gtkTheme.isBlank()) {
            return gtkTheme.toLowerCase(Locale.ROOT).contains("dark");
        }
        Optional<String> scheme = runner.run(List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme"), Duration.ofSeconds(2));
        if (scheme.isPresent() && scheme.get().contains("prefer-dark")) {
            return true;
        }
        if (scheme.isPresent() && scheme.get().contains("prefer-light")) {
            return false;
        }
        return runner.run(List.of("gsettings", "get", "org.gnome.desktop.interface", "gtk-theme"), Duration.ofSeconds(2))
                .map(name -> name.toLowerCase(Locale.ROOT).contains("dark"))
                .orElse(false);
    }

    private static Optional<String> runProcess(List<String> command, Duration timeout) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            try (InputStream out = process.getInputStream()) {
                String text = new String(out.readAllBytes(), StandardCharsets.UTF_8).strip();
                return process.exitValue() == 0 ? Optional.of(text) : Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty(); // no gsettings here: not a GNOME desktop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
