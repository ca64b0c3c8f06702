package dev.berth.engine.swarm;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * One task: a slot of a service on a node. {@code slot} is 0 for global services (their tasks are per node).
 *
 * @param state   the current state ({@code new} … {@code running}, {@code complete}, {@code failed}, {@code shutdown},
 *                {@code rejected}, {@code orphaned}, {@code remove})
 * @param error   why it failed or was rejected; null otherwise
 */
public record SwarmTask(String id, long version, String serviceId, String nodeId, long slot, String desiredState,
        String state, String message, String error, String image, String containerId, Instant timestamp) {

    public boolean running() {
        return "running".equals(state);
    }

    static SwarmTask of(JsonNode node) {
        JsonNode status = node.path("Status");
        String timestamp = Json.text(status.path("Timestamp"));
        return new SwarmTask(Json.text(node.path("ID")), Json.number(node.path("Version").path("Index")),
                Json.text(node.path("ServiceID")), Json.text(node.path("NodeID")), Json.number(node.path("Slot")),
                Json.text(node.path("DesiredState")), Json.text(status.path("State")), Json.text(status.path("Message")),
                Json.text(status.path("Err")), Json.text(node.path("Spec").path("ContainerSpec").path("Image")),
                Json.text(status.path("ContainerStatus").path("ContainerID")),
                timestamp == null ? null : Instant.parse(timestamp));
    }
}
