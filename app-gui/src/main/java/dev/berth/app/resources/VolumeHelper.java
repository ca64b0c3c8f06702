package dev.berth.app.resources;

import dev.berth.engine.api.EngineApiException;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.api.Filters;
import dev.berth.engine.api.model.ContainerConfig;
import dev.berth.engine.api.model.ContainerCreateRequest;
import dev.berth.engine.api.model.HostConfig;
import dev.berth.engine.api.model.ImageSummary;
import dev.berth.engine.api.model.Mount;
import dev.berth.engine.compose.ComposeLabels;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Browses a volume through a short-lived helper container that mounts it read-only and is never started:
 * the archive API ({@code GET /containers/{id}/archive}) reads a created container's mounts, so any local
 * image serves — no command runs and nothing can write to the volume. The helper is labelled so Berth can
 * tell it from real users of the volume, and removed on {@link #close}.
 */
public final class VolumeHelper implements VolumeFiles {

    /** Label every helper carries; its value is the volume it mounts. */
    public static final String LABEL = ComposeLabels.BERTH_VOLUME_BROWSER;
    /** Where the volume is mounted in the helper. */
    static final String MOUNT = "/berth-volume";
    /** Images tried first (small and common); otherwise the smallest local image. */
    static final List<String> PREFERRED_IMAGES = List.of("busybox:latest", "berth-test/busybox:latest", "alpine:latest");
    /** More entries than anyone browses by hand; bounds memory and time on huge volumes. */
    public static final int LIST_LIMIT = 20_000;
    /** How much of a file the preview reads. */
    public static final int PREVIEW_BYTES = 256 * 1024;

    private final EngineClient engine;
    private final String volume;
    private final String container;
    private volatile boolean closed;

    private VolumeHelper(EngineClient engine, String volume, String container) {
        this.engine = engine;
        this.volume = volume;
        this.container = container;
    }

    /** Creates the helper container for {@code volume}; throws when the volume or any local image is missing. */
    public static VolumeHelper open(EngineClient engine, String volume) {
        engine.volumes().inspect(volume); // a clear "no such volume" rather than the engine creating it on mount
        String image = chooseImage(engine);
        ContainerConfig config = ContainerConfig.builder()
                .image(image)
                .entrypoint(List.of("/berth-never-started"))
                .cmd(List.of())
                .labels(Map.of(LABEL, volume))
                .networkDisabled(true)
                .build();
        HostConfig host = HostConfig.builder()
                .networkMode("none")
                .mounts(List.of(Mount.builder().type("volume").source(volume).target(MOUNT).readOnly(true).build()))
                .build();
        String name = "berth-browse-" + UUID.randomUUID().toString().substring(0, 8);
        String id = engine.containers().create(name, ContainerCreateRequest.builder().config(config).hostConfig(host).build()).id();
        return new VolumeHelper(engine, volume, id);
    }

    static String chooseImage(EngineClient engine) {
        String configured = System.getProperty("berth.volume-browser.image");
        List<ImageSummary> images = engine.images().list(false, Filters.none());
        for (String wanted : configured == null ? PREFERRED_IMAGES : List.of(configured)) {
            for (ImageSummary image : images) {
                if (image.repoTags() != null && image.repoTags().contains(wanted)) {
                    return wanted;
                }
            }
        }
        return images.stream()
                .filter(image -> image.size() != null)
                .min(Comparator.comparingLong(ImageSummary::size))
                .map(ImageSummary::id)
                .orElseThrow(() -> new EngineException("Browsing a volume needs one local image for a helper container "
                        + "(it is never started); the engine has none. Pull a small one, e.g. busybox."));
    }

    /** Whether a container with these labels is one of Berth's browse helpers. */
    public static boolean isHelper(Map<String, String> labels) {
        return labels != null && labels.containsKey(LABEL);
    }

    /** Finds every browse helper. */
    public static Filters filter() {
        return Filters.none().label(LABEL);
    }

    @Override
    public String volume() {
        return volume;
    }

    /** The helper container's id (tests check it is gone after {@link #close}). */
    public String containerId() {
        return container;
    }

    @Override
    public VolumeListing list() {
        try (InputStream tar = engine.containers().archive(container, MOUNT)) {
            // Large reads: the listing skips every file's content, which still crosses the socket.
            return TarListing.read(volume, new BufferedInputStream(tar, 1 << 16), LIST_LIMIT);
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the files of volume " + volume + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public FilePreview preview(String path) {
        Objects.requireNonNull(path);
        if (path.isEmpty() || path.startsWith("/") || List.of(path.split("/")).contains("..")) {
            throw new IllegalArgumentException("Not a path inside the volume: " + path);
        }
        try (InputStream raw = engine.containers().archive(container, MOUNT + "/" + path);
             TarArchiveInputStream tar = new TarArchiveInputStream(raw)) {
            TarArchiveEntry entry = tar.getNextEntry();
            if (entry == null) {
                return new FilePreview(path, 0, "", false, false);
            }
            if (entry.isDirectory()) {
                return new FilePreview(path, 0, "(a directory)", false, false);
            }
            if (entry.isSymbolicLink() || entry.isLink()) {
                return new FilePreview(path, 0, "→ " + entry.getLinkName(), false, false);
            }
            long size = entry.getSize();
            byte[] head = tar.readNBytes((int) Math.min(size, PREVIEW_BYTES));
            return TextPreview.of(path, size, head, size > head.length);
        } catch (EngineApiException e) {
            if (e.isNotFound()) {
                throw new ResourceRefusedException(path + " is no longer in volume " + volume + ".", e);
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("Reading " + path + " in volume " + volume + " failed: " + e.getMessage(), e);
        }
    }

    /** Removes the helper; safe to call twice. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            engine.containers().remove(container, true, false);
        } catch (EngineApiException e) {
            if (!e.isNotFound() && !e.isConflict()) { // gone, or being removed with its volume
                throw e;
            }
        }
    }
}
