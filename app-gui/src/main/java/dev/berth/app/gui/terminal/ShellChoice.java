package dev.berth.app.gui.terminal;

import dev.berth.compose.load.ShellWords;
import dev.berth.engine.api.EngineClient;
import java.util.List;

/**
 * Which shell "Open shell" runs: bash when the container has one, else sh, as Docker Desktop's terminal does.
 * Whether bash is there is asked by running it ({@code bash -c "exit 0"}, no TTY): the engine answers exit
 * code 126 or 127 ("executable file not found") when it is missing. Asking by running works in any image,
 * also in one without sh (a {@code sh -c "command -v bash"} test would need sh) or with bash off the PATH's
 * usual folders. The probe costs one exec round trip (tens of milliseconds) before the terminal opens.
 */
public final class ShellChoice {

    public static final List<String> BASH = List.of("bash");
    public static final List<String> SH = List.of("sh");

    private ShellChoice() {}

    /** bash or sh for {@code container} (blocking: call it off the UI thread). */
    public static List<String> choose(EngineClient client, String container) {
        try {
            return client.exec().run(container, List.of("bash", "-c", "exit 0")).exitCode() == 0 ? BASH : SH;
        } catch (RuntimeException e) {
            return SH; // the engine refused the exec itself: sh is the one to try (and to report failing)
        }
    }

    /**
     * A command line as the user typed it into "Open shell with…", split into words the way a shell would for
     * the simple cases: spaces separate, single and double quotes group, a backslash escapes the next character.
     * No expansion: the words go to the engine's exec as they are (write {@code sh -c '…'} for shell syntax).
     *
     * @throws IllegalArgumentException on an unclosed quote
     */
    public static List<String> words(String line) {
        return ShellWords.splitStrict(line); // the same splitting as a compose file's string command
    }
}
