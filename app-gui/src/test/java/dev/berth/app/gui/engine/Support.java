package dev.berth.app.gui.engine;

import dev.berth.engine.api.ContainersApi.ListOptions;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.api.Filters;
import dev.berth.engine.compose.ComposeEngine;
import dev.berth.engine.compose.ComposeLabels;
import dev.berth.engine.compose.DownOptions;
import dev.berth.engine.compose.progress.ProgressListener;
import dev.berth.testkit.TestEngine;

/** Engine housekeeping for the GUI's integration tests: only ever touches the test's own project. */
final class Support {

    private Support() {}

    static EngineClient client() {
        return EngineClient.connect(new EngineEndpoint.Unix(TestEngine.socket()));
    }

    static int containersOf(String project) {
        try (EngineClient client = client()) {
            return client.containers().list(ListOptions.allContainers()
                    .withFilters(Filters.none().label(ComposeLabels.projectFilter(project)))).size();
        }
    }

    /** Removes what a test left behind (containers, networks, volumes of its project). */
    static void removeProject(String project) {
        try (EngineClient client = client()) {
            new ComposeEngine(client).down(project, null, new DownOptions(true, DownOptions.RemoveImages.NONE, true, java.time.Duration.ZERO),
                    ProgressListener.NONE);
        } catch (RuntimeException e) {
            System.err.println("cleanup of " + project + " failed: " + e);
        }
    }
}
