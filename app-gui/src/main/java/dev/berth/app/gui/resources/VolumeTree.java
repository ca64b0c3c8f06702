package dev.berth.app.gui.resources;

import dev.berth.app.resources.VolumeEntry;
import dev.berth.app.resources.VolumeListing;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A volume's files as a tree: directories first, then by name; a directory's size is the sum of what is
 * under it. Built from a flat {@link VolumeListing} (tar order); parents missing from the listing (a
 * truncated one) are made up so every entry has a place.
 */
public record VolumeTree(String name, String path, VolumeEntry entry, long size, int files, List<VolumeTree> children) {

    public boolean isDirectory() {
        return entry == null || entry.isDirectory();
    }

    public static VolumeTree of(VolumeListing listing) {
        Builder root = new Builder(listing.volume(), "", null);
        Map<String, Builder> byPath = new HashMap<>();
        byPath.put("", root);
        for (VolumeEntry entry : listing.entries()) {
            Builder node = byPath.computeIfAbsent(entry.path(), p -> new Builder(entry.name(), p, entry));
            node.entry = entry;
            attach(node, entry.parent(), byPath);
        }
        return root.build();
    }

    private static void attach(Builder node, String parentPath, Map<String, Builder> byPath) {
        if (node.attached) {
            return;
        }
        node.attached = true;
        Builder parent = byPath.get(parentPath);
        if (parent == null) {
            int slash = parentPath.lastIndexOf('/');
            parent = new Builder(slash < 0 ? parentPath : parentPath.substring(slash + 1), parentPath, null);
            byPath.put(parentPath, parent);
            attach(parent, slash < 0 ? "" : parentPath.substring(0, slash), byPath);
        }
        parent.children.add(node);
    }

    private static final class Builder {
        final String name;
        final String path;
        VolumeEntry entry;
        boolean attached;
        final List<Builder> children = new ArrayList<>();

        Builder(String name, String path, VolumeEntry entry) {
            this.name = name;
            this.path = path;
            this.entry = entry;
        }

        VolumeTree build() {
            List<VolumeTree> built = new ArrayList<>(children.size());
            long size = entry != null && entry.type() == VolumeEntry.Type.FILE ? entry.size() : 0;
            int files = entry != null && entry.type() == VolumeEntry.Type.FILE ? 1 : 0;
            for (Builder child : children) {
                VolumeTree tree = child.build();
                built.add(tree);
                size += tree.size();
                files += tree.files();
            }
            built.sort(Comparator.comparing((VolumeTree t) -> !t.isDirectory()).thenComparing(VolumeTree::name));
            return new VolumeTree(name, path, entry, size, files, List.copyOf(built));
        }
    }
}
