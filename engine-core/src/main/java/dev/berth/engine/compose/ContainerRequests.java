package dev.berth.engine.compose;

import dev.berth.compose.model.FileReference;
import dev.berth.compose.model.HealthcheckSpec;
import dev.berth.compose.model.PortSpec;
import dev.berth.compose.model.Project;
import dev.berth.compose.model.SecretSpec;
import dev.berth.compose.model.ServiceNetwork;
import dev.berth.compose.model.ServiceSpec;
import dev.berth.compose.model.VolumeMount;
import dev.berth.compose.model.VolumeSpec;
import dev.berth.engine.api.model.BindOptions;
import dev.berth.engine.api.model.ContainerConfig;
import dev.berth.engine.api.model.ContainerCreateRequest;
import dev.berth.engine.api.model.DeviceMapping;
import dev.berth.engine.api.model.EndpointIpamConfig;
import dev.berth.engine.api.model.EndpointSettings;
import dev.berth.engine.api.model.Healthcheck;
import dev.berth.engine.api.model.HostConfig;
import dev.berth.engine.api.model.LogConfig;
import dev.berth.engine.api.model.Mount;
import dev.berth.engine.api.model.NetworkingConfig;
import dev.berth.engine.api.model.PortBinding;
import dev.berth.engine.api.model.RestartPolicy;
import dev.berth.engine.api.model.TmpfsOptions;
import dev.berth.engine.api.model.Ulimit;
import dev.berth.engine.api.model.VolumeOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Translates one service of a loaded project into the Engine API's container-create request: the
 * service's settings, the Compose labels that make the container part of the project, the project's
 * network and volume names, and references to other services' containers resolved to container names.
 *
 * <p>Only the first network is given at creation (API 1.41 accepts one endpoint); the executor connects
 * the others before starting the container, as Compose does.
 */
public final class ContainerRequests {

    private final Project project;
    private final Function<String, List<String>> containersOfService;

    /**
     * @param project              the loaded project
     * @param containersOfService  the container names of a service (for {@code service:x} references,
     *                             {@code volumes_from} and {@code links}), in number order
     */
    public ContainerRequests(Project project, Function<String, List<String>> containersOfService) {
        this.project = project;
        this.containersOfService = containersOfService;
    }

    /** The image a service's containers run: {@code image:}, else the name its build is tagged with. */
    public static String imageOf(Project project, ServiceSpec service) {
        return service.image() != null ? service.image() : ResourceNames.builtImageName(project.name(), service.name());
    }

    /** The networks a service joins, highest priority first (then by name), as Compose orders them. */
    public static List<ServiceNetwork> orderedNetworks(ServiceSpec service) {
        List<ServiceNetwork> networks = new ArrayList<>(service.networks().values());
        networks.sort(Comparator.comparing((ServiceNetwork n) -> n.priority() == null ? 0 : n.priority()).reversed()
                .thenComparing(ServiceNetwork::network));
        return networks;
    }

    /**
     * @param configHash       the service's configuration hash, for the {@code config-hash} label
     * @param imageId          the id of the image, for the {@code image} label, or null
     * @param configFieldsJson the flattened configuration for Berth's own label, or null
     */
    public ContainerCreateRequest create(ServiceSpec service, int number, String configHash, String imageId,
                                         String configFieldsJson) {
        String containerName = service.containerName() != null
                ? service.containerName() : ResourceNames.containerName(project.name(), service.name(), number);
        ContainerConfig config = ContainerConfig.builder()
                .image(imageOf(project, service))
                .hostname(service.hostname())
                .domainname(service.domainname())
                .user(service.user())
                .workingDir(service.workingDir())
                .env(environment(service))
                .cmd(service.command())
                .entrypoint(service.entrypoint())
                .labels(labels(service, number, configHash, imageId, configFieldsJson))
                .exposedPorts(exposedPorts(service))
                .healthcheck(healthcheck(service.healthcheck()))
                .stopSignal(service.stopSignal())
                .stopTimeout(service.stopGracePeriod() == null ? null : (int) service.stopGracePeriod().toSeconds())
                .tty(service.tty())
                .openStdin(service.stdinOpen())
                .attachStdin(service.stdinOpen())
                .attachStdout(true)
                .attachStderr(true)
                .build();
        return ContainerCreateRequest.builder()
                .config(config)
                .hostConfig(hostConfig(service, containerName))
                .networkingConfig(networkingConfig(service, containerName))
                .build();
    }

