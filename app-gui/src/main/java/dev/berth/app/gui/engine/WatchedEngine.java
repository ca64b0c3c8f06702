package dev.berth.app.gui.engine;

import dev.berth.engine.api.ContainersApi.ListOptions;
import dev.berth.engine.api.ContainersApi.LogsOptions;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.Filters;
import dev.berth.engine.api.model.ContainerInspect;
import dev.berth.engine.api.model.ContainerStats;
import dev.berth.engine.api.model.TopResult;
import dev.berth.engine.compose.ComposeLabels;
import dev.berth.engine.compose.ObservedStates;
import dev.berth.engine.compose.ServiceContainer;
import dev.berth.engine.stream.EngineStream;
import dev.berth.engine.stream.OutputLine;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The engine calls a {@link ProjectWatch} makes, and nothing more: the real one is {@link #of(EngineClient)},
 * tests script a fake one (listings, inspect results, log and stats streams) to drive the watch without an engine.
 */
interface WatchedEngine {

    /** Every container (running or not, one-off ones too) with the project's label, typed once here. */
    List<ServiceContainer> containers(String project);

    /** The project's containers among {@code ids} (the engine's listing filtered by id): those not returned are gone. */
    List<ServiceContainer> containers(String project, Collection<String> ids);

    ContainerInspect inspect(String id);

    /** The inspect document as the engine sent it, every key as it is (for showing it). */
    Map<String, Object> inspectDocument(String id);

    EngineStream<OutputLine> logs(String id, LogsOptions options);

    EngineStream<ContainerStats> stats(String id);

    TopResult top(String id);

    static WatchedEngine of(EngineClient client) {
        return new WatchedEngine() {
            @Override
            public List<ServiceContainer> containers(String project) {
                return ObservedStates.serviceContainers(client, project);
            }

            @Override
            public List<ServiceContainer> containers(String project, Collection<String> ids) {
                Filters filters = Filters.none().label(ComposeLabels.projectFilter(project));
                for (String id : ids) {
                    filters = filters.with("id", id);
                }
                return client.containers().list(ListOptions.allContainers().withFilters(filters)).stream().map(ServiceContainer::of).toList();
            }

            @Override
            public ContainerInspect inspect(String id) {
                return client.containers().inspect(id);
            }

            @Override
            public Map<String, Object> inspectDocument(String id) {
                return client.containers().inspectDocument(id);
            }

            @Override
            public EngineStream<OutputLine> logs(String id, LogsOptions options) {
                return client.containers().logs(id, options);
            }

            @Override
            public EngineStream<ContainerStats> stats(String id) {
                return client.containers().stats(id);
            }

            @Override
            public TopResult top(String id) {
                return client.containers().top(id, null);
            }
        };
    }
}
