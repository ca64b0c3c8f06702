package dev.berth.compose.output;

import dev.berth.compose.model.Project;
import dev.berth.compose.model.ServiceSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Prints a loaded project the way {@code docker compose config} does, byte for byte: the normalised
 * model in long syntax, in the shape compose-go marshals (struct fields in their order, Go maps sorted,
 * sizes/durations/modes decoded: {@link ComposeShape}), through Go's YAML and JSON styles
 * ({@link GoYaml}, {@link GoJson}); resources no service uses left out unless {@code --all-resources}.
 * Literal {@code $} are written as {@code $$} so that the output loads back to the same values.
 */
public final class ProjectWriter {

    private final boolean escapeDollars;
    private final boolean allResources;

    /**
     * @param escapeDollars true when the project was interpolated (so a literal $ must stay literal when read back)
     * @param allResources  {@code --all-resources}: also the networks, volumes, secrets and configs no service uses
     */
    public ProjectWriter(boolean escapeDollars, boolean allResources) {
        this.escapeDollars = escapeDollars;
        this.allResources = allResources;
    }

    /** @param escapeDollars true when the project was interpolated (so a literal $ must stay literal when read back) */
    public ProjectWriter(boolean escapeDollars) {
        this(escapeDollars, true);
    }

    public ProjectWriter() {
        this(true);
    }

    public String toYaml(Project project) {
        return GoYaml.write(document(project));
    }

    public String toJson(Project project) {
        return GoJson.write(escapeDollars ? jsonDocument(project) : model(project));
    }

    /**
     * The ordered plain document {@code config} prints as YAML. An interpolated project is printed as
     * compose-go marshals its typed project ({@link ComposeShape}); with {@code --no-interpolate} docker
     * compose prints the untyped model instead: every mapping's keys sorted, values as written.
     */
    public Map<String, Object> document(Project project) {
        if (!escapeDollars) {
            return model(project);
        }
        Map<String, Object> canonical = used(project.canonical());
        @SuppressWarnings("unchecked")
        Map<String, Object> shaped = (Map<String, Object>) new ComposeShape(false).shape(canonical, List.of());
        return dollars(shaped);
    }

    /** The JSON form: Project.MarshalJSON puts the top level in a Go map (keys sorted, no models). */
    private Map<String, Object> jsonDocument(Project project) {
        Map<String, Object> canonical = new LinkedHashMap<>(used(project.canonical()));
        canonical.remove("models");
        @SuppressWarnings("unchecked")
        Map<String, Object> shaped = (Map<String, Object>) new ComposeShape(true).shape(canonical, List.of());
        Map<String, Object> top = new TreeMap<>(shaped);
        for (String section : List.of("networks", "volumes", "secrets", "configs")) {
            if (top.get(section) instanceof Map<?, ?> m && m.isEmpty()) {
                top.remove(section);
            }
        }
        return dollars(new LinkedHashMap<>(top));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> model(Project project) {
        return (Map<String, Object>) sortedModel(used(project.canonical()));
    }

    private static Object sortedModel(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                sorted.put(String.valueOf(e.getKey()), sortedModel(e.getValue()));
            }
            return new LinkedHashMap<>(sorted);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(sortedModel(o));
            }
            return out;
        }
        return value;
    }

    /**
     * Without {@code --all-resources}, the networks, volumes, secrets, configs and models no enabled
     * service uses are left out (compose-go's WithoutUnnecessaryResources).
     */
    private Map<String, Object> used(Map<String, Object> canonical) {
        if (allResources) {
            return canonical;
        }
        Set<String> networks = new HashSet<>();
        Set<String> volumes = new HashSet<>();
        Set<String> secrets = new HashSet<>();
        Set<String> configs = new HashSet<>();
        Set<String> models = new HashSet<>();
        if (canonical.get("services") instanceof Map<?, ?> services) {
            for (Object s : services.values()) {
                if (!(s instanceof Map<?, ?> service)) {
                    continue;
                }
                if (service.get("networks") instanceof Map<?, ?> n) {
                    n.keySet().forEach(k -> networks.add(String.valueOf(k)));
                }
                if (service.get("models") instanceof Map<?, ?> m) {
                    m.keySet().forEach(k -> models.add(String.valueOf(k)));
                }
                for (Object v : listOf(service.get("volumes"))) {
                    if (v instanceof Map<?, ?> mount && "volume".equals(mount.get("type")) && mount.get("source") != null) {
                        volumes.add(String.valueOf(mount.get("source")));
                    }
                }
                sources(service.get("secrets"), secrets);
                if (service.get("build") instanceof Map<?, ?> build) {
                    sources(build.get("secrets"), secrets);
                }
                sources(service.get("configs"), configs);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>(canonical);
        keepOnly(out, "networks", networks);
        keepOnly(out, "volumes", volumes);
        keepOnly(out, "secrets", secrets);
        keepOnly(out, "configs", configs);
        keepOnly(out, "models", models);
        return out;
    }

    private static List<?> listOf(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }

    private static void sources(Object references, Set<String> into) {
        for (Object r : listOf(references)) {
            if (r instanceof Map<?, ?> m && m.get("source") != null) {
                into.add(String.valueOf(m.get("source")));
            } else if (r instanceof String name) {
                into.add(name);
            }
        }
    }

    private static void keepOnly(Map<String, Object> document, String section, Set<String> used) {
        if (!(document.get(section) instanceof Map<?, ?> resources)) {
            return;
        }
        Map<String, Object> kept = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : resources.entrySet()) {
            if (used.contains(String.valueOf(e.getKey()))) {
                kept.put(String.valueOf(e.getKey()), e.getValue());
            }
        }
        if (kept.isEmpty()) {
            document.remove(section);
        } else {
            document.put(section, kept);
        }
    }

    /** Literal {@code $} doubled, so that the printed file interpolates back to the same values. */
    @SuppressWarnings("unchecked")
    private static <T> T dollars(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.put(String.valueOf(e.getKey()).replace("$", "$$"), dollars(e.getValue()));
            }
            return (T) out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(dollars(o));
            }
            return (T) out;
        }
        if (value instanceof String s && s.indexOf('$') >= 0) {
            return (T) s.replace("$", "$$");
        }
        return value;
    }

    /** {@code config --services}: enabled service names, one per line. */
    public static List<String> services(Project project) {
        return List.copyOf(project.services().keySet());
    }

    /** {@code config --volumes}. */
    public static List<String> volumes(Project project) {
        return List.copyOf(project.volumes().keySet());
    }

    /** {@code config --networks}. */
    public static List<String> networks(Project project) {
        return List.copyOf(project.networks().keySet());
    }

    /** {@code config --profiles}: every profile named by a service, enabled or not, sorted. */
    public static List<String> profiles(Project project) {
        TreeSet<String> all = new TreeSet<>();
        for (ServiceSpec s : project.services().values()) {
            all.addAll(s.profiles());
        }
        for (ServiceSpec s : project.disabledServices().values()) {
            all.addAll(s.profiles());
        }
        return List.copyOf(all);
    }

    /** {@code config --images}: the image of each service, or the name docker compose gives a built one. */
    public static List<String> images(Project project) {
        List<String> images = new ArrayList<>();
        for (ServiceSpec s : project.services().values()) {
            images.add(s.image() != null ? s.image() : project.name() + "-" + s.name());
        }
        return images;
    }
}
