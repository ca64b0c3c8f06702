package dev.berth.app.gui.resources;

import dev.berth.app.resources.FilePreview;
import dev.berth.app.resources.ImageInfo;
import dev.berth.app.resources.ImageLayers;
import dev.berth.app.resources.NetworkInfo;
import dev.berth.app.resources.PruneResult;
import dev.berth.app.resources.ResourceCatalog;
import dev.berth.app.resources.VolumeFiles;
import dev.berth.app.resources.VolumeInfo;
import dev.berth.app.resources.VolumeListing;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import javafx.application.Platform;

/**
 * Passes every call to the real catalog and records the ones made on the FX thread — there must be none:
 * the FX thread only renders.
 */
final class ThreadCheckingCatalog implements ResourceCatalog {

    final List<String> onFxThread = new CopyOnWriteArrayList<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    private final ResourceCatalog real;

    ThreadCheckingCatalog(ResourceCatalog real) {
        this.real = real;
    }

    private <T> T check(String call, Supplier<T> action) {
        calls.add(call);
        if (Platform.isFxApplicationThread()) {
            onFxThread.add(call);
        }
        return action.get();
    }

    private void check(String call, Runnable action) {
        check(call, () -> {
            action.run();
            return null;
        });
    }

    @Override
    public List<VolumeInfo> volumes() {
        return check("volumes", real::volumes);
    }

    @Override
    public Map<String, Long> volumeSizes() {
        return check("volumeSizes", real::volumeSizes);
    }

    @Override
    public void removeVolume(String name) {
        check("removeVolume", () -> real.removeVolume(name));
    }

    @Override
    public PruneResult pruneVolumes() {
        return check("pruneVolumes", real::pruneVolumes);
    }

    @Override
    public VolumeFiles browse(String volume) {
        VolumeFiles files = check("browse", () -> real.browse(volume));
        return new VolumeFiles() {
            @Override
            public String volume() {
                return files.volume();
            }

            @Override
            public VolumeListing list() {
                return check("list", files::list);
            }

            @Override
            public FilePreview preview(String path) {
                return check("preview", () -> files.preview(path));
            }

            @Override
            public void close() {
                check("close", files::close);
            }
        };
    }

    @Override
    public List<NetworkInfo> networks() {
        return check("networks", real::networks);
    }

    @Override
    public Map<String, Object> inspectNetwork(String id) {
        return check("inspectNetwork", () -> real.inspectNetwork(id));
    }

    @Override
    public void removeNetwork(NetworkInfo network) {
        check("removeNetwork", () -> real.removeNetwork(network));
    }

    @Override
    public PruneResult pruneNetworks() {
        return check("pruneNetworks", real::pruneNetworks);
    }

    @Override
    public List<ImageInfo> images() {
        return check("images", real::images);
    }

    @Override
    public ImageLayers imageLayers(ImageInfo image) {
        return check("imageLayers", () -> real.imageLayers(image));
    }

    @Override
    public Map<String, Object> inspectImage(String id) {
        return check("inspectImage", () -> real.inspectImage(id));
    }

    @Override
    public void removeImage(ImageInfo image, boolean force) {
        check("removeImage", () -> real.removeImage(image, force));
    }

    @Override
    public PruneResult pruneImages() {
        return check("pruneImages", real::pruneImages);
    }
}
