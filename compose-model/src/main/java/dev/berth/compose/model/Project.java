package dev.berth.compose.model;

import dev.berth.compose.Location;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A loaded Compose project: the desired state of every enabled service and of the resources they use.
 * Immutable; {@code with*} methods return copies.
 *
 * @param environment       the project environment used for interpolation (process env, env files, .env)
 * @param services          enabled services, in file order
 * @param disabledServices  services switched off by profiles
 * @param extensions        top-level {@code x-*} keys
 * @param canonical         the normalised project as plain ordered maps (what {@code berth config} prints)
 * @param sourceMap         where each value was written
 */
public record Project(
        String name,
        Path workingDir,
        List<Path> configFiles,
        Map<String, String> environment,
        Map<String, ServiceSpec> services,
        Map<String, NetworkSpec> networks,
        Map<String, VolumeSpec> volumes,
        Map<String, SecretSpec> secrets,
        Map<String, ConfigSpec> configs,
        Map<String, ServiceSpec> disabledServices,
        Map<String, Object> extensions,
        Map<String, Object> canonical,
        SourceMap sourceMap) {

    public Project {
        configFiles = List.copyOf(configFiles);
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
        networks = Collections.unmodifiableMap(new LinkedHashMap<>(networks));
        volumes = Collections.unmodifiableMap(new LinkedHashMap<>(volumes));
        secrets = Collections.unmodifiableMap(new LinkedHashMap<>(secrets));
        configs = Collections.unmodifiableMap(new LinkedHashMap<>(configs));
        disabledServices = Collections.unmodifiableMap(new LinkedHashMap<>(disabledServices));
    }

    /** Where the value at a dotted path ({@code services.web.image}) was written. */
    public Location locationOf(String path) {
        return sourceMap.locationOf(path);
    }

    public ServiceSpec service(String serviceName) {
        return services.get(serviceName);
    }

    public List<String> serviceNames() {
        return List.copyOf(services.keySet());
    }

    public Project withName(String newName) {
        return new Project(newName, workingDir, configFiles, environment, services, networks, volumes, secrets, configs,
                disabledServices, extensions, canonical, sourceMap);
    }

    public Project withServices(Map<String, ServiceSpec> newServices) {
        return new Project(name, workingDir, configFiles, environment, newServices, networks, volumes, secrets, configs,
                disabledServices, extensions, canonical, sourceMap);
    }
}
