package dev.berth.engine.swarm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One swarm service: its id and version (an update must name the version it changes), its spec as the engine
 * holds it (a tree: the spec is large and grows with every API version, so only what Berth reads is typed), and
 * its task counts from {@code ?status=true}.
 *
 * @param updateState {@code updating}, {@code paused}, {@code completed}, {@code rollback_started},
 *                    {@code rollback_paused}, {@code rollback_completed}; null before the first update
 */
public record SwarmService(String id, long version, String name, Map<String, String> labels, JsonNode spec,
        long runningTasks, long desiredTasks, String updateState, String updateMessage, JsonNode endpointPorts) {

    /** {@code replicated}, {@code global}, {@code replicated-job} or {@code global-job}. */
    public String mode() {
        JsonNode mode = spec.path("Mode");
        if (mode.has("Global")) {
            return "global";
        }
        if (mode.has("ReplicatedJob")) {
            return "replicated-job";
        }
        if (mode.has("GlobalJob")) {
            return "global-job";
        }
        return "replicated";
    }

    /** The replicas asked for (replicated mode), else -1. */
    public long replicas() {
        JsonNode replicated = spec.path("Mode").path("Replicated");
        return replicated.isMissingNode() ? -1 : Json.number(replicated.path("Replicas"));
    }

    public String image() {
        return Json.text(spec.path("TaskTemplate").path("ContainerSpec").path("Image"));
    }

    static SwarmService of(JsonNode node) {
        JsonNode spec = node.path("Spec");
        JsonNode status = node.path("ServiceStatus");
        JsonNode update = node.path("UpdateStatus");
        return new SwarmService(Json.text(node.path("ID")), Json.number(node.path("Version").path("Index")),
                Json.text(spec.path("Name")), Json.labels(spec.path("Labels")), spec, Json.number(status.path("RunningTasks")),
                Json.number(status.path("DesiredTasks")), Json.text(update.path("State")), Json.text(update.path("Message")),
                node.path("Endpoint").path("Ports"));
    }

    /** An image name without the digest a deploy pinned it to ({@code web:1@sha256:…} → {@code web:1}), as tables show it. */
    public static String withoutDigest(String image) {
        if (image == null) {
            return "";
        }
        int at = image.indexOf('@');
        return at < 0 ? image : image.substring(0, at);
    }

    /**
     * Published ports as {@code docker service ls} writes them, {@code *:8080->80/tcp}; ports published in host
     * mode are not in the endpoint (no routing mesh), so they come from the spec.
     */
    public String publishedPorts() {
        JsonNode ports = endpointPorts;
        if (ports == null || ports.isMissingNode() || ports.isEmpty()) {
            ports = spec.path("EndpointSpec").path("Ports");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode port : ports) {
            long published = port.path("PublishedPort").asLong(0);
            String target = port.path("TargetPort").asLong(0) + "/" + port.path("Protocol").asString("tcp");
            out.add(published == 0 ? target : "*:" + published + "->" + target);
        }
        return String.join(", ", out);
    }
}
