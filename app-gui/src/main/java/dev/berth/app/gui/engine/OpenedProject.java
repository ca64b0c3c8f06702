package dev.berth.app.gui.engine;

import dev.berth.app.workspace.ProjectInvocation;
import dev.berth.compose.ComposeLoader;
import dev.berth.compose.Diagnostic;
import dev.berth.compose.LoadResult;
import dev.berth.compose.model.Project;
import java.util.Map;
import java.util.stream.Collectors;

/** A project the user opened: how (its invocation, reused for every action) and what it loaded to last time. */
record OpenedProject(ProjectInvocation invocation, Project project) {

    /** Loads the compose files of {@code invocation}; throws with every error diagnostic when they do not load. */
    static OpenedProject load(ProjectInvocation invocation, Map<String, String> environment) {
        if (invocation.files().isEmpty()) {
            throw new IllegalArgumentException("No compose file (compose.yaml, docker-compose.yml, …) in " + invocation.projectDirectory());
        }
        LoadResult result = ComposeLoader.load(invocation.toOptions(environment));
        if (result.hasErrors() || result.project().isEmpty()) {
            throw new IllegalArgumentException(result.errors().stream().map(Diagnostic::toString).collect(Collectors.joining("\n")));
        }
        return new OpenedProject(invocation, result.project().get());
    }

    /** The same invocation loaded again: the files may have changed since the last action. */
    OpenedProject reload(Map<String, String> environment) {
        return load(invocation, environment);
    }

    String name() {
        return project.name();
    }
}
