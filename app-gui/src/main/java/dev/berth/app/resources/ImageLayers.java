package dev.berth.app.resources;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What an image is made of, as the layers view shows it: its build steps oldest first, each marked as a
 * layer (with its RootFS diff id and the other local images holding the same layer) or as an empty step
 * (metadata: ENV, CMD, LABEL…), the total size, the size only this image holds, and its base image.
 *
 * <p>A layer is shared with another image when that image's RootFS starts with the same diff ids up to and
 * including this layer: the storage driver stacks layers, so the same diff id on a different parent chain
 * is a different layer on disk (what the engine calls the chain id).
 *
 * @param uniqueSize bytes no other local image holds ({@code docker system df -v}'s UNIQUE SIZE)
 * @param baseImage the local image whose layers this one starts with (the longest such), or null
 */
public record ImageLayers(String image, List<Step> steps, long totalSize, long uniqueSize, String baseImage) {

    /** One history entry. {@code diffId} is null for an empty step; {@code sharedWith} names other local images. */
    public record Step(String command, long size, Instant created, String diffId, List<String> sharedWith, String comment) {
        public Step {
            sharedWith = List.copyOf(sharedWith);
        }

        public boolean empty() {
            return diffId == null;
        }

        public boolean shared() {
            return !sharedWith.isEmpty();
        }
    }

    /** One history entry as the engine gives it ({@code /images/{name}/history}). */
    public record HistoryEntry(String createdBy, long size, Instant created, String comment) {}

    /** Another local image: a display name and its RootFS diff ids, bottom layer first. */
    public record LocalImage(String id, String name, List<String> layers) {}

    public ImageLayers {
        steps = List.copyOf(steps);
    }

    // Instructions that only change the image's config: the classic builder writes "#(nop) ENV …", BuildKit
    // writes the bare instruction. COPY and ADD make layers even behind "#(nop)".
    private static final Pattern METADATA = Pattern.compile(
            "^(?:/bin/sh -c )?(?:#\\(nop\\)\\s*)?(ENV|LABEL|CMD|ENTRYPOINT|EXPOSE|USER|ARG|ONBUILD|STOPSIGNAL|HEALTHCHECK"
                    + "|SHELL|VOLUME|MAINTAINER|WORKDIR)\\b.*", Pattern.DOTALL);

    /**
     * @param history the image's history, newest first (as the engine sends it)
     * @param layers the image's RootFS diff ids, bottom first
     * @param others every other local image (the image itself may be among them: it is skipped by id)
     * @param sharedSize the engine's figure for bytes shared with other images ({@code /system/df}), or -1 to
     *                   compute it from the layers
     */
    public static ImageLayers of(String id, String name, List<HistoryEntry> history, List<String> layers,
                                 List<LocalImage> others, long sharedSize) {
        List<HistoryEntry> oldestFirst = new ArrayList<>(history);
        Collections.reverse(oldestFirst);
        boolean[] isLayer = assignLayers(oldestFirst, layers.size());
        List<LocalImage> rest = others.stream().filter(o -> !o.id().equals(id)).toList();
        List<Step> steps = new ArrayList<>(oldestFirst.size());
        int layer = 0;
        long total = 0;
        long computedShared = 0;
        for (int i = 0; i < oldestFirst.size(); i++) {
            HistoryEntry entry = oldestFirst.get(i);
            total += entry.size();
            String diffId = null;
            List<String> sharedWith = List.of();
            if (isLayer[i] && layer < layers.size()) {
                diffId = layers.get(layer);
                int depth = layer + 1;
                sharedWith = rest.stream().filter(o -> startsWith(o.layers(), layers, depth)).map(LocalImage::name).distinct().toList();
                if (!sharedWith.isEmpty()) {
                    computedShared += entry.size();
                }
                layer++;
            }
            steps.add(new Step(entry.createdBy() == null ? "" : entry.createdBy().strip(), entry.size(), entry.created(),
                    diffId, sharedWith, entry.comment()));
        }
        long shared = sharedSize >= 0 ? sharedSize : computedShared;
        return new ImageLayers(name, steps, total, Math.max(0, total - shared), base(layers, rest));
    }

    /**
     * Which entries (oldest first) made the {@code layerCount} RootFS layers: every entry with bytes does;
     * a zero-byte entry does only when it is not a metadata instruction and layers are still unaccounted for
     * (a {@code RUN} that changed nothing still makes an empty layer).
     */
    static boolean[] assignLayers(List<HistoryEntry> oldestFirst, int layerCount) {
        boolean[] isLayer = new boolean[oldestFirst.size()];
        int withBytes = (int) oldestFirst.stream().filter(e -> e.size() > 0).count();
        int zeroByteLayersNeeded = Math.max(0, layerCount - withBytes);
        for (int i = 0; i < oldestFirst.size(); i++) {
            HistoryEntry entry = oldestFirst.get(i);
            if (entry.size() > 0) {
                isLayer[i] = true;
            } else if (zeroByteLayersNeeded > 0 && !isMetadata(entry.createdBy())) {
                isLayer[i] = true;
                zeroByteLayersNeeded--;
            }
        }
        return isLayer;
    }

    static boolean isMetadata(String createdBy) {
        return createdBy != null && METADATA.matcher(createdBy.strip()).matches();
    }

    private static boolean startsWith(List<String> candidate, List<String> layers, int depth) {
        return candidate.size() >= depth && candidate.subList(0, depth).equals(layers.subList(0, depth));
    }

    /** The image with the most layers that are all a proper prefix of {@code layers}. */
    private static String base(List<String> layers, List<LocalImage> others) {
        LocalImage best = null;
        for (LocalImage other : others) {
            int n = other.layers().size();
            if (n > 0 && n < layers.size() && startsWith(layers, other.layers(), n)
                    && (best == null || n > best.layers().size())) {
                best = other;
            }
        }
        return best == null ? null : best.name();
    }

    /** The layers only, for callers that count them. */
    public List<Step> layers() {
        return steps.stream().filter(s -> !s.empty()).toList();
    }
}
