package dev.berth.engine.swarm;

import dev.berth.engine.api.EngineRequests;
import dev.berth.engine.api.Filters;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code /secrets} or {@code /configs}: the two share one shape (name, labels, base64 data). Both are
 * immutable in a swarm except for their labels, so a changed content is a new object.
 */
public final class SwarmObjectsApi {

    private final EngineRequests requests;
    private final String path;
    private final String noun;

    SwarmObjectsApi(EngineRequests requests, String path, String noun) {
        this.requests = requests;
        this.path = path;
        this.noun = noun;
    }

    public List<SwarmObject> list(Filters filters) {
        List<SwarmObject> objects = new ArrayList<>();
        requests.get(path + EngineRequests.filters(filters), "Listing " + noun + "s").forEach(node -> objects.add(SwarmObject.of(node)));
        return objects;
    }

    /** Creates one and returns its id. */
    public String create(String name, Map<String, String> labels, byte[] data) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("Name", name);
        spec.put("Labels", labels);
        spec.put("Data", Base64.getEncoder().encodeToString(data));
        JsonNode answer = requests.send("POST", path + "/create", spec, "Creating " + noun + " " + name);
        return Json.text(answer.path("ID"));
    }

    public void remove(String idOrName) {
        requests.send("DELETE", path + "/" + EngineRequests.segment(idOrName), null, "Removing " + noun + " " + idOrName);
    }

    /** A config's content (a secret's is never sent back: null). */
    public byte[] data(String idOrName) {
        String data = Json.text(requests.get(path + "/" + EngineRequests.segment(idOrName), "Inspecting " + noun + " " + idOrName)
                .path("Spec").path("Data"));
        return data == null ? null : Base64.getDecoder().decode(data);
    }
}
