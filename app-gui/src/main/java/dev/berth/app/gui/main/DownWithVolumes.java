package dev.berth.app.gui.main;

import dev.berth.app.gui.controls.Confirmations;
import dev.berth.app.gui.format.Formats;
import dev.berth.app.resources.ResourceCatalog;
import dev.berth.app.resources.VolumeInfo;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * "Down and remove volumes" names what it deletes before it asks: the project's volumes (those with its
 * {@code com.docker.compose.project} label, which is what down removes) with their sizes. The question goes
 * through the shared {@link Confirmations}, whose default button is Cancel.
 */
final class DownWithVolumes {

    static final long SIZE_WAIT_SECONDS = 4;

    private DownWithVolumes() {}

    /** The project's volumes with their sizes (-1 when unknown); does I/O, off the UI thread. */
    static List<VolumeInfo> volumesOf(ResourceCatalog catalog, String project) {
        List<VolumeInfo> volumes = catalog.volumes().stream().filter(v -> project.equals(v.project())).toList();
        if (volumes.isEmpty()) {
            return volumes;
        }
        // Sizes come from /system/df, which walks every volume and can take long on a busy engine: the question
        // does not wait for them beyond a few seconds (the names matter most; sizes then show as unknown).
        Map<String, Long> sizes;
        try {
            sizes = CompletableFuture.supplyAsync(catalog::volumeSizes, command -> Thread.ofVirtual().name("berth-volume-sizes").start(command))
                    .get(SIZE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            sizes = Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sizes = Map.of();
        }
        Map<String, Long> known = sizes;
        return volumes.stream().map(v -> new VolumeInfo(v.name(), v.driver(), known.getOrDefault(v.name(), v.size()), v.usedBy(),
                v.project(), v.createdAt(), v.mountpoint(), v.labels())).toList();
    }

    /** The question; {@code volumes} null when they could not be listed ({@code why} says why). */
    static Confirmations.Request request(String project, List<VolumeInfo> volumes, String why) {
        String title = "Remove " + project + " and its volumes?";
        StringBuilder message = new StringBuilder("This stops and removes the containers and networks of ").append(project);
        if (volumes == null) {
            message.append(" and deletes its volumes with all the data in them. Berth could not list them first: ").append(why);
        } else if (volumes.isEmpty()) {
            message.append(". It has no named volumes; the containers' anonymous volumes are deleted with them.");
        } else {
            long total = volumes.stream().mapToLong(VolumeInfo::size).filter(size -> size >= 0).sum();
            boolean allKnown = volumes.stream().allMatch(v -> v.size() >= 0);
            message.append(" and deletes ").append(volumes.size() == 1 ? "its volume" : "its " + volumes.size() + " volumes")
                    .append(" with all the data in ").append(volumes.size() == 1 ? "it" : "them")
                    .append(allKnown && volumes.size() > 1 ? ",\u00a0" + Formats.bytes(total).replace(' ', '\u00a0') + "\u00a0in\u00a0all" : "")
                    .append(":\n");
            for (VolumeInfo volume : volumes) {
                message.append("\n    ").append(volume.name()).append("    ")
                        .append(volume.size() >= 0 ? Formats.bytes(volume.size()) : "size unknown");
            }
            message.append("\n\nand the containers' anonymous volumes.");
        }
        message.append(" This cannot be undone.");
        return Confirmations.Request.of(title, message.toString(), "Remove volumes");
    }
}
