package dev.berth.engine.compose;

import dev.berth.compose.model.Project;
import dev.berth.compose.model.ServiceSpec;
import dev.berth.engine.api.EngineApiException;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.Filters;
import dev.berth.engine.api.model.Network;
import dev.berth.engine.api.model.Volume;
import dev.berth.engine.compose.progress.ProgressEvent;
import dev.berth.engine.compose.progress.ProgressListener;
import dev.berth.engine.compose.progress.ResourceKind;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code down}: stops and removes a project's containers, then its networks, its volumes with {@code -v}
 * and its images with {@code --rmi}. Works from the engine's labels alone, so a project started by
 * {@code docker compose} goes down without its compose file. Each service is stopped as soon as no running
 * service depends on it and removed right after, so independent services never wait for each other's stop
 * timeout.
 */
final class ComposeDown {

    private final EngineClient engine;
    private final CallLimit calls = CallLimit.standard();

    ComposeDown(EngineClient engine) {
        this.engine = engine;
    }

    /**
     * @param project    the project name
     * @param definition the loaded project when there is one (for orphans and --rmi), else null
     */
    void down(String project, Project definition, DownOptions options, ProgressListener progress) {
        try {
            List<ServiceContainer> containers = calls.call(() -> ObservedStates.serviceContainers(engine, project));
            warnAboutOrphans(project, definition, options, containers, progress);
            new ServiceContainers(containers).stop(engine, calls, options.timeout(), progress, container -> {
                progress.onEvent(ProgressEvent.working(ResourceKind.CONTAINER, container.name(), container.service(), "Removing"));
                calls.runIgnoringNotFound(() -> engine.containers().remove(container.id(), true, options.removeVolumes()));
                progress.onEvent(ProgressEvent.done(ResourceKind.CONTAINER, container.name(), container.service(), "Removed"));
            });
            removeNetworks(project, progress);
            if (options.removeVolumes()) {
                removeVolumes(project, progress);
            }
            if (options.removeImages() != DownOptions.RemoveImages.NONE) {
                removeImages(project, definition, containers, options.removeImages(), progress);
            }
        } finally {
            progress.finish();
        }
    }

    private static void warnAboutOrphans(String project, Project definition, DownOptions options,
                                         List<ServiceContainer> containers, ProgressListener progress) {
        if (definition == null || options.removeOrphans()) {
            return;
        }
        Set<String> known = new HashSet<>(definition.services().keySet());
        known.addAll(definition.disabledServices().keySet());
        List<String> orphans = containers.stream().filter(c -> !known.contains(c.service())).map(ServiceContainer::name).toList();
        if (!orphans.isEmpty()) {
            progress.onEvent(ProgressEvent.warning(ResourceKind.PROJECT, project, null, "Warning",
                    "Found orphan containers (" + String.join(", ", orphans)
                            + ") for this project; they are removed too. Use --remove-orphans to silence this."));
        }
    }

    private void removeNetworks(String project, ProgressListener progress) {
        for (Network network : calls.call(() -> engine.networks().list(Filters.none().label(ComposeLabels.projectFilter(project))))) {
            progress.onEvent(ProgressEvent.working(ResourceKind.NETWORK, network.name(), null, "Removing"));
            try {
                calls.run(() -> engine.networks().remove(network.id()));
                progress.onEvent(ProgressEvent.done(ResourceKind.NETWORK, network.name(), null, "Removed"));
            } catch (EngineApiException e) {
                if (!e.isNotFound()) {
                    progress.onEvent(ProgressEvent.warning(ResourceKind.NETWORK, network.name(), null, "Kept", e.engineMessage()));
                }
            }
        }
    }

    private void removeVolumes(String project, ProgressListener progress) {
        for (Volume volume : calls.call(() -> engine.volumes().list(Filters.none().label(ComposeLabels.projectFilter(project))))) {
            progress.onEvent(ProgressEvent.working(ResourceKind.VOLUME, volume.name(), null, "Removing"));
            try {
                calls.run(() -> engine.volumes().remove(volume.name(), false));
                progress.onEvent(ProgressEvent.done(ResourceKind.VOLUME, volume.name(), null, "Removed"));
            } catch (EngineApiException e) {
                if (!e.isNotFound()) {
                    progress.onEvent(ProgressEvent.warning(ResourceKind.VOLUME, volume.name(), null, "Kept", e.engineMessage()));
                }
            }
        }
    }

    private void removeImages(String project, Project definition, List<ServiceContainer> containers,
                              DownOptions.RemoveImages which, ProgressListener progress) {
        Set<String> images = new LinkedHashSet<>();
        if (definition != null) {
            for (ServiceSpec service : definition.services().values()) {
                if (which == DownOptions.RemoveImages.ALL || service.image() == null) {
                    images.add(ContainerRequests.imageOf(definition, service));
                }
            }
        } else {
            for (ServiceContainer container : containers) {
                String image = container.image();
                if (which == DownOptions.RemoveImages.ALL || image.equals(ResourceNames.builtImageName(project, container.service()))) {
                    images.add(image);
                }
            }
        }
        for (String image : images) {
            progress.onEvent(ProgressEvent.working(ResourceKind.IMAGE, image, null, "Removing"));
            try {
                calls.run(() -> engine.images().remove(image, false, false));
                progress.onEvent(ProgressEvent.done(ResourceKind.IMAGE, image, null, "Removed"));
            } catch (EngineApiException e) {
                progress.onEvent(e.isNotFound() ? ProgressEvent.done(ResourceKind.IMAGE, image, null, "Removed")
                        : ProgressEvent.warning(ResourceKind.IMAGE, image, null, "Kept", e.engineMessage()));
            }
        }
    }
}
