package dev.berth.engine.compose;

import dev.berth.compose.graph.ServiceGraph;
import dev.berth.compose.model.Project;
import dev.berth.compose.model.ServiceSpec;
import dev.berth.engine.api.EngineApiException;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.compose.plan.DesiredState;
import dev.berth.engine.compose.plan.ObservedState;
import dev.berth.engine.compose.plan.Plan;
import dev.berth.engine.compose.plan.Planner;
import dev.berth.engine.compose.progress.ProgressEvent;
import dev.berth.engine.compose.progress.ProgressListener;
import dev.berth.engine.compose.progress.ResourceKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.FutureTask;

/**
 * {@code up} (observe → plan → execute), its preview ({@code up --dry-run}), and the image verbs that prepare
 * what {@code up} runs ({@code build}, {@code pull}). Works from a loaded project.
 */
final class ComposeUp {

    private final EngineClient engine;

    ComposeUp(EngineClient engine) {
        this.engine = engine;
    }

    /** What {@code up} would do now, without pulling or building anything. */
    Plan plan(Project project, UpOptions options) {
        DesiredState desired = DesiredStates.of(project, options.services(), currentImageIds(project));
        return Planner.plan(desired, observe(project), options.plan());
    }

    /** Brings the project to its desired state; returns the plan that was executed. */
    Plan up(Project project, UpOptions options, ProgressListener progress) {
        try {
            List<String> services = options.services().isEmpty()
                    ? new ArrayList<>(project.services().keySet())
                    : ServiceGraph.of(project).withDependencies(options.services());
            // Reading what exists does not depend on the images: it overlaps their inspection (or pull, or build).
            FutureTask<ObservedState> observing = new FutureTask<>(() -> observe(project));
            Thread.ofVirtual().name("berth-observe").start(observing);
            Map<String, String> imageIds = new ImagePreparer(engine, project, progress).prepare(services, options);
            DesiredState desired = DesiredStates.of(project, options.services(), imageIds);
            ObservedState observed = BackgroundResults.join(observing, "reading the project's state");
            Plan plan = Planner.plan(desired, observed, options.plan());
            plan.warnings().forEach(warning -> progress.onEvent(
                    ProgressEvent.warning(ResourceKind.PROJECT, project.name(), null, "Warning", warning)));
            new PlanExecutor(engine, project, progress, options).execute(plan);
            return plan;
        } finally {
            progress.finish();
        }
    }

    /** Builds the images of services with a {@code build:} section. */
    void build(Project project, Set<String> services, ProgressListener progress) {
        try {
            ImagePreparer images = new ImagePreparer(engine, project, progress);
            for (ServiceSpec service : selected(project, services)) {
                if (service.build() != null) {
                    images.build(service, ContainerRequests.imageOf(project, service));
                }
            }
        } finally {
            progress.finish();
        }
    }

    /** Pulls the images of services that name one (services that only build are skipped). */
    void pull(Project project, Set<String> services, ProgressListener progress) {
        try {
            ImagePreparer images = new ImagePreparer(engine, project, progress);
            for (ServiceSpec service : selected(project, services)) {
                if (service.image() != null && !"build".equals(service.pullPolicy())) {
                    images.pull(service, service.image());
                }
            }
        } finally {
            progress.finish();
        }
    }

    private ObservedState observe(Project project) {
        List<String> externalNetworks = project.networks().values().stream().filter(n -> n.external()).map(n -> n.name()).toList();
        List<String> externalVolumes = project.volumes().values().stream().filter(v -> v.external()).map(v -> v.name()).toList();
        return ObservedStates.read(engine, project.name(), externalNetworks, externalVolumes);
    }

    private Map<String, String> currentImageIds(Project project) {
        Map<String, String> ids = new HashMap<>();
        for (ServiceSpec service : project.services().values()) {
            try {
                ids.put(service.name(), engine.images().inspect(ContainerRequests.imageOf(project, service)).id());
            } catch (EngineApiException e) {
                if (!e.isNotFound()) {
                    throw e;
                }
            }
        }
        return ids;
    }

    private static List<ServiceSpec> selected(Project project, Set<String> services) {
        return project.services().values().stream()
                .filter(service -> services.isEmpty() || services.contains(service.name())).toList();
    }
}
