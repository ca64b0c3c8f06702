package dev.berth.engine.swarm;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/** One node of the swarm as {@code /nodes} lists it. {@code managerReachability} is null on workers. */
public record SwarmNode(String id, long version, String hostname, String role, String availability, String state,
        String address, boolean leader, String managerReachability, String engineVersion, Map<String, String> labels,
        Map<String, String> engineLabels) {

    static SwarmNode of(JsonNode node) {
        JsonNode manager = node.path("ManagerStatus");
        return new SwarmNode(Json.text(node.path("ID")), Json.number(node.path("Version").path("Index")),
                Json.text(node.path("Description").path("Hostname")), Json.text(node.path("Spec").path("Role")),
                Json.text(node.path("Spec").path("Availability")), Json.text(node.path("Status").path("State")),
                Json.text(node.path("Status").path("Addr")), manager.path("Leader").asBoolean(false),
                Json.text(manager.path("Reachability")), Json.text(node.path("Description").path("Engine").path("EngineVersion")),
                Json.labels(node.path("Spec").path("Labels")), Json.labels(node.path("Description").path("Engine").path("Labels")));
    }
}
