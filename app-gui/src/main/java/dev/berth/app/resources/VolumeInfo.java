package dev.berth.app.resources;

import java.util.List;
import java.util.Map;

/**
 * One volume as the volumes list shows it.
 *
 * @param size bytes used, from {@code /system/df}; -1 when the engine does not know
 * @param usedBy names of the containers that mount it (Berth's own browse helpers left out)
 * @param project the Compose project that owns it (its {@code com.docker.compose.project} label), or null
 */
public record VolumeInfo(String name, String driver, long size, List<String> usedBy, String project, String createdAt,
                         String mountpoint, Map<String, String> labels) {

    public VolumeInfo {
        usedBy = List.copyOf(usedBy);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public boolean inUse() {
        return !usedBy.isEmpty();
    }
}
