package dev.berth.engine.stack;

import dev.berth.compose.Diagnostic;
import dev.berth.engine.api.EngineException;
import java.util.List;
import java.util.stream.Collectors;

/** A stack operation that cannot go on; the message lists every error with its position. */
public final class StackException extends EngineException {

    private final List<Diagnostic> diagnostics;

    public StackException(String message) {
        super(message);
        this.diagnostics = List.of();
    }

    public StackException(String what, List<Diagnostic> diagnostics) {
        super(what + ":\n" + diagnostics.stream().filter(Diagnostic::isError).map(Diagnostic::toString)
                .collect(Collectors.joining("\n")));
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
