package dev.berth.app.gui.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.gui.fx.DirectUiScheduler;
import dev.berth.app.resources.VolumeHelper;
import dev.berth.engine.api.model.EngineEvent;
import dev.berth.engine.api.model.EventActor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which list follows the engine: only the one in front, and never because of Berth's own helpers. */
class ResourcesAreaTest {

    private final FakeCatalog catalog = new FakeCatalog();
    private final ResourcesArea area = new ResourcesArea(catalog, new DirectUiScheduler(), Runnable::run, new ScriptedConfirmations());

    private static EngineEvent event(String type, Map<String, String> attributes) {
        return event(type, "create", attributes);
    }

    private static EngineEvent event(String type, String action, Map<String, String> attributes) {
        return new EngineEvent(type, action, new EventActor("id", attributes), "local", 0L, 0L, null, null, null);
    }

    @Test
    void bringingATabToTheFrontReloadsItsList() {
        area.showing(ResourcesArea.Shown.NETWORKS);
        area.showing(ResourcesArea.Shown.IMAGES);

        assertThat(catalog.calls).containsExactly("networks", "images");
    }

    @Test
    void engineEventsReloadTheListInFrontOnly() {
        area.showing(ResourcesArea.Shown.VOLUMES);
        catalog.calls.clear();

        area.engineEvent(event("volume", Map.of("driver", "local")));

        assertThat(catalog.calls).containsExactly("volumes", "volumeSizes");
    }

    @Test
    void ignoresItsOwnBrowseHelpersAndUnrelatedEvents() {
        area.showing(ResourcesArea.Shown.VOLUMES);
        catalog.calls.clear();

        area.engineEvent(event("container", Map.of(VolumeHelper.LABEL, "data", "name", "berth-browse-1")));
        area.engineEvent(event("plugin", Map.of()));
        area.engineEvent(event("volume", "mount", Map.of("container", "abc", "read/write", "false"))); // the archive API reading it
        area.engineEvent(event("container", "exec_start: sh", Map.of("name", "web-1")));
        area.engineEvent(event("container", "health_status: healthy", Map.of("name", "web-1")));
        area.showing(ResourcesArea.Shown.PROJECT);
        catalog.calls.clear();
        area.engineEvent(event("container", Map.of("name", "web-1")));

        assertThat(catalog.calls).isEmpty();
    }

    @Test
    void leavingTheVolumesTabReleasesTheBrowsedVolume() {
        catalog.volumes.add(FakeCatalog.volume("data", null));
        area.showing(ResourcesArea.Shown.VOLUMES);
        area.volumes().selectedProperty().set(area.volumes().allRows().getFirst());
        assertThat(catalog.openFiles).containsExactly("data");

        area.showing(ResourcesArea.Shown.NETWORKS);

        assertThat(catalog.openFiles).isEmpty();
        assertThat(List.copyOf(catalog.calls)).contains("browse data", "networks");
    }
}
