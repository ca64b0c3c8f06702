package dev.berth.app.gui.terminal;

import java.util.List;

/** What a terminal tab connects to: a command run by exec in the container, or the container's main process. */
public sealed interface TerminalTarget {

    /** "Open shell": bash when the container has it, else sh (as Docker Desktop's terminal does). */
    static TerminalTarget shell() {
        return new Command(List.of());
    }

    /** "Open shell with…": exactly this command. */
    static TerminalTarget command(List<String> command) {
        return new Command(List.copyOf(command));
    }

    /** "Attach": the container's main process over the engine's attach API. */
    static TerminalTarget attach() {
        return new Attach();
    }

    /** A command run by exec with a TTY; an empty command means "the best shell there is" ({@link ShellChoice}). */
    record Command(List<String> command) implements TerminalTarget {
        public boolean automatic() {
            return command.isEmpty();
        }
    }

    /** The container's main process. */
    record Attach() implements TerminalTarget {}
}
