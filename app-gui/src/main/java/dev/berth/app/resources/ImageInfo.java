package dev.berth.app.resources;

import java.time.Instant;
import java.util.List;

/**
 * One image as the images list shows it.
 *
 * @param tags its {@code repo:tag} names; empty for a dangling image
 * @param usedBy names of the containers created from it (running or not)
 */
public record ImageInfo(String id, List<String> tags, long size, Instant created, List<String> usedBy) {

    public ImageInfo {
        tags = List.copyOf(tags);
        usedBy = List.copyOf(usedBy);
    }

    /** {@code sha256:0123456789ab…} → {@code 0123456789ab}, the way {@code docker images} shows it. */
    public String shortId() {
        String hex = id.startsWith("sha256:") ? id.substring(7) : id;
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }

    /** The first tag, or {@code <none>:<none>} like {@code docker images}. */
    public String displayName() {
        return tags.isEmpty() ? "<none>:<none>" : tags.getFirst();
    }

    public boolean dangling() {
        return tags.isEmpty();
    }

    public boolean inUse() {
        return !usedBy.isEmpty();
    }
}
