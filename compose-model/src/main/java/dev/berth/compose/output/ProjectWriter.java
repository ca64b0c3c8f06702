package dev.berth.compose.output;

import dev.berth.compose.model.Project;
import dev.berth.compose.model.ServiceSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prints a loaded project the way {@code docker compose config} does: the normalised model in long
 * syntax (ports with target/published/host_ip/protocol, volumes with type/source/target, depends_on
 * as a mapping with condition), keys sorted like Go prints maps, top-level sections in the usual order.
 * Literal {@code $} are written as {@code $$} so that the output loads back to the same values.
 */
public final class ProjectWriter {

    private static final List<String> TOP_LEVEL_ORDER = List.of("name", "services", "networks", "volumes", "secrets", "configs", "models");

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
        DumpSettings settings = DumpSettings.builder()
                .setDefaultFlowStyle(FlowStyle.BLOCK)
                .setIndent(2)
                .setIndicatorIndent(2)
                .setIndentWithIndicator(true)
                .setWidth(Integer.MAX_VALUE)
                .build();
        return new Dump(settings).dumpToString(document(project));
    }

    public String toJson(Project project) {
        return JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                .writeValueAsString(document(project)) + "\n";
    }

    /** The ordered plain document that both formats print. */
    public Map<String, Object> document(Project project) {
        Map<String, Object> canonical = project.canonical();
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : TOP_LEVEL_ORDER) {
            if (canonical.containsKey(key)) {
                out.put(key, prepare(canonical.get(key), key.equals("name") ? 0 : 1));
            }
        }
        for (Map.Entry<String, Object> e : canonical.entrySet()) {
            if (!out.containsKey(e.getKey())) {
                out.put(e.getKey(), prepare(e.getValue(), 1));
            }
        }
        return out;
    }

    private Object prepare(Object value, int depth) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                sorted.put(String.valueOf(e.getKey()), prepare(e.getValue(), depth + 1));
            }
            return new LinkedHashMap<>(sorted);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(prepare(o, depth + 1));
            }
            return out;
        }
        if (value instanceof String s && escapeDollars && s.indexOf('$') >= 0) {
            return s.replace("$", "$$");
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