    /** The endpoint settings for one of the service's networks (aliases: service name, container name, extras). */
    public EndpointSettings endpoint(ServiceSpec service, ServiceNetwork network, String containerName) {
        List<String> aliases = new ArrayList<>();
        aliases.add(service.name());
        aliases.add(containerName);
        aliases.addAll(network.aliases());
        EndpointIpamConfig ipam = network.ipv4Address() == null && network.ipv6Address() == null && network.linkLocalIps().isEmpty()
                ? null : new EndpointIpamConfig(network.ipv4Address(), network.ipv6Address(),
                        network.linkLocalIps().isEmpty() ? null : network.linkLocalIps());
        return EndpointSettings.builder()
                .aliases(aliases)
                .ipamConfig(ipam)
                .macAddress(network.macAddress())
                .driverOpts(network.driverOpts().isEmpty() ? null : network.driverOpts())
                .build();
    }

    /** The engine name of a project network key. */
    public String networkName(String key) {
        var spec = project.networks().get(key);
        return spec != null ? spec.name() : project.name() + "_" + key;
    }

    private List<String> environment(ServiceSpec service) {
        List<String> env = new ArrayList<>();
        service.environment().forEach((key, value) -> {
            if (value != null) {
                env.add(key + "=" + value);
            }
        });
        return env;
    }

    private Map<String, String> labels(ServiceSpec service, int number, String configHash, String imageId,
                                       String configFieldsJson) {
        Map<String, String> labels = new LinkedHashMap<>(service.labels());
        labels.put(ComposeLabels.PROJECT, project.name());
        labels.put(ComposeLabels.SERVICE, service.name());
        labels.put(ComposeLabels.CONTAINER_NUMBER, Integer.toString(number));
        labels.put(ComposeLabels.ONEOFF, ComposeLabels.FALSE);
        labels.put(ComposeLabels.CONFIG_HASH, configHash);
        labels.put(ComposeLabels.VERSION, ComposeLabels.COMPATIBLE_VERSION);
        if (project.workingDir() != null) {
            labels.put(ComposeLabels.WORKING_DIR, project.workingDir().toString());
        }
        labels.put(ComposeLabels.CONFIG_FILES, String.join(",", project.configFiles().stream().map(Object::toString).toList()));
        if (imageId != null) {
            labels.put(ComposeLabels.IMAGE, imageId);
        }
        if (!service.dependsOn().isEmpty()) {
            List<ServiceContainer.DependsOn> dependencies = new ArrayList<>();
            service.dependsOn().forEach((name, dependency) ->
                    dependencies.add(new ServiceContainer.DependsOn(name, dependency.condition(), dependency.restart())));
            labels.put(ComposeLabels.DEPENDS_ON, ServiceContainer.DependsOn.label(dependencies));
        }
        if (configFieldsJson != null) {
            labels.put(ComposeLabels.BERTH_CONFIG_FIELDS, configFieldsJson);
        }
        return labels;
    }

    private static Map<String, Map<String, Object>> exposedPorts(ServiceSpec service) {
        Map<String, Map<String, Object>> exposed = new LinkedHashMap<>();
        for (PortSpec port : service.ports()) {
            exposed.put(port.target() + "/" + protocol(port), Map.of());
        }
        for (String expose : service.expose()) {
            String spec = expose.contains("/") ? expose : expose + "/tcp";
            exposed.put(spec, Map.of());
        }
        return exposed.isEmpty() ? null : exposed;
    }

    private static String protocol(PortSpec port) {
        return port.protocol() == null ? "tcp" : port.protocol();
    }

    private static Healthcheck healthcheck(HealthcheckSpec spec) {
        if (spec == null) {
            return null;
        }
        if (spec.disable()) {
            return Healthcheck.builder().test(List.of("NONE")).build();
        }
        return Healthcheck.builder()
                .test(spec.test().isEmpty() ? null : spec.test())
                .interval(nanos(spec.interval()))
                .timeout(nanos(spec.timeout()))
                .startPeriod(nanos(spec.startPeriod()))
                .retries(spec.retries())
                .build();
    }

    private static Long nanos(Duration duration) {
        return duration == null ? null : duration.toNanos();
    }

