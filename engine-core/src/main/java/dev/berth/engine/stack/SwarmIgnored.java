package dev.berth.engine.stack;

import dev.berth.compose.Diagnostic;
import dev.berth.compose.model.Project;
import dev.berth.compose.model.ServiceSpec;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The service keys a swarm does not run, each reported as a warning at the position it was written (the
 * docker CLI's "Ignoring unsupported options" list, plus what the Compose model has beyond it), so nothing in
 * the file is dropped without a word.
 */
final class SwarmIgnored {

    private record Rule(String key, Predicate<ServiceSpec> present, String why) {}

    private static final List<Rule> RULES = List.of(
            new Rule("build", s -> s.build() != null, "a swarm does not build: build the image and push it where every node can pull it"),
            new Rule("depends_on", s -> !s.dependsOn().isEmpty(), "a swarm starts services in no order; make them retry their dependencies"),
            new Rule("container_name", s -> s.containerName() != null, "a swarm names the task containers itself"),
            new Rule("links", s -> !s.links().isEmpty(), "services reach each other by name on their networks"),
            new Rule("external_links", s -> !s.externalLinks().isEmpty(), "services reach each other by name on their networks"),
            new Rule("network_mode", s -> s.networkMode() != null, "swarm services join networks through networks:"),
            new Rule("ipc", s -> s.ipc() != null, null),
            new Rule("pid", s -> s.pid() != null, null),
            new Rule("uts", s -> s.uts() != null, null),
            new Rule("cgroup", s -> s.cgroup() != null, null),
            new Rule("privileged", ServiceSpec::privileged, null),
            new Rule("security_opt", s -> !s.securityOpt().isEmpty(), null),
            new Rule("devices", s -> !s.devices().isEmpty(), null),
            new Rule("shm_size", s -> s.shmSize() != null, "mount a tmpfs at /dev/shm instead"),
            new Rule("volumes_from", s -> !s.volumesFrom().isEmpty(), null),
            new Rule("expose", s -> !s.expose().isEmpty(), "every port is reachable on the service's networks"),
            new Rule("domainname", s -> s.domainname() != null, null),
            new Rule("cpus", s -> s.cpus() != null, "use deploy.resources.limits.cpus"),
            new Rule("mem_limit", s -> s.memLimit() != null, "use deploy.resources.limits.memory"),
            new Rule("mem_reservation", s -> s.memReservation() != null, "use deploy.resources.reservations.memory"),
            new Rule("memswap_limit", s -> s.memswapLimit() != null, null),
            new Rule("pull_policy", s -> s.pullPolicy() != null, "every node pulls the image when it runs a task"),
            new Rule("platform", s -> s.platform() != null, "use deploy.placement.constraints (node.platform.os/arch)"),
            new Rule("develop", s -> s.develop() != null && !s.develop().isEmpty(), null));

    private SwarmIgnored() {}

    static void check(Project project, ServiceSpec service, List<Diagnostic> warnings) {
        String path = "services." + service.name();
        for (Rule rule : RULES) {
            if (rule.present().test(service)) {
                warn(project, path + "." + rule.key(), rule.key() + " is ignored by swarm" + (rule.why() == null ? "" : ": " + rule.why()), warnings);
            }
        }
        if (service.restart() != null && service.deploy() != null && service.deploy().other().containsKey("restart_policy")) {
            warn(project, path + ".restart", "restart is ignored: deploy.restart_policy applies", warnings);
        }
        if (service.image() == null) {
            warnings.add(Diagnostic.error("stack-no-image", path, project.locationOf(path),
                    "service " + service.name() + " has no image: a stack deploys images only"));
        }
        for (Map.Entry<String, Object> other : service.otherFields().entrySet()) {
            if (!other.getKey().equals("group_add")) {
                warn(project, path + "." + other.getKey(), other.getKey() + " is ignored by swarm services", warnings);
            }
        }
    }

    private static void warn(Project project, String at, String message, List<Diagnostic> warnings) {
        warnings.add(Diagnostic.warning("stack-ignored", at, project.locationOf(at), message));
    }
}
