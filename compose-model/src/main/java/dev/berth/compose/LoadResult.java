package dev.berth.compose;

import dev.berth.compose.model.Project;
import java.util.List;
import java.util.Optional;

/**
 * What {@link ComposeLoader#load} produced: the project when no error was found, and every
 * diagnostic (errors and warnings) in the order they were found.
 */
public record LoadResult(Optional<Project> project, List<Diagnostic> diagnostics) {

    public LoadResult {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }

    public List<Diagnostic> warnings() {
        return diagnostics.stream().filter(d -> !d.isError()).toList();
    }

    /** The project, or an exception listing all errors; for callers that cannot go on without it. */
    public Project orThrow() {
        return project.orElseThrow(() -> new IllegalStateException(
                "compose project did not load:\n" + String.join("\n", errors().stream().map(Diagnostic::toString).toList())));
    }
}
