package dev.berth.app.gui.engine;

import dev.berth.app.gui.feed.ProjectAction;
import dev.berth.app.gui.feed.ProjectSink;
import dev.berth.compose.model.Project;
import dev.berth.engine.compose.ComposeEngine;
import dev.berth.engine.compose.DownOptions;
import dev.berth.engine.compose.UpOptions;
import dev.berth.engine.compose.plan.PlanOptions;
import dev.berth.engine.compose.progress.ProgressEvent;
import dev.berth.engine.compose.progress.ProgressListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs the toolbar's verbs with {@link ComposeEngine} on the injected {@link BackgroundTasks}, each time with the project's
 * remembered invocation loaded afresh (the files may have changed). The orchestrator's progress events
 * become per-service progress on the graph cards and a line in the status bar; errors and warnings are
 * collected and shown with their details when the action ends.
 */
final class ProjectActions {

    private final BackgroundTasks tasks;
    private final Supplier<Optional<ComposeEngine>> engine;
    private final Function<String, Optional<OpenedProject>> definitions;
    private final Runnable afterEach;
    private volatile ProjectSink sink;

    ProjectActions(BackgroundTasks tasks, Supplier<Optional<ComposeEngine>> engine,
                   Function<String, Optional<OpenedProject>> definitions, Runnable afterEach) {
        this.tasks = tasks;
        this.engine = engine;
        this.definitions = definitions;
        this.afterEach = afterEach;
    }

    void sink(ProjectSink target) {
        this.sink = target;
    }

    void run(ProjectAction action, String project, Set<String> services) {
        tasks.run("berth-action-" + action.name().toLowerCase(Locale.ROOT), () -> execute(action, project, services));
    }

    private void execute(ProjectAction action, String project, Set<String> services) {
        ProjectSink target = sink;
        String title = action.title() + " " + project + (services.isEmpty() ? "" : " (" + String.join(", ", services) + ")");
        Optional<ComposeEngine> compose = engine.get();
        if (compose.isEmpty()) {
            target.failure(title + " failed", "Not connected to an engine.");
            return;
        }
        Tracker tracker = new Tracker(target, action);
        target.activity(action.working() + " " + project + "…");
        try {
            Project definition = null;
            try {
                definition = definitions.apply(project).map(OpenedProject::project).orElse(null);
            } catch (RuntimeException e) {
                if (action.needsDefinition()) {
                    throw e;
                }
            }
            if (action.needsDefinition() && definition == null) {
                throw new IllegalStateException("Berth knows " + project + " only from the engine and cannot read its compose files."
                        + " Open its compose file (File > Open) to " + action.title().toLowerCase(Locale.ROOT) + " it.");
            }
            ComposeEngine verbs = compose.get();
            switch (action) {
                case UP -> verbs.up(definition, UpOptions.defaults().withServices(services), tracker);
                case RECREATE -> verbs.up(definition, UpOptions.defaults().withServices(services)
                        .withPlan(PlanOptions.defaults().withRecreate(PlanOptions.RecreatePolicy.FORCE)), tracker);
                case DOWN, DOWN_WITH_VOLUMES -> verbs.down(project, definition,
                        new DownOptions(action == ProjectAction.DOWN_WITH_VOLUMES, DownOptions.RemoveImages.NONE, false, null), tracker);
                case STOP -> verbs.stop(project, services, null, tracker);
                case START -> verbs.start(project, services, tracker);
                case RESTART -> verbs.restart(project, services, null, tracker);
                case PULL -> verbs.pull(definition, services, tracker);
                case BUILD -> verbs.build(definition, services, tracker);
            }
            target.activity(tracker.problems.isEmpty() ? action.title() + " " + project + ": done"
                    : action.title() + " " + project + ": done with warnings");
            if (tracker.hasErrors()) {
                target.failure(title + " reported errors", String.join("\n", tracker.problems));
            }
        } catch (RuntimeException e) {
            target.activity(action.title() + " " + project + ": failed");
            List<String> details = new ArrayList<>();
            details.add(e.getMessage() == null ? e.toString() : e.getMessage());
            details.addAll(tracker.problems);
            target.failure(title + " failed", String.join("\n", details));
        } finally {
            tracker.clear();
            afterEach.run();
        }
    }

    /** Turns progress events into card and status-bar text; keeps warnings and errors for the report. */
    private static final class Tracker implements ProgressListener {
        private final ProjectSink sink;
        private final ProjectAction action;
        private final Set<String> busy = ConcurrentHashMap.newKeySet();
        final List<String> problems = Collections.synchronizedList(new ArrayList<>());
        private volatile boolean errors;

        Tracker(ProjectSink sink, ProjectAction action) {
            this.sink = sink;
            this.action = action;
        }

        @Override
        public void onEvent(ProgressEvent event) {
            String text = event.text() + (event.total() > 0 ? " " + (100 * event.current() / event.total()) + " %" : "");
            if (event.status() == ProgressEvent.Status.ERROR || event.status() == ProgressEvent.Status.WARNING) {
                problems.add(event.id() + ": " + event.text() + (event.detail().isEmpty() ? "" : " — " + event.detail()));
                errors |= event.status() == ProgressEvent.Status.ERROR;
            }
            if (event.service() != null) {
                if (event.status() == ProgressEvent.Status.WORKING) {
                    busy.add(event.service());
                    sink.serviceProgress(event.service(), text);
                } else {
                    busy.remove(event.service());
                    sink.serviceProgress(event.service(), event.status() == ProgressEvent.Status.ERROR ? "failed" : "");
                }
            }
            sink.activity(action.title() + ": " + event.id() + " " + text);
        }

        boolean hasErrors() {
            return errors;
        }

        void clear() {
            busy.forEach(service -> sink.serviceProgress(service, ""));
        }
    }
}
