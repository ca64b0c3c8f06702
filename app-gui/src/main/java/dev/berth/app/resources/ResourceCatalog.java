package dev.berth.app.resources;

import java.util.List;
import java.util.Map;

/**
 * The engine's volumes, networks and images as the Resources views need them: listed with who uses them,
 * removed only when that is safe (a {@link ResourceRefusedException} says why not), pruned with what it
 * reclaimed. Every method does I/O: call it off the UI thread. {@link EngineResourceCatalog} is the real
 * one; view-model tests use a fake.
 */
public interface ResourceCatalog {

    /** Every volume, without sizes ({@link #volumeSizes} is slower: the engine walks the volumes). */
    List<VolumeInfo> volumes();

    /** Volume name → bytes used, -1 when unknown, from {@code /system/df}. */
    Map<String, Long> volumeSizes();

    /** Removes a volume; refused while a container uses it. */
    void removeVolume(String name);

    /** Removes every volume no container uses. */
    PruneResult pruneVolumes();

    /** Opens a volume's files for reading; close it to remove what browsing needed on the engine. */
    VolumeFiles browse(String volume);

    List<NetworkInfo> networks();

    Map<String, Object> inspectNetwork(String id);

    /** Removes a network; refused for the predefined ones and while containers are attached. */
    void removeNetwork(NetworkInfo network);

    PruneResult pruneNetworks();

    List<ImageInfo> images();

    Map<String, Object> inspectImage(String id);

    /** The image's build steps and layers, which of them other local images share, its unique size and base. */
    ImageLayers imageLayers(ImageInfo image);

    /**
     * Removes an image row: untags its tag (the image goes with its last tag) or deletes a dangling image;
     * without {@code force}, refused when that would delete an image containers use.
     */
    void removeImage(ImageInfo image, boolean force);

    /** Removes dangling images (untagged, not used by a container). */
    PruneResult pruneImages();
}
