package dev.berth.engine.compose;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The identity of a service's configuration: a flattened, sorted view of its canonical form
 * ({@code environment.FOO=bar}, {@code ports[0].target=80}, ...) and the SHA-256 of that view, stored on
 * containers as {@code com.docker.compose.config-hash}.
 *
 * <p>Like Compose v2's {@code ServiceHash}, the fingerprint leaves out what does not require a new
 * container: {@code build}, {@code pull_policy}, {@code scale}, {@code deploy.replicas},
 * {@code depends_on} and {@code profiles}. The hash values differ from v2's (v2 hashes Go's JSON encoding
 * of its structs), but both tools agree on which edits count as a change.
 */
public final class ConfigFingerprint {

    /** Top-level service keys that never make a container stale. */
    static final Set<String> EXCLUDED = Set.of("build", "pull_policy", "scale", "depends_on", "profiles");

    private final SortedMap<String, String> fields;
    private final String hash;

    private ConfigFingerprint(SortedMap<String, String> fields) {
        this.fields = fields;
        this.hash = sha256(fields);
    }

    /** The fingerprint of one service given in its canonical (long-syntax) map form. */
    public static ConfigFingerprint of(Map<String, ?> canonicalService) {
        SortedMap<String, String> fields = new TreeMap<>();
        for (Map.Entry<String, ?> entry : canonicalService.entrySet()) {
            String key = entry.getKey();
            if (EXCLUDED.contains(key)) {
                continue;
            }
            if (key.equals("deploy") && entry.getValue() instanceof Map<?, ?> deploy) {
                Map<Object, Object> withoutReplicas = new TreeMap<>();
                deploy.forEach((k, v) -> {
                    if (!"replicas".equals(k)) {
                        withoutReplicas.put(String.valueOf(k), v);
                    }
                });
                if (!withoutReplicas.isEmpty()) {
                    flatten(key, withoutReplicas, fields);
                }
            } else {
                flatten(key, entry.getValue(), fields);
            }
        }
        return new ConfigFingerprint(fields);
    }

    /** Rebuilds a fingerprint from fields recorded earlier (for example in a container label). */
    public static ConfigFingerprint ofFields(Map<String, String> recorded) {
        return new ConfigFingerprint(new TreeMap<>(recorded));
    }

    public Map<String, String> fields() {
        return fields;
    }

    public String hash() {
        return hash;
    }

    private static void flatten(String path, Object value, SortedMap<String, String> into) {
        switch (value) {
            case null -> into.put(path, "null");
            case Map<?, ?> map -> {
                if (map.isEmpty()) {
                    into.put(path, "{}");
                }
                map.forEach((key, child) -> flatten(path + "." + key, child, into));
            }
            case List<?> list -> {
                if (list.isEmpty()) {
                    into.put(path, "[]");
                }
                for (int i = 0; i < list.size(); i++) {
                    flatten(path + "[" + i + "]", list.get(i), into);
                }
            }
            case Collection<?> collection -> flatten(path, List.copyOf(collection), into);
            default -> into.put(path, String.valueOf(value));
        }
    }

    private static String sha256(SortedMap<String, String> fields) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, String> field : fields.entrySet()) {
                digest.update(field.getKey().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(field.getValue().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) '\n');
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present in the JDK", e);
        }
    }
}
