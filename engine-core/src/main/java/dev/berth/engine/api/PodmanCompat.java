package dev.berth.engine.api;

import dev.berth.engine.api.model.ContainerStats;
import dev.berth.engine.api.model.TopResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Where Podman's Docker-compatible API (4.x) answers differently from Docker's and the client evens it out, so
 * callers see one engine. Each rule is engine-agnostic where it can be (it recognises the answer's shape, not
 * the engine's name), and listed in docs/DECISIONS.md ("Engine client: Podman differences").
 */
final class PodmanCompat {

    /** Between the two one-shot readings when the engine gave no previous one: what Docker itself waits. */
    static final Duration STATS_GAP = Duration.ofSeconds(1);

    /**
     * Podman's own image prune, which has the {@code all} switch its compatible endpoint lacks. Libpod paths need
     * a libpod version prefix (unversioned: 404); 4.0.0 is the oldest Podman Berth supports and newer ones accept it.
     */
    static final String LIBPOD_IMAGE_PRUNE = "/v4.0.0/libpod/images/prune";

    private PodmanCompat() {}

    /**
     * Docker's {@code stats?stream=0} waits for a second reading and fills {@code precpu_stats}; Podman 4 returns
     * at once with it empty (no system CPU time), which makes the CPU % meaningless.
     */
    static boolean hasPreviousReading(ContainerStats sample) {
        return sample.precpuStats() != null && sample.precpuStats().systemCpuUsage() != null
                && sample.precpuStats().systemCpuUsage() > 0;
    }

    /** {@code current} with {@code previous}'s CPU reading as its previous one, as Docker would have sent it. */
    static ContainerStats withPrevious(ContainerStats current, ContainerStats previous) {
        return new ContainerStats(current.read(), previous.read(), current.name(), current.id(), current.cpuStats(),
                previous.cpuStats(), current.memoryStats(), current.networks(), current.blkioStats(), current.pidsStats());
    }

    /**
     * Podman runs the container's own {@code ps} when its built-in one does not know the arguments (Docker's
     * default {@code -ef} included), and passes the output back unsplit: one title {@code "PID   USER
     * COMMAND"} and one string per process. Split on whitespace as Docker does, the last column keeping the
     * rest of the line (a command line has spaces).
     */
    static TopResult splitPsColumns(TopResult top) {
        if (top.titles() == null || top.titles().size() != 1 || !top.titles().getFirst().strip().contains(" ")) {
            return top;
        }
        List<String> titles = Arrays.asList(top.titles().getFirst().strip().split("\\s+"));
        List<List<String>> processes = new ArrayList<>();
        if (top.processes() != null) {
            for (List<String> row : top.processes()) {
                processes.add(row.size() == 1 ? List.of(row.getFirst().strip().split("\\s+", titles.size())) : row);
            }
        }
        return new TopResult(titles, processes);
    }

    /** {@code /libpod/images/prune} answers {@code [{"Id": …, "Size": …, "Err": …}]}. */
    static PruneReport libpodPruneReport(JsonNode node) {
        List<String> deleted = new ArrayList<>();
        long space = 0;
        if (node != null && node.isArray()) {
            for (JsonNode item : node) {
                JsonNode error = item.get("Err");
                if (error == null || error.isNull() || error.asString().isEmpty()) {
                    deleted.add(item.path("Id").asString(""));
                    space += item.path("Size").asLong(0);
                }
            }
        }
        return new PruneReport(deleted, space);
    }
}
