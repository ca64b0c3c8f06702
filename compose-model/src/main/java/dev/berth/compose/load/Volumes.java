package dev.berth.compose.load;

import dev.berth.compose.Diagnostics;
import dev.berth.compose.Location;
import dev.berth.compose.tree.ListNode;
import dev.berth.compose.tree.MapNode;
import dev.berth.compose.tree.Node;
import dev.berth.compose.tree.ScalarNode;
import dev.berth.compose.tree.TreePath;
import java.util.ArrayList;
import java.util.List;

/**
 * Volume short syntax {@code [SOURCE:]TARGET[:MODE]} to the long form, accepting and refusing exactly
 * what docker compose does (compose-go's {@code format.ParseVolume}): a source starting with {@code .},
 * {@code /}, {@code ~}, {@code \\} or a drive letter ({@code C:}) is a bind mount (with
 * {@code create_host_path}), anything else a named volume; a lone path is an anonymous volume. Colons
 * inside {@code ${…}} do not split. Modes: ro/rw, nocopy, z/Z (SELinux), propagation; other modes are
 * ignored, as compose-go ignores them. Every short-syntax target is cleaned like Go's {@code path.Clean}
 * ({@code /var/www/html/} → {@code /var/www/html}, as compose-go's {@code transform/volume.go}); a long-syntax
 * target is kept as written, as compose-go keeps it.
 */
final class Volumes {

    private Volumes() {}

    /** With null diagnostics, a spec that does not parse is kept as written (no interpolation: it may hold ${…}). */
    static ListNode canonicalize(ListNode volumes, String path, Diagnostics diagnostics) {
        ListNode out = new ListNode(volumes.location());
        for (int i = 0; i < volumes.size(); i++) {
            Node item = volumes.get(i);
            if (item instanceof MapNode long_) {
                out.add(long_);
            } else if (item instanceof ScalarNode s && s.value() != null) {
                MapNode parsed = parse(s.asString(), s.location(), TreePath.index(path, i),
                        diagnostics == null ? new Diagnostics() : diagnostics);
                if (parsed != null) {
                    out.add(parsed);
                } else if (diagnostics == null) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    private static MapNode parse(String spec, Location at, String path, Diagnostics diagnostics) {
        MapNode volume = new MapNode(at);
        if (spec.isEmpty()) {
            diagnostics.error("volume-syntax", path, at, TreePath.display(path) + ": invalid empty volume spec");
            return null;
        }
        if (spec.length() <= 2) {
            // ParseVolume takes it whole as the target; transformVolumeMount still cleans it ("a/" -> "a").
            volume.put("type", ScalarNode.of(at, "volume"));
            volume.put("target", ScalarNode.of(at, cleanTarget(spec)));
            return volume;
        }
        List<String> parts = split(spec);
        for (int i = 0; i < parts.size(); i++) {
            String why = parts.get(i).isEmpty() ? "empty section between colons"
                    : i == 2 && parts.size() > 3 ? "too many colons" : null;
            if (why != null) {
                diagnostics.error("volume-syntax", path, at, "invalid spec: " + spec + ": " + why);
                return null;
            }
        }
        if (parts.size() == 1) {
            volume.put("type", ScalarNode.of(at, "volume"));
            volume.put("target", ScalarNode.of(at, cleanTarget(parts.get(0))));
            volume.put("volume", new MapNode(at));
            return volume;
        }
        String source = parts.get(0);
        boolean bind = isPath(source);
        volume.put("type", ScalarNode.of(at, bind ? "bind" : "volume"));
        volume.put("source", ScalarNode.of(at, source));
        volume.put("target", ScalarNode.of(at, cleanTarget(parts.get(1))));
        MapNode bindOptions = null;
        MapNode volumeOptions = null;
        if (parts.size() == 3) {
            for (String option : parts.get(2).split(",")) {
                switch (option) {
                    case "ro" -> volume.put("read_only", ScalarNode.of(at, Boolean.TRUE));
                    case "rw" -> volume.remove("read_only");
                    case "nocopy" -> {
                        volumeOptions = new MapNode(at);
                        volumeOptions.put("nocopy", ScalarNode.of(at, Boolean.TRUE));
                    }
                    case "z", "Z" -> {
                        bindOptions = bindOptions == null ? new MapNode(at) : bindOptions;
                        bindOptions.put("selinux", ScalarNode.of(at, option));
                    }
                    case "shared", "rshared", "slave", "rslave", "private", "rprivate" -> {
                        bindOptions = bindOptions == null ? new MapNode(at) : bindOptions;
                        bindOptions.put("propagation", ScalarNode.of(at, option));
                    }
                    default -> { } // compose-go ignores modes it does not know
                }
            }
        }
        if (bind) {
            bindOptions = bindOptions == null ? new MapNode(at) : bindOptions;
            bindOptions.put("create_host_path", ScalarNode.of(at, Boolean.TRUE));
        } else if (volumeOptions == null) {
            volumeOptions = new MapNode(at);
        }
        if (bindOptions != null) {
            volume.put("bind", bindOptions);
        }
        if (volumeOptions != null) {
            volume.put("volume", volumeOptions);
        }
        return volume;
    }

    static boolean isPath(String source) {
        if (source.isEmpty()) {
            return false;
        }
        char first = source.charAt(0);
        return first == '.' || first == '/' || first == '~' || source.startsWith("\\\\")
                || source.length() >= 2 && Character.isLetter(first) && source.charAt(1) == ':';
    }

    /**
     * Splits on colons, as compose-go does: a colon right after a single letter is a Windows drive
     * ({@code C:\data}, {@code d:}), and colons inside {@code ${…}} belong to the variable. One
     * deliberate difference: compose-go also takes {@code c:/x} for a drive (so {@code a:/a} would be an
     * anonymous volume at {@code a:/a}, which the engine then refuses); Berth reads it as the volume
     * {@code a} mounted at {@code /a}, as the conformance corpus expects (docs/CONFORMANCE.md).
     */
    private static List<String> split(String spec) {
        List<String> parts = new ArrayList<>();
        StringBuilder buffer = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (c == '$' && i + 1 < spec.length() && spec.charAt(i + 1) == '{') {
                depth++;
                buffer.append(c);
            } else if (c == '}' && depth > 0) {
                depth--;
                buffer.append(c);
            } else if (c == ':' && buffer.length() == 1 && Character.isLetter(buffer.charAt(0))
                    && (i + 1 == spec.length() || spec.charAt(i + 1) == '\\' || spec.charAt(i + 1) == ':')) {
                buffer.append(c);
            } else if (c == ':' && depth == 0) {
                parts.add(buffer.toString());
                buffer.setLength(0);
            } else {
                buffer.append(c);
            }
        }
        parts.add(buffer.toString());
        return parts;
    }

    /** Go's {@code path.Clean} of a container path: no doubled or trailing slash, no . or .. steps. */
    static String cleanTarget(String target) {
        if (target.isEmpty() || target.indexOf('/') < 0 && !target.equals(".") && !target.equals("..")) {
            return target;
        }
        boolean rooted = target.startsWith("/");
        List<String> out = new ArrayList<>();
        for (String part : target.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
                    out.remove(out.size() - 1);
                } else if (!rooted) {
                    out.add(part);
                }
                continue;
            }
            out.add(part);
        }
        String joined = String.join("/", out);
        return rooted ? "/" + joined : joined.isEmpty() ? "." : joined;
    }
}
