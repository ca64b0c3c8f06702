package dev.berth.app.resources;

import dev.berth.app.gui.resources.VolumeTree;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.api.model.ContainerConfig;
import dev.berth.engine.api.model.ContainerCreateRequest;
import dev.berth.engine.api.model.HostConfig;
import dev.berth.engine.api.model.Mount;
import dev.berth.engine.api.model.VolumeCreateRequest;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * Times the Resources I/O on the real engine for docs/PERFORMANCE.md: listing, sizes, and browsing a volume
 * of 5,000 files plus a 50 MiB file (helper create, listing, tree, previews, helper removal). Median of 5.
 * Run with the test class path: {@code java -cp … dev.berth.app.resources.ResourceTimings}.
 */
public final class ResourceTimings {

    private ResourceTimings() {}

    public static void main(String[] args) throws Exception {
        String volume = "berth-timing-" + UUID.randomUUID().toString().substring(0, 8);
        try (EngineClient engine = EngineClient.connect(new EngineEndpoint.Unix(Path.of("/var/run/docker.sock")))) {
            EngineResourceCatalog catalog = new EngineResourceCatalog(() -> engine);
            engine.volumes().create(VolumeCreateRequest.builder().name(volume).build());
            try {
                String id = engine.containers().create(volume + "-seed", ContainerCreateRequest.builder()
                        .config(ContainerConfig.builder().image("berth-test/busybox:latest").cmd(List.of("sh", "-c",
                                "i=0; while [ $i -lt 50 ]; do mkdir -p /v/d$i; j=0; while [ $j -lt 100 ]; do echo file $i $j > /v/d$i/f$j.txt;"
                                        + " j=$((j+1)); done; i=$((i+1)); done; head -c 52428800 /dev/zero > /v/big.bin")).build())
                        .hostConfig(HostConfig.builder().mounts(List.of(Mount.builder().type("volume").source(volume).target("/v").build())).build())
                        .build()).id();
                engine.containers().start(id);
                engine.containers().waitFor(id, "not-running");
                engine.containers().remove(id, true, false);

                time("catalog.volumes() (" + catalog.volumes().size() + " volumes)", catalog::volumes);
                time("catalog.volumeSizes() (/system/df)", catalog::volumeSizes);
                time("catalog.networks() (" + catalog.networks().size() + " networks)", catalog::networks);
                time("catalog.images() (" + catalog.images().size() + " rows)", catalog::images);
                time("browse: create helper", () -> {
                    catalog.browse(volume).close();
                    return null;
                });
                try (VolumeFiles files = catalog.browse(volume)) {
                    VolumeListing listing = time("browse: list 5,050 entries + 50 MiB file", files::list);
                    time("VolumeTree.of (" + listing.entries().size() + " entries)", () -> VolumeTree.of(listing));
                    time("preview small text file", () -> files.preview("d7/f42.txt"));
                    time("preview 50 MiB file (first 256 KiB)", () -> files.preview("big.bin"));
                }
            } finally {
                engine.volumes().remove(volume, true);
            }
        }
    }

    private static <T> T time(String what, Callable<T> action) throws Exception {
        long[] runs = new long[5];
        T result = null;
        for (int i = 0; i < runs.length; i++) {
            long start = System.nanoTime();
            result = action.call();
            runs[i] = System.nanoTime() - start;
        }
        Arrays.sort(runs);
        System.out.printf("%-50s median %6.1f ms  (min %.1f, max %.1f)%n", what, runs[2] / 1e6, runs[0] / 1e6, runs[4] / 1e6);
        return result;
    }
}
