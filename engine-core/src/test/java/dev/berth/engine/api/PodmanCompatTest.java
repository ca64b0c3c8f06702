package dev.berth.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.engine.api.model.ContainerStats;
import dev.berth.engine.api.model.CpuStats;
import dev.berth.engine.api.model.TopResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodmanCompatTest {

    @Test
    void splitsUnsplitPsOutputIntoColumnsKeepingTheCommandWhole() {
        TopResult podman = new TopResult(List.of("PID   USER     COMMAND"), List.of(List.of("1 0        sh -c while true; do :; done")));
        TopResult split = PodmanCompat.splitPsColumns(podman);
        assertThat(split.titles()).containsExactly("PID", "USER", "COMMAND");
        assertThat(split.processes()).containsExactly(List.of("1", "0", "sh -c while true; do :; done"));
    }

    @Test
    void leavesDockersAlreadySplitColumnsAlone() {
        TopResult docker = new TopResult(List.of("UID", "PID", "CMD"), List.of(List.of("root", "1", "sleep 300")));
        assertThat(PodmanCompat.splitPsColumns(docker)).isSameAs(docker);
    }

    @Test
    void recognisesAOneShotSampleWithoutPreviousReading() {
        CpuStats empty = EngineJson.MAPPER.readValue("{\"cpu_usage\":{\"total_usage\":0}}", CpuStats.class);
        CpuStats reading = EngineJson.MAPPER.readValue("{\"cpu_usage\":{\"total_usage\":100},\"system_cpu_usage\":1000,\"online_cpus\":2}", CpuStats.class);
        CpuStats later = EngineJson.MAPPER.readValue("{\"cpu_usage\":{\"total_usage\":600},\"system_cpu_usage\":2000,\"online_cpus\":2}", CpuStats.class);
        ContainerStats first = new ContainerStats("t1", "0001-01-01T00:00:00Z", "c", "id", reading, empty, null, null, null, null);
        ContainerStats second = new ContainerStats("t2", "0001-01-01T00:00:00Z", "c", "id", later, empty, null, null, null, null);
        assertThat(PodmanCompat.hasPreviousReading(first)).isFalse();
        ContainerStats stitched = PodmanCompat.withPrevious(second, first);
        assertThat(PodmanCompat.hasPreviousReading(stitched)).isTrue();
        assertThat(stitched.preread()).isEqualTo("t1");
        assertThat(StatsCalculator.summarize(stitched).cpuPercent()).isEqualTo(100.0); // 500 of 1000 × 2 CPUs
    }

    @Test
    void readsLibpodPruneReportsSkippingFailures() {
        var node = EngineJson.MAPPER.readTree("[{\"Id\":\"sha256:a\",\"Size\":10},{\"Id\":\"sha256:b\",\"Err\":\"in use\",\"Size\":5}]");
        assertThat(PodmanCompat.libpodPruneReport(node)).isEqualTo(new PruneReport(List.of("sha256:a"), 10));
    }

    @Test
    void countsPodmansTakenNameAsAConflict() {
        assertThat(new EngineApiException(500, "container create: creating container storage: the container name \"web\" is already in use by 9c49",
                "Creating container web").isConflict()).isTrue();
        assertThat(new EngineApiException(500, "something else", "Creating container web").isConflict()).isFalse();
    }
}
