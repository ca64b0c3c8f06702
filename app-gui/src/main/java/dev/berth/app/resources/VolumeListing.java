package dev.berth.app.resources;

import java.util.List;

/**
 * Every entry of a volume in tar order (parents before children), or the first {@code limit} of them when
 * {@code truncated}.
 */
public record VolumeListing(String volume, List<VolumeEntry> entries, boolean truncated) {

    public VolumeListing {
        entries = List.copyOf(entries);
    }

    public long totalFileBytes() {
        return entries.stream().filter(e -> e.type() == VolumeEntry.Type.FILE).mapToLong(VolumeEntry::size).sum();
    }
}
