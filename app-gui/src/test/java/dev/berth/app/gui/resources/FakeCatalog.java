package dev.berth.app.gui.resources;

import dev.berth.app.resources.FilePreview;
import dev.berth.app.resources.ImageInfo;
import dev.berth.app.resources.ImageLayers;
import dev.berth.app.resources.NetworkInfo;
import dev.berth.app.resources.PruneResult;
import dev.berth.app.resources.ResourceCatalog;
import dev.berth.app.resources.ResourceRefusedException;
import dev.berth.app.resources.VolumeEntry;
import dev.berth.app.resources.VolumeFiles;
import dev.berth.app.resources.VolumeInfo;
import dev.berth.app.resources.VolumeListing;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An in-memory catalog for view-model tests: records what was asked, answers from its lists. */
final class FakeCatalog implements ResourceCatalog {

    final List<VolumeInfo> volumes = new ArrayList<>();
    final Map<String, Long> sizes = new LinkedHashMap<>();
    final Map<String, List<VolumeEntry>> files = new LinkedHashMap<>();
    final List<NetworkInfo> networks = new ArrayList<>();
    final List<ImageInfo> images = new ArrayList<>();
    final List<String> calls = new ArrayList<>();
    final List<String> openFiles = new ArrayList<>();
    RuntimeException refuseImageRemoval;
    final Map<String, ImageLayers> layers = new LinkedHashMap<>();

    static VolumeInfo volume(String name, String project, String... users) {
        return new VolumeInfo(name, "local", -1, List.of(users), project, "2026-11-23T10:00:00Z", "/var/lib/docker/volumes/" + name, Map.of());
    }

    static VolumeEntry file(String path, long size) {
        return new VolumeEntry(path, VolumeEntry.Type.FILE, size, 0644, Instant.parse("2026-11-23T10:00:00Z"), null);
    }

    static VolumeEntry dir(String path) {
        return new VolumeEntry(path, VolumeEntry.Type.DIRECTORY, 0, 0755, Instant.parse("2026-11-23T10:00:00Z"), null);
    }

    @Override
    public List<VolumeInfo> volumes() {
        calls.add("volumes");
        return List.copyOf(volumes);
    }

    @Override
    public Map<String, Long> volumeSizes() {
        calls.add("volumeSizes");
        return Map.copyOf(sizes);
    }

    @Override
    public void removeVolume(String name) {
        calls.add("removeVolume " + name);
        volumes.removeIf(v -> v.name().equals(name));
    }

    @Override
    public PruneResult pruneVolumes() {
        calls.add("pruneVolumes");
        List<String> removed = volumes.stream().filter(v -> !v.inUse()).map(VolumeInfo::name).toList();
        volumes.removeIf(v -> !v.inUse());
        return new PruneResult(removed, 3 * 1024 * 1024);
    }

    @Override
    public VolumeFiles browse(String volume) {
        calls.add("browse " + volume);
        openFiles.add(volume);
        return new VolumeFiles() {
            @Override
            public String volume() {
                return volume;
            }

            @Override
            public VolumeListing list() {
                return new VolumeListing(volume, files.getOrDefault(volume, List.of()), false);
            }

            @Override
            public FilePreview preview(String path) {
                calls.add("preview " + volume + " " + path);
                return new FilePreview(path, 5, "hello", false, false);
            }

            @Override
            public void close() {
                openFiles.remove(volume);
            }
        };
    }

    @Override
    public List<NetworkInfo> networks() {
        calls.add("networks");
        return List.copyOf(networks);
    }

    @Override
    public Map<String, Object> inspectNetwork(String id) {
        calls.add("inspectNetwork " + id);
        return Map.of("Id", id, "Driver", "bridge");
    }

    @Override
    public void removeNetwork(NetworkInfo network) {
        calls.add("removeNetwork " + network.name());
        networks.remove(network);
    }

    @Override
    public PruneResult pruneNetworks() {
        calls.add("pruneNetworks");
        return new PruneResult(List.of("n1"), 0);
    }

    @Override
    public List<ImageInfo> images() {
        calls.add("images");
        return List.copyOf(images);
    }

    @Override
    public ImageLayers imageLayers(ImageInfo image) {
        calls.add("imageLayers " + image.id());
        return layers.getOrDefault(image.id(), ImageLayers.of(image.id(), image.displayName(), List.of(), List.of(), List.of(), -1));
    }

    @Override
    public Map<String, Object> inspectImage(String id) {
        calls.add("inspectImage " + id);
        return Map.of("Id", id);
    }

    @Override
    public void removeImage(ImageInfo image, boolean force) {
        calls.add("removeImage " + image.displayName() + (force ? " force" : ""));
        if (refuseImageRemoval != null) {
            throw refuseImageRemoval;
        }
        images.remove(image);
    }

    @Override
    public PruneResult pruneImages() {
        calls.add("pruneImages");
        return new PruneResult(List.of("sha256:aa", "sha256:bb"), 2048);
    }

    static ResourceRefusedException refused(String message) {
        return new ResourceRefusedException(message);
    }
}
