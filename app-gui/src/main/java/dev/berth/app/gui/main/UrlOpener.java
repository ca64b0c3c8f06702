package dev.berth.app.gui.main;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Opens a web address with the desktop's handler ({@code xdg-open}, macOS {@code open}, Windows' URL handler)
 * off the UI thread, and says why when it cannot — no handler installed, no desktop session, the handler
 * failed — so the window can show the address to copy instead of failing silently (JavaFX's
 * {@code HostServices.showDocument} gives no answer).
 */
public final class UrlOpener {

    private static final long WAIT_SECONDS = 5;

    private final Map<String, String> environment;
    private final String os;
    private final Executor background;

    /** @param osName {@code System.getProperty("os.name")} */
    public UrlOpener(Map<String, String> environment, String osName, Executor background) {
        this.environment = Map.copyOf(environment);
        this.os = osName.toLowerCase(Locale.ROOT);
        this.background = background;
    }

    /** Opens {@code url}; on failure {@code cannotOpen} gets the address and a sentence saying why (on the background thread). */
    public void open(String url, BiConsumer<String, String> cannotOpen) {
        background.execute(() -> tryOpen(url).ifPresent(why -> cannotOpen.accept(url, why)));
    }

    /** Runs the handler and waits a little for its verdict; empty when it opened (or is still opening) the address. */
    Optional<String> tryOpen(String url) {
        List<String> command;
        if (os.contains("win")) {
            command = List.of("rundll32", "url.dll,FileProtocolHandler", url);
        } else if (os.contains("mac")) {
            command = List.of("open", url);
        } else {
            if (blank("DISPLAY") && blank("WAYLAND_DISPLAY")) {
                return Optional.of("There is no desktop session (DISPLAY and WAYLAND_DISPLAY are unset) to open a browser in.");
            }
            Optional<Path> xdgOpen = onPath("xdg-open");
            if (xdgOpen.isEmpty()) {
                return Optional.of("No program to open web addresses was found: xdg-open is not installed"
                        + " (Debian/Ubuntu: sudo apt-get install xdg-utils).");
            }
            command = List.of(xdgOpen.get().toString(), url);
        }
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                return Optional.empty(); // still starting a browser: that is success
            }
            if (process.exitValue() == 0) {
                return Optional.empty();
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            String first = output.lines().findFirst().orElse("");
            return Optional.of(command.getFirst() + " could not open it (exit code " + process.exitValue() + ")"
                    + (first.isEmpty() ? "." : ": " + first));
        } catch (IOException e) {
            return Optional.of("Cannot run " + command.getFirst() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private boolean blank(String variable) {
        String value = environment.get(variable);
        return value == null || value.isBlank();
    }

    private Optional<Path> onPath(String program) {
        String path = environment.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isBlank()) {
                Path candidate = Path.of(dir, program);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
