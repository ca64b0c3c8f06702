package dev.berth.engine.api;

import java.util.List;

/** What a prune removed and how many bytes it freed. */
public record PruneReport(List<String> deleted, long spaceReclaimed) {}
