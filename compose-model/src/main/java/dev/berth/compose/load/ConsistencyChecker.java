package dev.berth.compose.load;

import dev.berth.compose.Diagnostics;
import dev.berth.compose.Location;
import dev.berth.compose.tree.ListNode;
import dev.berth.compose.tree.MapNode;
import dev.berth.compose.tree.Node;
import dev.berth.compose.tree.ScalarNode;
import dev.berth.compose.tree.TreePath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks what the schema cannot: references between services and resources, mutually exclusive
 * options, a service without image or build, container names shared by replicas, host ports
 * published twice. Messages follow docker compose's wording; positions point at the offending value.
 */
final class ConsistencyChecker {

    private static final String INVALID = ": invalid compose project";

    private final Diagnostics diagnostics;

    ConsistencyChecker(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    void check(MapNode root, MapNode disabled) {
        MapNode services = root.getMap("services");
        MapNode networks = root.getMap("networks");
        MapNode volumes = root.getMap("volumes");
        MapNode secrets = root.getMap("secrets");
        MapNode configs = root.getMap("configs");
        Map<String, String> hostPorts = new HashMap<>();
        for (Map.Entry<String, Node> e : services.entries()) {
            if (e.getValue() instanceof MapNode service) {
                service(e.getKey(), service, services, disabled, networks, volumes, secrets, configs, hostPorts);
            }
        }
        for (String section : List.of("networks", "volumes", "secrets", "configs")) {
            MapNode resources = root.getMap(section);
            if (resources != null) {
                for (Map.Entry<String, Node> e : resources.entries()) {
                    if (e.getValue() instanceof MapNode resource) {
                        resource(section, e.getKey(), resource);
                    }
                }
            }
        }
    }

    private void service(String name, MapNode service, MapNode services, MapNode disabled, MapNode networks,
            MapNode volumes, MapNode secrets, MapNode configs, Map<String, String> hostPorts) {
        String path = TreePath.child("services", name);
        if (!service.has("image") && !service.has("build") && !service.has("provider")) {
            error(path, service.location(), "service \"" + name + "\" has neither an image nor a build context specified" + INVALID);
        }
        if (service.has("network_mode") && service.has("networks")) {
            error(path + ".network_mode", service.keyLocation("network_mode"),
                    "service " + name + " declares mutually exclusive `network_mode` and `networks`" + INVALID);
        }
        String networkMode = service.getString("network_mode");
        if (networkMode != null && networkMode.startsWith("service:")) {
            String target = networkMode.substring("service:".length());
            if (!services.has(target)) {
                error(path + ".network_mode", service.get("network_mode").location(),
                        "service \"" + target + "\" not found for network_mode '" + networkMode + "'");
            }
        }
        MapNode dependsOn = service.getMap("depends_on");
        if (dependsOn != null) {
            for (String dep : List.copyOf(dependsOn.keys())) {
                if (services.has(dep)) {
                    continue;
                }
                boolean optional = dependsOn.get(dep) instanceof MapNode d && d.get("required") instanceof ScalarNode r
                        && Boolean.FALSE.equals(r.value());
                if (optional && disabled.has(dep) || optional) {
                    // An optional dependency on a service that is not there is dropped, as docker compose does.
                    dependsOn.remove(dep);
                    continue;
                }
                error(path + ".depends_on." + dep, dependsOn.keyLocation(dep),
                        "service \"" + name + "\" depends on undefined service \"" + dep + "\"" + INVALID);
            }
        }
        MapNode serviceNetworks = service.getMap("networks");
        if (serviceNetworks != null) {
            for (String network : serviceNetworks.keys()) {
                if (!network.equals("default") && (networks == null || !networks.has(network))) {
                    error(path + ".networks." + network, serviceNetworks.keyLocation(network),
                            "service \"" + name + "\" refers to undefined network " + network + INVALID);
                }
            }
        }
        ListNode mounts = service.getList("volumes");
        if (mounts != null) {
            for (int i = 0; i < mounts.size(); i++) {
                if (!(mounts.get(i) instanceof MapNode mount)) {
                    continue;
                }
                String type = mount.getString("type");
                String source = mount.getString("source");
                Location at = mount.location();
                if ("bind".equals(type) && (source == null || source.isEmpty())) {
                    error(path + ".volumes." + i, at, "invalid mount config for type \"bind\": field Source must not be empty");
                } else if ("volume".equals(type) && source != null && !source.isEmpty()
                        && (volumes == null || !volumes.has(source))) {
                    error(path + ".volumes." + i, at, "service \"" + name + "\" refers to undefined volume " + source + INVALID);
                }
            }
        }
        references(name, path, service.getList("secrets"), secrets, "secret");
        references(name, path, service.getList("configs"), configs, "config");
        for (String key : List.of("volumes_from", "links")) {
            for (Node n : listItems(service.getList(key))) {
                String target = ((ScalarNode) n).asString();
                if (target.startsWith("container:")) {
                    continue;
                }
                int colon = target.indexOf(':');
                String serviceName = colon < 0 ? target : target.substring(0, colon);
                if (!services.has(serviceName) && !disabled.has(serviceName)) {
                    error(path + "." + key, n.location(), "service \"" + name + "\" refers to undefined service \""
                            + serviceName + "\" in " + key + INVALID);
                }
            }
        }
        int replicas = replicas(service);
        if (service.has("container_name") && replicas > 1) {
            error(path + ".container_name", service.get("container_name").location(), "service \"" + name
                    + "\" sets container_name but runs " + replicas + " replicas: container names must be unique" + INVALID);
        }
        for (Node n : listItems(service.getList("ports"))) {
            String published = n instanceof MapNode p ? p.getString("published") : null;
            if (published != null && !published.contains("-")) {
                MapNode port = (MapNode) n;
                String key = (port.getString("host_ip") == null ? "0.0.0.0" : port.getString("host_ip")) + ":"
                        + port.getString("published") + "/" + port.getString("protocol");
                String first = hostPorts.putIfAbsent(key, name);
                if (first != null) {
                    // A warning: the engine refuses the second binding only if both run at the same time.
                    diagnostics.warning("duplicate-host-port", path + ".ports", port.location(), "host port " + key
                            + " is published by both \"" + first + "\" and \"" + name + "\"");
                }
            }
        }
        MapNode develop = service.getMap("develop");
        if (develop != null) {
            for (Node n : listItems(develop.getList("watch"))) {
                if (n instanceof MapNode trigger && !"rebuild".equals(trigger.getString("action"))
                        && !"restart".equals(trigger.getString("action")) && !trigger.has("target")) {
                    error(path + ".develop.watch", trigger.location(), TreePath.display(path)
                            + ".develop.watch: target is required for non-rebuild actions" + INVALID);
                }
            }
        }
    }

    private static int replicas(MapNode service) {
        MapNode deploy = service.getMap("deploy");
        if (deploy != null && deploy.get("replicas") instanceof ScalarNode r && r.value() instanceof Long l) {
            return (int) (long) l;
        }
        return service.get("scale") instanceof ScalarNode s && s.value() instanceof Long l ? (int) (long) l : 1;
    }

    private void references(String service, String path, ListNode refs, MapNode declared, String kind) {
        for (Node n : listItems(refs)) {
            if (n instanceof MapNode ref) {
                String source = ref.getString("source");
                if (source != null && (declared == null || !declared.has(source))) {
                    error(path + "." + kind + "s", ref.location(),
                            "service \"" + service + "\" refers to undefined " + kind + " " + source + INVALID);
                }
            }
        }
    }

    private void resource(String section, String key, MapNode resource) {
        String path = TreePath.child(section, key);
        boolean external = resource.get("external") instanceof ScalarNode s && Boolean.TRUE.equals(s.value());
        if (external) {
            for (String conflicting : List.of("driver", "driver_opts", "labels")) {
                if (resource.has(conflicting) && !(section.equals("secrets") || section.equals("configs"))
                        || resource.has(conflicting) && conflicting.equals("labels")) {
                    error(path, resource.keyLocation(conflicting), TreePath.display(path) + ": conflicting parameters \"external\" and \""
                            + conflicting + "\" specified");
                }
            }
        }
        if ((section.equals("secrets") || section.equals("configs")) && !external && !resource.has("file")
                && !resource.has("environment") && !resource.has("content")) {
            String kind = section.substring(0, section.length() - 1);
            error(path, resource.location(), kind + " \"" + key + "\" must declare either `file` or `environment`" + INVALID);
        }
    }

    private static List<Node> listItems(ListNode list) {
        return list == null ? List.of() : list.items();
    }

    private void error(String path, Location at, String message) {
        diagnostics.error("consistency", path, at, message);
    }
}
