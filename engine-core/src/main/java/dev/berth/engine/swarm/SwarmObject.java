package dev.berth.engine.swarm;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/** A secret or a config: name, labels and version; a secret's data never comes back from the engine. */
public record SwarmObject(String id, long version, String name, Map<String, String> labels) {

    static SwarmObject of(JsonNode node) {
        return new SwarmObject(Json.text(node.path("ID")), Json.number(node.path("Version").path("Index")),
                Json.text(node.path("Spec").path("Name")), Json.labels(node.path("Spec").path("Labels")));
    }
}
