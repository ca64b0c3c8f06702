package dev.berth.engine.api;

import dev.berth.engine.api.model.EndpointSettings;
import dev.berth.engine.api.model.Network;
import dev.berth.engine.api.model.NetworkCreateRequest;
import dev.berth.engine.transport.HttpRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Network operations. */
public final class NetworksApi {

    private final EngineCalls calls;

    NetworksApi(EngineCalls calls) {
        this.calls = calls;
    }

    public List<Network> list(Filters filters) {
        return calls.getList("/networks" + Query.of().filters(filters), Network.class, "Listing networks");
    }

    public Network inspect(String id) {
        return calls.get("/networks/" + Query.segment(id), Network.class, "Inspecting network " + id);
    }

    /** The network's inspect document as the engine sent it, every field kept: for showing, not for logic. */
    public Map<String, Object> inspectDocument(String id) {
        return calls.json(HttpRequest.get(calls.path("/networks/" + Query.segment(id))),
                EngineCalls.type(Map.class), "Inspecting network " + id);
    }

    /** Creates a network and returns its id. */
    public String create(NetworkCreateRequest request) {
        JsonNode node = calls.tree(calls.jsonRequest("POST", "/networks/create", request), "Creating network " + request.name());
        return node.get("Id").asString();
    }

    public void remove(String id) {
        calls.call("DELETE", "/networks/" + Query.segment(id), null, "Removing network " + id);
    }

    /** Connects a container; {@code endpoint} may carry aliases and static addresses (or be null). */
    public void connect(String network, String container, EndpointSettings endpoint) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Container", container);
        if (endpoint != null) {
            body.put("EndpointConfig", endpoint);
        }
        calls.call("POST", "/networks/" + Query.segment(network) + "/connect", body, "Connecting " + container + " to " + network);
    }

    public void disconnect(String network, String container, boolean force) {
        calls.call("POST", "/networks/" + Query.segment(network) + "/disconnect", Map.of("Container", container, "Force", force),
                "Disconnecting " + container + " from " + network);
    }

    /** Removes unused networks matching the filters (use label filters: the engine may be shared). */
    public PruneReport prune(Filters filters) {
        JsonNode node = calls.tree(calls.jsonRequest("POST", "/networks/prune" + Query.of().filters(filters), null), "Pruning networks");
        return ContainersApi.report(node, "NetworksDeleted");
    }
}