    private HostConfig hostConfig(ServiceSpec service, String containerName) {
        List<String> binds = new ArrayList<>();
        List<Mount> mounts = new ArrayList<>();
        for (VolumeMount volume : service.volumes()) {
            addMount(volume, binds, mounts);
        }
        for (FileReference secret : service.secrets()) {
            SecretSpec spec = project.secrets().get(secret.source());
            if (spec != null && spec.file() != null) {
                String target = secret.target() == null ? "/run/secrets/" + secret.source()
                        : secret.target().startsWith("/") ? secret.target() : "/run/secrets/" + secret.target();
                mounts.add(Mount.builder().type("bind").source(spec.file()).target(target).readOnly(true).build());
            }
        }
        for (FileReference configRef : service.configs()) {
            var spec = project.configs().get(configRef.source());
            if (spec != null && spec.file() != null) {
                String target = configRef.target() == null ? "/" + configRef.source() : configRef.target();
                mounts.add(Mount.builder().type("bind").source(spec.file()).target(target).readOnly(true).build());
            }
        }
        Map<String, String> tmpfs = new LinkedHashMap<>();
        for (String entry : service.tmpfs()) {
            int colon = entry.indexOf(':');
            tmpfs.put(colon < 0 ? entry : entry.substring(0, colon), colon < 0 ? "" : entry.substring(colon + 1));
        }
        List<String> extraHosts = new ArrayList<>();
        service.extraHosts().forEach((host, addresses) -> addresses.forEach(address -> extraHosts.add(host + ":" + address)));

        Double cpus = service.cpus();
        Long memory = service.memLimit();
        Long pids = null;
        if (service.deploy() != null && service.deploy().limits() != null) {
            var limits = service.deploy().limits();
            cpus = limits.cpus() != null ? limits.cpus() : cpus;
            memory = limits.memory() != null ? limits.memory() : memory;
            pids = limits.pids();
        }
        Long reservation = service.memReservation();
        if (service.deploy() != null && service.deploy().reservations() != null && service.deploy().reservations().memory() != null) {
            reservation = service.deploy().reservations().memory();
        }

        return HostConfig.builder()
                .binds(binds.isEmpty() ? null : binds)
                .mounts(mounts.isEmpty() ? null : mounts)
                .portBindings(portBindings(service))
                .restartPolicy(restartPolicy(service.restart()))
                .networkMode(networkMode(service))
                .volumesFrom(volumesFrom(service))
                .links(links(service))
                .ipcMode(serviceReference(service.ipc()))
                .pidMode(serviceReference(service.pid()))
                .utsMode(service.uts())
                .cgroupnsMode(service.cgroup())
                .capAdd(emptyToNull(service.capAdd()))
                .capDrop(emptyToNull(service.capDrop()))
                .securityOpt(emptyToNull(service.securityOpt()))
                .dns(emptyToNull(service.dns()))
                .dnsSearch(emptyToNull(service.dnsSearch()))
                .dnsOptions(emptyToNull(service.dnsOpt()))
                .extraHosts(extraHosts.isEmpty() ? null : extraHosts)
                .tmpfs(tmpfs.isEmpty() ? null : tmpfs)
                .sysctls(service.sysctls().isEmpty() ? null : service.sysctls())
                .shmSize(service.shmSize())
                .privileged(service.privileged())
                .readonlyRootfs(service.readOnly())
                .init(service.init())
                .ulimits(ulimits(service))
                .devices(devices(service))
                .logConfig(service.logging() == null ? null
                        : new LogConfig(service.logging().driver(), service.logging().options()))
                .nanoCpus(cpus == null ? null : Math.round(cpus * 1e9))
                .memory(memory)
                .memoryReservation(reservation)
                .memorySwap(service.memswapLimit())
                .pidsLimit(pids)
                .build();
    }

    private void addMount(VolumeMount volume, List<String> binds, List<Mount> mounts) {
        switch (volume.type()) {
            case "bind" -> {
                boolean createHostPath = volume.bind() == null || volume.bind().createHostPath() == null
                        || volume.bind().createHostPath();
                if (createHostPath) {
                    // The legacy Binds form creates a missing host directory, as Compose does by default.
                    StringBuilder bind = new StringBuilder(volume.source()).append(':').append(volume.target());
                    List<String> options = new ArrayList<>();
                    options.add(volume.readOnly() ? "ro" : "rw");
                    if (volume.bind() != null && volume.bind().selinux() != null) {
                        options.add(volume.bind().selinux());
                    }
                    if (volume.bind() != null && volume.bind().propagation() != null) {
                        options.add(volume.bind().propagation());
                    }
                    binds.add(bind.append(':').append(String.join(",", options)).toString());
                } else {
                    mounts.add(Mount.builder().type("bind").source(volume.source()).target(volume.target())
                            .readOnly(volume.readOnly())
                            .bindOptions(volume.bind().propagation() == null ? null : new BindOptions(volume.bind().propagation(), null))
                            .build());
                }
            }
            case "volume" -> {
                String source = volume.source();
                if (source != null && !source.isEmpty()) {
                    VolumeSpec spec = project.volumes().get(source);
                    source = spec != null ? spec.name() : source;
                }
                boolean noCopy = volume.volume() != null && Boolean.TRUE.equals(volume.volume().nocopy());
                mounts.add(Mount.builder().type("volume").source(source == null || source.isEmpty() ? null : source)
                        .target(volume.target()).readOnly(volume.readOnly())
                        .volumeOptions(noCopy ? new VolumeOptions(true, null, null) : null)
                        .build());
            }
            case "tmpfs" -> mounts.add(Mount.builder().type("tmpfs").target(volume.target()).readOnly(volume.readOnly())
                    .tmpfsOptions(volume.tmpfs() == null ? null : new TmpfsOptions(volume.tmpfs().size(),
                            volume.tmpfs().mode() == null ? null : volume.tmpfs().mode().intValue()))
                    .build());
            default -> mounts.add(Mount.builder().type(volume.type()).source(volume.source()).target(volume.target())
                    .readOnly(volume.readOnly()).build());
        }
    }

