package dev.berth.engine.swarm;

import dev.berth.engine.api.EngineRequests;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** {@code /swarm}: make this engine a swarm's first manager, join one, leave it; the join tokens. */
public final class SwarmApi {

    /** The two join tokens a manager hands out. */
    public record JoinTokens(String worker, String manager) {}

    private final EngineRequests requests;

    SwarmApi(EngineRequests requests) {
        this.requests = requests;
    }

    /** This engine's swarm state (works on every engine, in a swarm or not). */
    public SwarmState state() {
        return SwarmState.of(requests.get("/info", "Reading the swarm state").path("Swarm"));
    }

    /**
     * {@code POST /swarm/init}: a new single-manager swarm; returns the node id. {@code advertiseAddr} is the
     * address other nodes reach this one on ({@code 127.0.0.1} for a swarm of one); {@code listenAddr} null: 0.0.0.0:2377.
     */
    public String init(String advertiseAddr, String listenAddr) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ListenAddr", listenAddr == null ? "0.0.0.0:2377" : listenAddr);
        if (advertiseAddr != null) {
            body.put("AdvertiseAddr", advertiseAddr);
        }
        body.put("ForceNewCluster", false);
        body.put("Spec", Map.of());
        JsonNode answer = requests.send("POST", "/swarm/init", body, "Initialising a swarm");
        return answer.isString() ? answer.asString() : answer.toString();
    }

    /** {@code POST /swarm/join} a swarm through one of its managers ({@code host:2377}) with a join token. */
    public void join(List<String> remoteAddrs, String token, String advertiseAddr, String listenAddr) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ListenAddr", listenAddr == null ? "0.0.0.0:2377" : listenAddr);
        if (advertiseAddr != null) {
            body.put("AdvertiseAddr", advertiseAddr);
        }
        body.put("RemoteAddrs", remoteAddrs);
        body.put("JoinToken", token);
        requests.send("POST", "/swarm/join", body, "Joining the swarm at " + String.join(",", remoteAddrs));
    }

    /** {@code POST /swarm/leave}; a manager (the last one above all) must {@code force}. */
    public void leave(boolean force) {
        requests.send("POST", "/swarm/leave?force=" + force, null, "Leaving the swarm");
    }

    /** {@code GET /swarm}: only a manager answers. */
    public JoinTokens joinTokens() {
        JsonNode tokens = requests.get("/swarm", "Reading the join tokens").path("JoinTokens");
        return new JoinTokens(Json.text(tokens.path("Worker")), Json.text(tokens.path("Manager")));
    }
}
