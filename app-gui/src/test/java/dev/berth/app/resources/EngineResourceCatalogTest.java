package dev.berth.app.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.engine.api.model.ContainerSummary;
import dev.berth.engine.api.model.MountPoint;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineResourceCatalogTest {

    private static ContainerSummary container(String name, Map<String, String> labels, String... volumes) {
        List<MountPoint> mounts = Arrays.stream(volumes)
                .map(v -> new MountPoint("volume", v, "/var/lib/docker/volumes/" + v, "/data", "local", "z", true, ""))
                .toList();
        return new ContainerSummary("id-" + name, List.of("/" + name), "img", "sha256:1", "sh", 0L, "running", "Up",
                List.of(), labels, null, null, null, mounts);
    }

    @Test
    void countsEveryContainerMountingAVolumeButNotBerthsBrowseHelpers() {
        Map<String, List<String>> users = EngineResourceCatalog.volumeUsers(List.of(
                container("web-1", Map.of(), "data", "cache"),
                container("db-1", Map.of(), "data"),
                container("berth-browse-1", Map.of(VolumeHelper.LABEL, "data"), "data")));

        assertThat(users).containsEntry("data", List.of("web-1", "db-1")).containsEntry("cache", List.of("web-1"));
    }

    @Test
    void namesContainersTheWayASentenceReads() {
        assertThat(EngineResourceCatalog.containersPhrase(List.of("web-1"))).isEqualTo("container web-1");
        assertThat(EngineResourceCatalog.containersPhrase(List.of("web-1", "db-1"))).isEqualTo("containers web-1 and db-1");
        assertThat(EngineResourceCatalog.containersPhrase(List.of("a", "b", "c", "d", "e"))).isEqualTo("containers a, b, c and 2 more");
    }
}
