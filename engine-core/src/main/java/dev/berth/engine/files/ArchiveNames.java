package dev.berth.engine.files;

/**
 * The engine names archive entries after the requested path's last segment ({@code path=/etc} yields
 * {@code etc/}, {@code etc/hosts}); {@code path=/} yields {@code /}, {@code /bin/} and {@code path=/etc/.}
 * yields {@code ./}, {@code ./hosts}. These helpers turn entry names into paths relative to that root.
 */
final class ArchiveNames {

    private ArchiveNames() {}

    /** {@code /bin/} → {@code bin}; {@code ./hosts} → {@code hosts}; {@code etc/} → {@code etc}; {@code /} → {@code ""}. */
    static String normalize(String name) {
        String n = name;
        while (n.startsWith("/")) {
            n = n.substring(1);
        }
        if (n.equals(".")) {
            return "";
        }
        if (n.startsWith("./")) {
            n = n.substring(2);
        }
        while (n.endsWith("/")) {
            n = n.substring(0, n.length() - 1);
        }
        return n;
    }

    /**
     * The path of {@code entry} below the archive's root entry (both normalised): {@code ""} for the root
     * itself, null for a name outside the root or one that climbs with {@code ..} (never written anywhere).
     */
    static String below(String root, String entry) {
        String relative;
        if (root.isEmpty()) {
            relative = entry;
        } else if (entry.equals(root)) {
            relative = "";
        } else if (entry.startsWith(root + "/")) {
            relative = entry.substring(root.length() + 1);
        } else {
            return null;
        }
        for (String part : relative.split("/")) {
            if (part.equals("..")) {
                return null;
            }
        }
        return relative;
    }

    /** The last segment of a container path: {@code /app/src/} → {@code src}; {@code /} → {@code ""}. */
    static String baseName(String path) {
        String n = normalize(path);
        int slash = n.lastIndexOf('/');
        return slash < 0 ? n : n.substring(slash + 1);
    }

    /** The parent of a container path: {@code /app/src} → {@code /app}; {@code /app} → {@code /}. */
    static String parent(String path) {
        String n = normalize(path);
        int slash = n.lastIndexOf('/');
        return slash < 0 ? "/" : "/" + n.substring(0, slash);
    }
}
