package dev.berth.app.gui.engine;

import dev.berth.app.gui.feed.ProjectSink;
import dev.berth.app.gui.logs.LogLine;
import dev.berth.compose.model.Project;
import dev.berth.engine.compose.ComposeEngine;
import dev.berth.engine.compose.watch.ComposeWatch;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The window's Watch toggle: one {@link ComposeWatch} per watched project (as {@code berth watch --no-up}),
 * started and stopped on the background tasks. What it does goes to the log view as lines from
 * {@code watch} (failures on stderr) and to the status bar; a watch that cannot start (no develop.watch,
 * the files unreadable) is reported and the toggle turned back off through {@link ProjectSink#watching}.
 */
final class ComposeWatches implements AutoCloseable {

    static final String LOG_SOURCE = "watch";

    private final BackgroundTasks tasks;
    private final Supplier<Optional<ComposeEngine>> engine;
    private final Function<String, Optional<OpenedProject>> definitions;
    private final Supplier<String> selectedProject;
    private final Map<String, ComposeWatch> running = new ConcurrentHashMap<>();

    /** @param selectedProject the project the window shows: only its watch writes into the log view */
    ComposeWatches(BackgroundTasks tasks, Supplier<Optional<ComposeEngine>> engine, Function<String, Optional<OpenedProject>> definitions,
                   Supplier<String> selectedProject) {
        this.tasks = tasks;
        this.engine = engine;
        this.definitions = definitions;
        this.selectedProject = selectedProject;
    }

    void set(String project, boolean on, ProjectSink sink) {
        tasks.run("berth-watch-" + (on ? "start" : "stop"), () -> {
            if (on) {
                start(project, sink);
            } else {
                stop(project, sink);
            }
        });
    }

    boolean watching(String project) {
        return running.containsKey(project);
    }

    private void start(String project, ProjectSink sink) {
        if (running.containsKey(project)) {
            return;
        }
        try {
            ComposeEngine compose = engine.get().orElseThrow(() -> new IllegalStateException("Not connected to an engine."));
            Project definition = definitions.apply(project).map(OpenedProject::project).orElseThrow(() -> new IllegalStateException(
                    "Berth knows " + project + " only from the engine: open its compose file to watch it."));
            ComposeWatch watch = new ComposeWatch(compose, definition, Set.of(), ComposeWatch.QUIET_PERIOD, event -> {
                boolean failed = event.kind() == ComposeWatch.WatchEvent.Kind.FAILED;
                if (!project.equals(selectedProject.get())) {
                    // the log view shows the selected project's lines; another project's watch only reports failures
                    if (failed) {
                        sink.activity("Watch " + project + ": " + event.message());
                    }
                    return;
                }
                sink.logLine(new LogLine(LOG_SOURCE, event.at(), failed ? LogLine.Stream.STDERR : LogLine.Stream.STDOUT, event.message()));
                sink.activity("Watch: " + event.message());
            });
            running.put(project, watch.start());
            sink.watching(project, true);
            sink.activity("Watching " + project + ": changes are synced to its containers");
        } catch (Exception e) {
            sink.watching(project, false);
            sink.failure("Cannot watch " + project, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private void stop(String project, ProjectSink sink) {
        ComposeWatch watch = running.remove(project);
        if (watch != null) {
            watch.close();
            sink.activity("Stopped watching " + project);
        }
        sink.watching(project, false);
    }

    @Override
    public void close() {
        running.values().forEach(ComposeWatch::close);
        running.clear();
    }
}
