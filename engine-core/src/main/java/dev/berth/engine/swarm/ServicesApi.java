package dev.berth.engine.swarm;

import dev.berth.engine.api.EngineRequests;
import dev.berth.engine.api.Filters;
import dev.berth.engine.stream.EngineStream;
import dev.berth.engine.stream.OutputLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** {@code /services}: create, list, update (and roll back), remove, logs. */
public final class ServicesApi {

    /** What create and update answer: the id (create only) and the engine's warnings (an image it could not check…). */
    public record Outcome(String id, List<String> warnings) {}

    private final EngineRequests requests;

    ServicesApi(EngineRequests requests) {
        this.requests = requests;
    }

    /** Services matching the filters, with their running/desired task counts. */
    public List<SwarmService> list(Filters filters) {
        List<SwarmService> services = new ArrayList<>();
        String query = EngineRequests.filters(filters);
        requests.get("/services" + query + (query.isEmpty() ? "?" : "&") + "status=true", "Listing services")
                .forEach(node -> services.add(SwarmService.of(node)));
        return services;
    }

    public SwarmService inspect(String idOrName) {
        return SwarmService.of(requests.get("/services/" + EngineRequests.segment(idOrName), "Inspecting service " + idOrName));
    }

    /** The service's inspect document as the engine sent it. */
    public JsonNode document(String idOrName) {
        return requests.get("/services/" + EngineRequests.segment(idOrName), "Inspecting service " + idOrName);
    }

    /** {@code POST /services/create}; {@code spec} is the service spec as plain maps (the API's field names). */
    public Outcome create(Map<String, Object> spec) {
        JsonNode answer = requests.send("POST", "/services/create", spec, "Creating service " + spec.get("Name"));
        return new Outcome(Json.text(answer.path("ID")), warnings(answer));
    }

    /** {@code POST /services/{id}/update} to {@code spec}, at the {@code version} the caller read. */
    public Outcome update(String id, long version, Map<String, Object> spec) {
        JsonNode answer = requests.send("POST", "/services/" + EngineRequests.segment(id) + "/update?version=" + version, spec,
                "Updating service " + spec.get("Name"));
        return new Outcome(id, warnings(answer));
    }

    /** Back to the spec before the last update ({@code rollback=previous}), as {@code docker service rollback}. */
    public Outcome rollback(String id) {
        SwarmService service = inspect(id);
        JsonNode answer = requests.send("POST", "/services/" + EngineRequests.segment(service.id()) + "/update?version="
                + service.version() + "&rollback=previous", Json.plain(service.spec()), "Rolling back service " + service.name());
        return new Outcome(service.id(), warnings(answer));
    }

    /** {@code docker service scale}: the replicas of a replicated service (or replicated job), other fields kept. */
    @SuppressWarnings("unchecked")
    public Outcome scale(String idOrName, long replicas) {
        SwarmService service = inspect(idOrName);
        Map<String, Object> spec = Json.plain(service.spec());
        Map<String, Object> mode = (Map<String, Object>) spec.get("Mode");
        if (mode == null || !mode.containsKey("Replicated")) {
            throw new SwarmException("service " + service.name() + " is " + service.mode() + ": only replicated services can be scaled");
        }
        ((Map<String, Object>) mode.get("Replicated")).put("Replicas", replicas);
        return update(service.id(), service.version(), spec);
    }

    /** {@code docker service update --image}: a rolling update to another image, per the service's update config. */
    @SuppressWarnings("unchecked")
    public Outcome updateImage(String idOrName, String image) {
        SwarmService service = inspect(idOrName);
        Map<String, Object> spec = Json.plain(service.spec());
        ((Map<String, Object>) ((Map<String, Object>) spec.get("TaskTemplate")).get("ContainerSpec")).put("Image", image);
        return update(service.id(), service.version(), spec);
    }

    public void remove(String idOrName) {
        requests.send("DELETE", "/services/" + EngineRequests.segment(idOrName), null, "Removing service " + idOrName);
    }

    /**
     * The service's merged task logs. With {@code details} each line starts with the engine's
     * {@code com.docker.swarm.task.id=…,…} attributes and a space ({@link ServiceLogLine} reads them).
     */
    public EngineStream<OutputLine> logs(String idOrName, boolean follow, String tail, boolean timestamps, boolean tty) {
        String query = "?stdout=1&stderr=1&details=1&follow=" + (follow ? 1 : 0) + (timestamps ? "&timestamps=1" : "")
                + (tail == null ? "" : "&tail=" + EngineRequests.segment(tail));
        return requests.logs("/services/" + EngineRequests.segment(idOrName) + "/logs" + query, follow, tty, timestamps,
                "Reading logs of service " + idOrName);
    }

    private static List<String> warnings(JsonNode answer) {
        List<String> warnings = new ArrayList<>();
        answer.path("Warnings").forEach(w -> warnings.add(w.asString()));
        return warnings;
    }
}
