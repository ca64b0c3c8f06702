package dev.berth.app.gui.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One entry of an inspected JSON document: an object, an array or a value, with the path that names it
 * ({@code NetworkSettings.Ports["80/tcp"][0].HostPort} reads as {@code NetworkSettings/Ports/80/tcp/0/HostPort}
 * here; the path is an identity, not a query language). {@code masked} is what the view shows instead of
 * {@code value} until the user reveals secrets: set for an {@code Env} entry whose name looks secret
 * ({@link SecretNames}), null otherwise.
 */
public record InspectNode(String key, String path, Kind kind, String value, String masked, List<InspectNode> children) {

    public enum Kind { OBJECT, ARRAY, VALUE }

    /** Builds the tree of a parsed JSON value: maps, lists, strings, numbers, booleans and nulls. */
    public static InspectNode of(String key, Object json) {
        return build(key, "", json, false);
    }

    private static InspectNode build(String key, String parentPath, Object json, boolean inEnv) {
        String path = parentPath.isEmpty() ? key : parentPath + "/" + key;
        if (json instanceof Map<?, ?> map) {
            List<InspectNode> children = new ArrayList<>(map.size());
            map.forEach((k, v) -> children.add(build(String.valueOf(k), path, v, false)));
            return new InspectNode(key, path, Kind.OBJECT, "{" + map.size() + "}", null, List.copyOf(children));
        }
        if (json instanceof List<?> list) {
            List<InspectNode> children = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                // Env (Config.Env of a container or an image, ContainerSpec.Env of a service): NAME=value strings
                children.add(build(String.valueOf(i), path, list.get(i), key.equals("Env")));
            }
            return new InspectNode(key, path, Kind.ARRAY, "[" + list.size() + "]", null, List.copyOf(children));
        }
        String value = json == null ? "null" : String.valueOf(json);
        String masked = inEnv && json instanceof String entry && !SecretNames.maskEnvEntry(entry).equals(entry) ? SecretNames.maskEnvEntry(entry) : null;
        return new InspectNode(key, path, Kind.VALUE, value, masked, List.of());
    }

    /** What the view shows: the mask of a secret value unless {@code revealed}, else the value. */
    public String shown(boolean revealed) {
        return masked != null && !revealed ? masked : value;
    }

    public boolean isSecret() {
        return masked != null;
    }

    public boolean isLeaf() {
        return children.isEmpty();
    }
}