    private static Map<String, List<PortBinding>> portBindings(ServiceSpec service) {
        Map<String, List<PortBinding>> bindings = new LinkedHashMap<>();
        for (PortSpec port : service.ports()) {
            if ("host".equals(port.mode()) && (port.published() == null || port.published().isEmpty())) {
                continue;
            }
            String hostIp = port.hostIp() == null ? "" : port.hostIp();
            String hostPort = port.published() == null ? "" : port.published();
            bindings.computeIfAbsent(port.target() + "/" + protocol(port), key -> new ArrayList<>())
                    .add(new PortBinding(hostIp, hostPort));
        }
        return bindings.isEmpty() ? null : bindings;
    }

    private static RestartPolicy restartPolicy(String restart) {
        if (restart == null || restart.isEmpty() || restart.equals("no")) {
            return null;
        }
        if (restart.startsWith("on-failure")) {
            int colon = restart.indexOf(':');
            return new RestartPolicy("on-failure", colon < 0 ? null : Integer.parseInt(restart.substring(colon + 1)));
        }
        return new RestartPolicy(restart, null);
    }

    private String networkMode(ServiceSpec service) {
        if (service.networkMode() != null) {
            return serviceReference(service.networkMode());
        }
        List<ServiceNetwork> networks = orderedNetworks(service);
        return networks.isEmpty() ? null : networkName(networks.getFirst().network());
    }

    private NetworkingConfig networkingConfig(ServiceSpec service, String containerName) {
        if (service.networkMode() != null) {
            return null;
        }
        List<ServiceNetwork> networks = orderedNetworks(service);
        if (networks.isEmpty()) {
            return null;
        }
        ServiceNetwork first = networks.getFirst();
        return new NetworkingConfig(Map.of(networkName(first.network()), endpoint(service, first, containerName)));
    }

    /** {@code service:x} → {@code container:<first container of x>}; anything else unchanged. */
    private String serviceReference(String mode) {
        if (mode == null || !mode.startsWith("service:")) {
            return mode;
        }
        String service = mode.substring("service:".length());
        List<String> containers = containersOfService.apply(service);
        if (containers.isEmpty()) {
            throw new IllegalStateException("service " + service + " has no container to share with");
        }
        return "container:" + containers.getFirst();
    }

    private List<String> volumesFrom(ServiceSpec service) {
        List<String> result = new ArrayList<>();
        for (String entry : service.volumesFrom()) {
            String[] parts = entry.split(":");
            if (parts[0].equals("container") && parts.length >= 2) {
                result.add(parts[1] + (parts.length > 2 ? ":" + parts[2] : ""));
            } else {
                String serviceName = parts[0].equals("service") && parts.length >= 2 ? parts[1] : parts[0];
                String mode = parts.length > 1 && (parts[parts.length - 1].equals("ro") || parts[parts.length - 1].equals("rw"))
                        ? ":" + parts[parts.length - 1] : "";
                containersOfService.apply(serviceName).stream().findFirst().ifPresent(name -> result.add(name + mode));
            }
        }
        return result.isEmpty() ? null : result;
    }

    private List<String> links(ServiceSpec service) {
        List<String> result = new ArrayList<>();
        for (String link : service.links()) {
            String[] parts = link.split(":", 2);
            String alias = parts.length > 1 ? parts[1] : parts[0];
            containersOfService.apply(parts[0]).stream().findFirst().ifPresent(name -> result.add(name + ":" + alias));
        }
        result.addAll(service.externalLinks().stream().map(link -> link.contains(":") ? link : link + ":" + link).toList());
        return result.isEmpty() ? null : result;
    }

    private static List<Ulimit> ulimits(ServiceSpec service) {
        if (service.ulimits().isEmpty()) {
            return null;
        }
        List<Ulimit> result = new ArrayList<>();
        service.ulimits().forEach((name, limit) -> result.add(new Ulimit(name, limit.soft(), limit.hard())));
        return result;
    }

    private static List<DeviceMapping> devices(ServiceSpec service) {
        if (service.devices().isEmpty()) {
            return null;
        }
        List<DeviceMapping> result = new ArrayList<>();
        for (String device : service.devices()) {
            String[] parts = device.split(":");
            String host = parts[0];
            String container = parts.length > 1 ? parts[1] : host;
            String permissions = parts.length > 2 ? parts[2] : "rwm";
            result.add(new DeviceMapping(host, container, permissions));
        }
        return result;
    }

    private static <T> List<T> emptyToNull(List<T> list) {
        return list == null || list.isEmpty() ? null : list;
    }
}
