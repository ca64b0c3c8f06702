package dev.berth.engine.swarm;

import dev.berth.engine.api.EngineRequests;
import dev.berth.engine.api.Filters;
import java.util.ArrayList;
import java.util.List;

/** {@code /tasks}: the slots the managers schedule, with their node, desired and current state, and error. */
public final class TasksApi {

    private final EngineRequests requests;

    TasksApi(EngineRequests requests) {
        this.requests = requests;
    }

    /** Tasks matching the filters ({@code service=ID}, {@code desired-state=running}, {@code node=ID}…). */
    public List<SwarmTask> list(Filters filters) {
        List<SwarmTask> tasks = new ArrayList<>();
        requests.get("/tasks" + EngineRequests.filters(filters), "Listing tasks").forEach(node -> tasks.add(SwarmTask.of(node)));
        return tasks;
    }
}
