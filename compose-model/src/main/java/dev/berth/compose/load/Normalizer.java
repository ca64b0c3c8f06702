package dev.berth.compose.load;

import dev.berth.compose.Diagnostic;
import dev.berth.compose.Diagnostics;
import dev.berth.compose.Location;
import dev.berth.compose.tree.ListNode;
import dev.berth.compose.tree.MapNode;
import dev.berth.compose.tree.Node;
import dev.berth.compose.tree.ScalarNode;
import dev.berth.compose.tree.TreePath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The defaults docker compose applies once the files are merged: profiles (inactive services moved
 * aside), the {@code default} network, engine names {@code <project>_<key>}, implicit dependencies
 * ({@code network_mode/ipc/pid/uts/cgroup: service:X}, {@code volumes_from}, {@code links}), build
 * defaults, secret targets, deprecated {@code external.name}.
 */
final class Normalizer {

    record Result(MapNode disabled) {}

    private final Diagnostics diagnostics;
    private final String project;
    private final Map<String, String> environment;

    Normalizer(Diagnostics diagnostics, String project, Map<String, String> environment) {
        this.diagnostics = diagnostics;
        this.project = project;
        this.environment = environment;
    }

    Result normalize(MapNode root, List<String> activeProfiles) {
        MapNode services = root.getMap("services");
        if (services == null) {
            services = new MapNode(root.location());
            root.put("services", services);
        }
        MapNode disabled = new MapNode(services.location());
        boolean all = activeProfiles.contains("*");
        for (String name : new ArrayList<>(services.keys())) {
            if (services.get(name) instanceof MapNode service) {
                List<String> profiles = ProjectBinder.strings(service.get("profiles"));
                if (!profiles.isEmpty() && !all && profiles.stream().noneMatch(activeProfiles::contains)) {
                    disabled.put(name, services.remove(name));
                }
            }
        }
        boolean usesDefaultNetwork = false;
        for (Map.Entry<String, Node> e : services.entries()) {
            if (e.getValue() instanceof MapNode service) {
                usesDefaultNetwork |= service(service);
            }
        }
        for (Map.Entry<String, Node> e : disabled.entries()) {
            if (e.getValue() instanceof MapNode service) {
                service(service);
            }
        }
        MapNode networks = root.getMap("networks");
        if (usesDefaultNetwork && (networks == null || !networks.has("default"))) {
            if (networks == null) {
                networks = new MapNode(root.location());
                root.put("networks", networks);
            }
            networks.put("default", new MapNode(root.location()));
        }
        for (String section : List.of("networks", "volumes", "secrets", "configs")) {
            resources(root.getMap(section), section);
        }
        return new Result(disabled);
    }

    /** Returns true when the service sits on the default network. */
    private boolean service(MapNode service) {
        boolean onDefault = false;
        if (!service.has("network_mode") && !service.has("networks")) {
            MapNode networks = new MapNode(service.location());
            networks.put("default", ScalarNode.of(service.location(), null));
            service.put("networks", networks);
        }
        MapNode networks = service.getMap("networks");
        if (networks != null && networks.has("default")) {
            onDefault = true;
        }
        implicitDependencies(service);
        MapNode build = service.getMap("build");
        if (build != null) {
            if (!build.has("dockerfile") && !build.has("dockerfile_inline")) {
                build.put("dockerfile", ScalarNode.of(build.location(), "Dockerfile"));
            }
            MapNode args = build.getMap("args");
            if (args != null) {
                for (String key : new ArrayList<>(args.keys())) {
                    if (args.get(key) instanceof ScalarNode s && s.isNull()) {
                        String value = environment.get(key);
                        if (value == null) {
                            args.remove(key);
                        } else {
                            args.replace(key, ScalarNode.of(s.location(), value));
                        }
                    }
                }
            }
        }
        MapNode labels = service.getMap("labels");
        if (labels != null) {
            for (Map.Entry<String, Node> e : labels.entries()) {
                if (e.getValue() == null || e.getValue() instanceof ScalarNode s && s.isNull()) {
                    e.setValue(ScalarNode.of(labels.keyLocation(e.getKey()), ""));
                }
            }
        }
        deviceRequestDefaults(service);
        ListNode mounts = service.getList("volumes");
        for (Node n : mounts == null ? List.<Node>of() : mounts.items()) {
            // compose-go's defaultVolumeBind: a long-syntax bind creates its host path unless told not to.
            if (n instanceof MapNode mount && mount.getMap("bind") instanceof MapNode bind && !bind.has("create_host_path")) {
                bind.put("create_host_path", ScalarNode.of(bind.location(), Boolean.TRUE));
            }
        }
        ListNode secrets = service.getList("secrets");
        if (secrets != null) {
            for (Node n : secrets.items()) {
                if (n instanceof MapNode ref && !ref.has("target") && ref.getString("source") != null) {
                    ref.put("target", ScalarNode.of(ref.location(), "/run/secrets/" + ref.getString("source")));
                }
            }
        }
        return onDefault;
    }

