package dev.berth.engine.compose;

import dev.berth.engine.api.EngineJson;
import dev.berth.engine.api.model.ContainerSummary;
import dev.berth.engine.api.model.MountPoint;
import dev.berth.engine.api.model.PortMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.type.TypeReference;

/**
 * One container of a Compose project, typed: built once from the engine's listing and its
 * {@code com.docker.compose.*} labels (whoever wrote them: Berth, Compose v2 or docker-compose v1), so the
 * planner, {@code ps}, {@code ls} and the GUI read fields instead of label strings and status texts.
 *
 * @param id           the engine id
 * @param name         the container name, without the engine's leading slash
 * @param project      from {@link ComposeLabels#PROJECT}, empty if absent
 * @param service      from {@link ComposeLabels#SERVICE}, empty if absent
 * @param number       from {@link ComposeLabels#CONTAINER_NUMBER}, 0 if absent or not a number
 * @param oneOff       created by {@code run} ({@link ComposeLabels#ONEOFF})
 * @param configHash   from {@link ComposeLabels#CONFIG_HASH}, may be empty
 * @param dependencies from {@link ComposeLabels#DEPENDS_ON} (docker-compose v1 wrote none)
 * @param state        the engine state
 * @param health       the health the status text reports
 * @param exitCode     the exit code the status text reports ({@code Exited (137) …}), else 0
 * @param status       the engine's status text ({@code Up 3 minutes (healthy)})
 * @param image        the image it runs, as named at creation
 * @param imageId      the id of that image
 * @param command      its command
 * @param created      creation time, seconds since the epoch (0 if unknown)
 * @param ports        its exposed and published ports
 * @param configFiles  from {@link ComposeLabels#CONFIG_FILES}: the compose files it was started from
 * @param workingDir   from {@link ComposeLabels#WORKING_DIR}, may be empty
 * @param configFields from {@link ComposeLabels#BERTH_CONFIG_FIELDS}: the flattened configuration Berth recorded
 *                     when it created the container, or empty (other tools' containers): diffs then name no fields
 * @param networks     the networks it is attached to, as the engine names them ({@code shop_default})
 * @param mounts       its mounts (volumes, binds, tmpfs) as the engine lists them
 */
public record ServiceContainer(
        String id,
        String name,
        String project,
        String service,
        int number,
        boolean oneOff,
        String configHash,
        List<DependsOn> dependencies,
        ContainerState state,
        ContainerHealth health,
        int exitCode,
        String status,
        String image,
        String imageId,
        String command,
        long created,
        List<PortMapping> ports,
        List<String> configFiles,
        String workingDir,
        Map<String, String> configFields,
        List<String> networks,
        List<MountPoint> mounts) {

    private static final Pattern EXIT_CODE = Pattern.compile("Exited \\((-?\\d+)\\)");

    public ServiceContainer {
        dependencies = List.copyOf(dependencies);
        ports = List.copyOf(ports);
        configFiles = List.copyOf(configFiles);
        configFields = Map.copyOf(configFields);
        networks = List.copyOf(networks);
        mounts = List.copyOf(mounts);
    }

    /** The typed view of one listed container. */
    public static ServiceContainer of(ContainerSummary summary) {
        Map<String, String> labels = summary.labels() == null ? Map.of() : summary.labels();
        String status = summary.status() == null ? "" : summary.status();
        String configFiles = labels.getOrDefault(ComposeLabels.CONFIG_FILES, "");
        return new ServiceContainer(
                summary.id(),
                nameOf(summary),
                labels.getOrDefault(ComposeLabels.PROJECT, ""),
                labels.getOrDefault(ComposeLabels.SERVICE, ""),
                number(labels.get(ComposeLabels.CONTAINER_NUMBER)),
                ComposeLabels.TRUE.equalsIgnoreCase(labels.getOrDefault(ComposeLabels.ONEOFF, ComposeLabels.FALSE)),
                labels.getOrDefault(ComposeLabels.CONFIG_HASH, ""),
                DependsOn.parse(labels.get(ComposeLabels.DEPENDS_ON)),
                ContainerState.of(summary.state()),
                ContainerHealth.ofStatus(status),
                exitCode(status),
                status,
                summary.image(),
                summary.imageId(),
                summary.command(),
                summary.created() == null ? 0 : summary.created(),
                summary.ports() == null ? List.of() : summary.ports().stream().filter(p -> p != null).toList(),
                configFiles.isBlank() ? List.of() : List.of(configFiles.split(",")),
                labels.getOrDefault(ComposeLabels.WORKING_DIR, ""),
                configFields(labels.get(ComposeLabels.BERTH_CONFIG_FIELDS)),
                summary.networkSettings() == null || summary.networkSettings().networks() == null ? List.of()
                        : List.copyOf(summary.networkSettings().networks().keySet()),
                summary.mounts() == null ? List.of() : summary.mounts().stream().filter(m -> m != null).toList());
    }

    /** The container's name without the engine's leading slash (the short id when it has none). */
    public static String nameOf(ContainerSummary container) {
        if (container.names() == null || container.names().isEmpty()) {
            return container.id().substring(0, Math.min(12, container.id().length()));
        }
        String name = container.names().getFirst();
        return name.startsWith("/") ? name.substring(1) : name;
    }

    /** Running, or being restarted by its restart policy. */
    public boolean isUp() {
        return state.isUp();
    }

    /** Its ports in Compose's form: {@code 127.0.0.1:8080->80/tcp}, or {@code 80/tcp} when only exposed. */
    public List<String> publishedPorts() {
        List<String> published = new ArrayList<>();
        for (PortMapping port : ports) {
            if (port.publicPort() != null) {
                published.add((port.ip() == null || port.ip().isEmpty() ? "" : port.ip() + ":") + port.publicPort()
                        + "->" + port.privatePort() + "/" + port.type());
            } else {
                published.add(port.privatePort() + "/" + port.type());
            }
        }
        return published;
    }

    /**
     * One entry of the {@code depends_on} label, which Compose v2 writes as {@code db:service_healthy:false,...}
     * (service, condition, restart). Written and read only here.
     *
     * @param service   the service depended on
     * @param condition {@code service_started}, {@code service_healthy} or {@code service_completed_successfully}
     * @param restart   restart this container when the dependency is recreated
     */
    public record DependsOn(String service, String condition, boolean restart) {

        /** The label's value for these dependencies. */
        public static String label(List<DependsOn> dependencies) {
            return String.join(",", dependencies.stream()
                    .map(d -> d.service() + ":" + d.condition() + ":" + d.restart()).toList());
        }

        /** The dependencies a label value names; blank entries are skipped, missing parts take Compose's defaults. */
        public static List<DependsOn> parse(String label) {
            if (label == null || label.isBlank()) {
                return List.of();
            }
            List<DependsOn> dependencies = new ArrayList<>();
            for (String entry : label.split(",")) {
                String[] parts = entry.trim().split(":");
                if (parts[0].isEmpty()) {
                    continue;
                }
                dependencies.add(new DependsOn(parts[0],
                        parts.length > 1 && !parts[1].isEmpty() ? parts[1] : "service_started",
                        parts.length > 2 && Boolean.parseBoolean(parts[2])));
            }
            return dependencies;
        }
    }

    private static int number(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int exitCode(String status) {
        Matcher matcher = EXIT_CODE.matcher(status);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }

    private static Map<String, String> configFields(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return EngineJson.MAPPER.readValue(json, new TypeReference<Map<String, String>>() {});
        } catch (RuntimeException e) {
            return Map.of(); // written by something else, or damaged: fall back to "configuration changed"
        }
    }
}
