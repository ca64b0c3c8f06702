package dev.berth.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault 12 of the reliability campaign (docs/RELIABILITY.md): the GUI started where it cannot open a window.
 * Each runs {@code dev.berth.app.Main} with no arguments (what {@code ./berth} execs) in a child JVM and expects
 * exit 1 with one sentence naming what to set or install — before, JavaFX's stack trace.
 */
class GuiLauncherFaultsTest {

    private static final Path GTK = Path.of("/usr/lib/x86_64-linux-gnu/libgtk-3.so.0");

    @TempDir
    Path dir;

    record Run(int exitCode, String err) {}

    private Run gui(Map<String, String> environment, String... prefix) throws Exception {
        List<String> command = new ArrayList<>(List.of(prefix));
        command.addAll(List.of(ProcessHandle.current().info().command().orElseThrow(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "-Dberth.config.dir=" + dir.resolve("config"), "dev.berth.app.Main"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().remove("DISPLAY");
        builder.environment().remove("WAYLAND_DISPLAY");
        builder.environment().putAll(environment);
        Process process = builder.start();
        String err;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            err = String.join("\n", reader.lines().toList());
        }
        boolean ended = process.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        assertThat(ended).as("the launcher must not hang").isTrue();
        return new Run(process.exitValue(), err);
    }

    private static void assertOneSentence(Run run) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).as("one line, no stack trace").doesNotContain("\n").doesNotContain("Exception").startsWith("berth: ")
                .endsWith("or use the command line (./berth --help).");
        System.out.println("fault 12: " + run.err()); // quoted in docs/RELIABILITY.md
    }

    @Test
    void noDisplaySaysSetDisplay() throws Exception {
        Run run = gui(Map.of());
        assertOneSentence(run);
        assertThat(run.err()).contains("DISPLAY is not set").contains("DISPLAY=:0");
    }

    @Test
    void aDisplayNobodyServesIsNamed() throws Exception {
        Run run = gui(Map.of("DISPLAY", ":" + unusedDisplay()));
        assertOneSentence(run);
        assertThat(run.err()).contains("cannot open the display DISPLAY=:").contains("no X server answers");
    }

    /**
     * GTK 3 made unloadable for the child alone: in a private mount namespace (unshare -m) /dev/null is bound
     * over the library file, so the dynamic loader finds it and fails, as on a machine without the package.
     */
    @Test
    void noGtk3NamesThePackage() throws Exception {
        assumeTrue(Files.exists(GTK), "GTK 3 is not at " + GTK + " (another distribution's layout)");
        assumeTrue(new File("/usr/bin/unshare").canExecute() && new File("/usr/bin/Xvfb").canExecute(), "needs unshare and Xvfb");
        assumeTrue(new ProcessBuilder("unshare", "-m", "true").start().waitFor() == 0, "no permission for a private mount namespace");
        int display = unusedDisplay();
        Process xvfb = new ProcessBuilder("Xvfb", ":" + display, "-screen", "0", "640x480x24", "-nolisten", "tcp")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Path socket = Path.of("/tmp/.X11-unix/X" + display);
            for (int i = 0; i < 100 && !Files.exists(socket); i++) {
                Thread.sleep(50);
            }
            assumeTrue(Files.exists(socket), "Xvfb did not start");
            String library = GTK.toRealPath().toString();
            Run run = gui(Map.of("DISPLAY", ":" + display), "unshare", "-m", "sh", "-c",
                    "mount --bind /dev/null '" + library + "' || exit 99; exec \"$@\"", "sh");
            assertOneSentence(run);
            assertThat(run.err()).contains("needs GTK 3").contains("apt-get install libgtk-3-0");
        } finally {
            xvfb.destroy();
            xvfb.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** A display number with no X socket and no lock file. */
    private static int unusedDisplay() {
        for (int n = 170; n < 400; n++) {
            if (!Files.exists(Path.of("/tmp/.X11-unix/X" + n)) && !Files.exists(Path.of("/tmp/.X" + n + "-lock"))) {
                return n;
            }
        }
        throw new IllegalStateException("no free display number");
    }
}
