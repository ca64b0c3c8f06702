package dev.berth.app.resources;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads the entries of a tar stream from the archive API without keeping file contents. The engine names
 * entries after the requested path's last segment ({@code GET …/archive?path=/volume} yields
 * {@code volume/}, {@code volume/conf/app.ini}), so that first segment is stripped.
 */
public final class TarListing {

    private TarListing() {}

    /** Reads at most {@code limit} entries; the listing says whether there were more. */
    public static VolumeListing read(String volume, InputStream tar, int limit) throws IOException {
        List<VolumeEntry> entries = new ArrayList<>();
        boolean truncated = false;
        TarArchiveInputStream in = new TarArchiveInputStream(tar);
        TarArchiveEntry entry;
        while ((entry = in.getNextEntry()) != null) {
            String path = relative(entry.getName());
            if (path.isEmpty()) {
                continue; // the volume's root itself
            }
            if (entries.size() == limit) {
                truncated = true;
                break; // the caller closes the stream: the engine stops sending
            }
            entries.add(toEntry(path, entry));
        }
        return new VolumeListing(volume, entries, truncated);
    }

    static VolumeEntry toEntry(String path, TarArchiveEntry entry) {
        VolumeEntry.Type type = entry.isDirectory() ? VolumeEntry.Type.DIRECTORY
                : entry.isSymbolicLink() || entry.isLink() ? VolumeEntry.Type.LINK
                : entry.isFile() ? VolumeEntry.Type.FILE
                : VolumeEntry.Type.OTHER;
        Instant modified = entry.getLastModifiedTime() == null ? null : entry.getLastModifiedTime().toInstant();
        String link = entry.isSymbolicLink() || entry.isLink() ? entry.getLinkName() : null;
        return new VolumeEntry(path, type, type == VolumeEntry.Type.FILE ? entry.getSize() : 0, entry.getMode(), modified, link);
    }

    /** {@code volume/conf/app.ini} → {@code conf/app.ini}; {@code volume/} → {@code ""}. */
    static String relative(String name) {
        String trimmed = name.startsWith("./") ? name.substring(2) : name;
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        int slash = trimmed.indexOf('/');
        return slash < 0 ? "" : trimmed.substring(slash + 1);
    }
}