    /** compose-go's deviceRequestDefaults: a device request that names neither a count nor ids takes all devices. */
    private static void deviceRequestDefaults(MapNode service) {
        MapNode deploy = service.getMap("deploy");
        MapNode resources = deploy == null ? null : deploy.getMap("resources");
        MapNode reservations = resources == null ? null : resources.getMap("reservations");
        for (ListNode requests : new ListNode[] {reservations == null ? null : reservations.getList("devices"),
                service.getList("gpus")}) {
            for (Node n : requests == null ? List.<Node>of() : requests.items()) {
                if (n instanceof MapNode request && !request.has("count") && !request.has("device_ids")) {
                    request.put("count", ScalarNode.of(request.location(), "all"));
                } else if (n instanceof MapNode request && request.get("count") instanceof ScalarNode count
                        && count.value() instanceof String text && TypedFields.parseLong(text) != null) {
                    count.setValue(TypedFields.parseLong(text)); // "1" is the number 1 (compose-go's DeviceCount)
                }
            }
        }
    }

    private void implicitDependencies(MapNode service) {
        List<String[]> implicit = new ArrayList<>();
        for (String key : List.of("network_mode", "ipc", "pid", "uts", "cgroup")) {
            String value = service.getString(key);
            if (value != null && value.startsWith("service:")) {
                implicit.add(new String[] {value.substring("service:".length()), "true", key});
            }
        }
        for (String link : ProjectBinder.strings(service.get("links"))) {
            int colon = link.indexOf(':');
            implicit.add(new String[] {colon < 0 ? link : link.substring(0, colon), "true", "links"});
        }
        for (String from : ProjectBinder.strings(service.get("volumes_from"))) {
            if (from.startsWith("container:")) {
                continue;
            }
            int colon = from.indexOf(':');
            implicit.add(new String[] {colon < 0 ? from : from.substring(0, colon), "false", "volumes_from"});
        }
        if (implicit.isEmpty()) {
            return;
        }
        MapNode dependsOn = service.getMap("depends_on");
        if (dependsOn == null) {
            dependsOn = new MapNode(service.location());
            service.put("depends_on", dependsOn);
        }
        for (String[] dep : implicit) {
            if (dependsOn.has(dep[0])) {
                continue;
            }
            Location at = service.keyLocation(dep[2]);
            MapNode d = Canonicalizer.dependency(at);
            d.put("restart", ScalarNode.of(at, Boolean.valueOf(dep[1])));
            dependsOn.put(dep[0], d, at);
        }
    }

    private void resources(MapNode resources, String section) {
        if (resources == null) {
            return;
        }
        for (Map.Entry<String, Node> e : resources.entries()) {
            if (!(e.getValue() instanceof MapNode resource)) {
                continue;
            }
            String path = TreePath.child(section, e.getKey());
            Node external = resource.get("external");
            if (external instanceof MapNode ext) {
                String externalName = ext.getString("name");
                if (externalName != null) {
                    diagnostics.add(Diagnostic.warning("external-name-deprecated", path, ext.location(),
                            TreePath.display(path) + ": external.name is deprecated. Please set name and external: true"));
                    String name = resource.getString("name");
                    if (name != null && !name.equals(externalName)) {
                        // The same name twice says one thing; only two different names conflict (compose-go).
                        diagnostics.error("external-name-conflict", path, ext.location(),
                                TreePath.display(path) + ": name and external.name conflict; only use name");
                        continue;
                    }
                    if (name == null) {
                        resource.put("name", ScalarNode.of(ext.location(), externalName));
                    }
                }
                resource.replace("external", ScalarNode.of(ext.location(), Boolean.TRUE));
            }
            boolean isExternal = resource.get("external") instanceof ScalarNode s && Boolean.TRUE.equals(s.value());
            if (!resource.has("name")) {
                String name = isExternal ? e.getKey() : project + "_" + e.getKey();
                resource.put("name", ScalarNode.of(resource.location(), name));
            }
        }
    }
}
