package dev.berth.engine.swarm;

import dev.berth.engine.api.EngineRequests;
import dev.berth.engine.api.Filters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/** {@code /nodes}: list, inspect, change a node's availability, role or labels. */
public final class NodesApi {

    private final EngineRequests requests;

    NodesApi(EngineRequests requests) {
        this.requests = requests;
    }

    public List<SwarmNode> list() {
        List<SwarmNode> nodes = new ArrayList<>();
        requests.get("/nodes", "Listing nodes").forEach(node -> nodes.add(SwarmNode.of(node)));
        return nodes;
    }

    public SwarmNode inspect(String idOrName) {
        return SwarmNode.of(document(idOrName));
    }

    /** The node's inspect document as the engine sent it. */
    public JsonNode document(String idOrName) {
        return requests.get("/nodes/" + EngineRequests.segment(idOrName), "Inspecting node " + idOrName);
    }

    /**
     * Reads the node's spec, lets {@code change} edit it (plain maps: {@code Availability}, {@code Role},
     * {@code Labels}), and sends it back at the version read.
     */
    public void update(String idOrName, Consumer<Map<String, Object>> change) {
        JsonNode node = document(idOrName);
        Map<String, Object> spec = Json.plain(node.path("Spec"));
        change.accept(spec);
        requests.send("POST", "/nodes/" + EngineRequests.segment(Json.text(node.path("ID"))) + "/update?version="
                + Json.number(node.path("Version").path("Index")), spec, "Updating node " + idOrName);
    }

    /** Nodes whose filters match ({@code role=worker}…). */
    public List<SwarmNode> list(Filters filters) {
        List<SwarmNode> nodes = new ArrayList<>();
        requests.get("/nodes" + EngineRequests.filters(filters), "Listing nodes").forEach(node -> nodes.add(SwarmNode.of(node)));
        return nodes;
    }
}
