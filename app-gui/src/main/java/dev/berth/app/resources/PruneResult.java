package dev.berth.app.resources;

import java.util.List;

/** What a prune removed and how many bytes that freed. */
public record PruneResult(List<String> removed, long reclaimedBytes) {

    public PruneResult {
        removed = List.copyOf(removed);
    }
}
