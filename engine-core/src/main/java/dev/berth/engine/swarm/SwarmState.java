package dev.berth.engine.swarm;

import tools.jackson.databind.JsonNode;

/**
 * This engine's place in a swarm, from {@code /info}'s {@code Swarm} section.
 *
 * @param localState {@code inactive}, {@code pending}, {@code active}, {@code error} or {@code locked}
 * @param manager    whether this node is a manager (only managers answer {@code /services}, {@code /nodes}…)
 */
public record SwarmState(String localState, String nodeId, String nodeAddress, boolean manager, String clusterId,
        long managers, long nodes, String error) {

    public boolean active() {
        return "active".equals(localState);
    }

    static SwarmState of(JsonNode swarm) {
        return new SwarmState(Json.text(swarm.path("LocalNodeState")), emptyToNull(Json.text(swarm.path("NodeID"))),
                emptyToNull(Json.text(swarm.path("NodeAddr"))), swarm.path("ControlAvailable").asBoolean(false),
                Json.text(swarm.path("Cluster").path("ID")), Json.number(swarm.path("Managers")),
                Json.number(swarm.path("Nodes")), emptyToNull(Json.text(swarm.path("Error"))));
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
