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
 * Volume short syntax {@code [SOURCE:]TARGET[:MODE]} to the long form. A source starting with
 * {@code .}, {@code /}, {@code ~} or a drive letter is a bind mount, anything else a named volume;
 * a lone path is an anonymous volume. Modes: ro/rw, z/Z (SELinux), propagation, nocopy.
 */
final class Volumes {

    private Volumes() {}

    static ListNode canonicalize(ListNode volumes, String path, Diagnostics diagnostics) {
        ListNode out = new ListNode(volumes.location());
        for (int i = 0; i < volumes.size(); i++) {
            Node item = volumes.get(i);
            if (item instanceof MapNode long_) {
                out.add(long_);
            } else if (item instanceof ScalarNode s && s.value() != null) {
                MapNode parsed = parse(s.asString(), s.location(), TreePath.index(path, i), diagnostics);
                if (parsed != null) {
                    out.add(parsed);
                }
            }
        }
        return out;
    }

    private static MapNode parse(String spec, Location at, String path, Diagnostics diagnostics) {
        List<String> parts = split(spec);
        for (String part : parts) {
            if (part.isEmpty()) {
                diagnostics.error("volume-syntax", path, at, "invalid spec: " + spec + ": empty section between colons");
                return null;
            }
        }
        if (parts.size() > 3) {
            diagnostics.error("volume-syntax", path, at, "invalid spec: " + spec + ": too many colons");
            return null;
        }
        MapNode volume = new MapNode(at);
        if (parts.size() == 1) {
            volume.put("type", ScalarNode.of(at, "volume"));
            volume.put("target", ScalarNode.of(at, parts.get(0)));
            volume.put("volume", new MapNode(at));
            return volume;
        }
        String source = parts.get(0);
        String target = parts.get(1);
        boolean bind = isPath(source);
        volume.put("type", ScalarNode.of(at, bind ? "bind" : "volume"));
        volume.put("source", ScalarNode.of(at, source));
        volume.put("target", ScalarNode.of(at, target));
        MapNode bindOptions = new MapNode(at);
        MapNode volumeOptions = new MapNode(at);
        if (bind) {
            bindOptions.put("create_host_path", ScalarNode.of(at, Boolean.TRUE));
        }
        if (parts.size() == 3) {
            for (String option : parts.get(2).split(",")) {
                switch (option) {
                    case "ro" -> volume.put("read_only", ScalarNode.of(at, Boolean.TRUE));
                    case "rw" -> { }
                    case "z", "Z" -> bindOptions.put("selinux", ScalarNode.of(at, option));
                    case "shared", "rshared", "slave", "rslave", "private", "rprivate" ->
                            bindOptions.put("propagation", ScalarNode.of(at, option));
                    case "nocopy" -> volumeOptions.put("nocopy", ScalarNode.of(at, Boolean.TRUE));
                    case "cached", "delegated", "consistent" -> volume.put("consistency", ScalarNode.of(at, option));
                    default -> {
                        diagnostics.error("volume-syntax", path, at, "invalid spec: " + spec + ": unknown mode \"" + option + "\"");
                        return null;
                    }
                }
            }
        }
        if (bind) {
            volume.put("bind", bindOptions);
        } else {
            volume.put("volume", volumeOptions);
        }
        return volume;
    }

    static boolean isPath(String source) {
        return source.startsWith(".") || source.startsWith("/") || source.startsWith("~") || source.startsWith("\\")
                || source.length() >= 3 && Character.isLetter(source.charAt(0)) && source.charAt(1) == ':' && source.charAt(2) == '\\';
    }

    /**
     * Splits on colons, leaving a Windows drive letter attached to its path. Only {@code C:\} counts:
     * {@code c:/c} is the volume {@code c} mounted at {@code /c}.
     */
    private static List<String> split(String spec) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < spec.length(); i++) {
            if (spec.charAt(i) != ':') {
                continue;
            }
            boolean driveLetter = i - start == 1 && Character.isLetter(spec.charAt(start))
                    && i + 1 < spec.length() && spec.charAt(i + 1) == '\\';
            if (driveLetter) {
                continue;
            }
            parts.add(spec.substring(start, i));
            start = i + 1;
        }
        parts.add(spec.substring(start));
        return parts;
    }
}
