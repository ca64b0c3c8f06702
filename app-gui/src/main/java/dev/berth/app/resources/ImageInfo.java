package dev.berth.app.resources;

import java.time.Instant;
import java.util.List;

/**
 * One row of the images list: like {@code docker images}, one row per {@code repo:tag}, and one row for an
 * untagged (dangling) image. Removing a row removes that tag only (the image goes when its last tag does),
 * so removing {@code app:old} never takes {@code app:new} with it.
 *
 * @param tag this row's {@code repo:tag}, or null for a dangling image
 * @param allTags every tag of the image
 * @param usedBy names of the containers created from the image (running or not)
 */
public record ImageInfo(String id, String tag, List<String> allTags, long size, Instant created, List<String> usedBy) {

    public ImageInfo {
        allTags = List.copyOf(allTags);
        usedBy = List.copyOf(usedBy);
    }

    /** {@code sha256:0123456789ab…} → {@code 0123456789ab}, the way {@code docker images} shows it. */
    public String shortId() {
        String hex = id.startsWith("sha256:") ? id.substring(7) : id;
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }

    /** The tag, or {@code <none>:<none>} like {@code docker images}. */
    public String displayName() {
        return tag == null ? "<none>:<none>" : tag;
    }

    /** What to hand the engine to remove this row: the tag, or the id of a dangling image. */
    public String reference() {
        return tag == null ? id : tag;
    }

    public boolean dangling() {
        return tag == null;
    }

    /** Whether removing this row deletes the image itself (its last tag, or a dangling image), not just a name. */
    public boolean removesImage() {
        return allTags.size() <= 1;
    }

    public boolean inUse() {
        return !usedBy.isEmpty();
    }
}
