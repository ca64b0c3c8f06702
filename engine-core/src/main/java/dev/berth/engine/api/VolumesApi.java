package dev.berth.engine.api;

import dev.berth.engine.api.model.DiskUsage;
import dev.berth.engine.api.model.Volume;
import dev.berth.engine.api.model.VolumeCreateRequest;
import dev.berth.engine.transport.HttpRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Volume operations. Sizes come from {@code /system/df}: listing does not compute them. */
public final class VolumesApi {

    private final EngineCalls calls;
    private final SystemApi system;

    VolumesApi(EngineCalls calls, SystemApi system) {
        this.calls = calls;
        this.system = system;
    }

    public List<Volume> list(Filters filters) {
        JsonNode node = calls.tree(HttpRequest.get(calls.path("/volumes" + Query.of().filters(filters))), "Listing volumes");
        JsonNode volumes = node.get("Volumes");
        if (volumes == null || volumes.isNull()) {
            return List.of();
        }
        return EngineJson.MAPPER.convertValue(volumes, EngineCalls.listOf(Volume.class));
    }

    public Volume inspect(String name) {
        return calls.get("/volumes/" + Query.segment(name), Volume.class, "Inspecting volume " + name);
    }

    public Volume create(VolumeCreateRequest request) {
        return calls.post("/volumes/create", request, Volume.class, "Creating volume " + (request.name() == null ? "" : request.name()));
    }

    public void remove(String name, boolean force) {
        calls.call("DELETE", "/volumes/" + Query.segment(name) + Query.of().add("force", force), null, "Removing volume " + name);
    }

    /** Removes unused volumes matching the filters (use label filters: the engine may be shared). */
    public PruneReport prune(Filters filters) {
        JsonNode node = calls.tree(calls.jsonRequest("POST", "/volumes/prune" + Query.of().filters(filters), null), "Pruning volumes");
        return ContainersApi.report(node, "VolumesDeleted");
    }

    /** Volume name → bytes used (-1 when the engine does not know), from {@code /system/df}. */
    public Map<String, Long> sizes() {
        DiskUsage usage = system.diskUsage();
        Map<String, Long> sizes = new LinkedHashMap<>();
        if (usage.volumes() != null) {
            for (Volume volume : usage.volumes()) {
                sizes.put(volume.name(), volume.usageData() == null || volume.usageData().size() == null ? -1L : volume.usageData().size());
            }
        }
        return sizes;
    }
}
