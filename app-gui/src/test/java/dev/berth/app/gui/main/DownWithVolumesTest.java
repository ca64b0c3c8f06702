package dev.berth.app.gui.main;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.gui.controls.Confirmations;
import dev.berth.app.resources.ResourceCatalog;
import dev.berth.app.resources.VolumeInfo;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DownWithVolumesTest {

    private static VolumeInfo volume(String name, long size) {
        return new VolumeInfo(name, "local", size, List.of(), "shop", "", "", Map.of());
    }

    @Test
    void namesEveryVolumeWithItsSizeAndTheTotal() {
        Confirmations.Request request = DownWithVolumes.request("shop", List.of(volume("shop_db-data", 12 * 1024 * 1024),
                volume("shop_cache", 512)), null);

        assertThat(request.title()).isEqualTo("Remove shop and its volumes?");
        assertThat(request.action()).isEqualTo("Remove volumes");
        assertThat(request.message()).contains("deletes its 2 volumes with all the data in them,\u00a012.0\u00a0MiB\u00a0in\u00a0all:")
                .contains("shop_db-data    12.0 MiB").contains("shop_cache    512 B").endsWith("This cannot be undone.");
    }

    @Test
    void oneVolumeIsNotPluralAndAnUnknownSizeSaysSo() {
        Confirmations.Request request = DownWithVolumes.request("shop", List.of(volume("shop_db-data", -1)), null);

        assertThat(request.message()).contains("deletes its volume with all the data in it:").contains("shop_db-data    size unknown");
    }

    @Test
    void withoutNamedVolumesOrAListingItStillAsks() {
        assertThat(DownWithVolumes.request("shop", List.of(), null).message()).contains("It has no named volumes");
        assertThat(DownWithVolumes.request("shop", null, "the engine went away").message())
                .contains("could not list them first: the engine went away");
    }

    @Test
    void doesNotWaitLongForSizesTheEngineIsSlowToWalk() {
        ResourceCatalog slow = (ResourceCatalog) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {ResourceCatalog.class}, (proxy, method, args) -> {
                    if (method.getName().equals("volumes")) {
                        return List.of(volume("shop_db-data", -1), new VolumeInfo("other", "local", -1, List.of(), "blog", "", "", Map.of()));
                    }
                    if (method.getName().equals("volumeSizes")) {
                        Thread.sleep(60_000);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        long start = System.nanoTime();

        List<VolumeInfo> volumes = DownWithVolumes.volumesOf(slow, "shop");

        assertThat(volumes).extracting(VolumeInfo::name).containsExactly("shop_db-data");
        assertThat(volumes.getFirst().size()).isEqualTo(-1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(DownWithVolumes.SIZE_WAIT_SECONDS + 2));
    }
}
