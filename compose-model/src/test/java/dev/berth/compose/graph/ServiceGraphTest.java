package dev.berth.compose.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.Fixtures;
import dev.berth.compose.model.Dependency;
import dev.berth.compose.model.Project;
import dev.berth.compose.model.ServiceSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceGraphTest {

    @TempDir
    Path dir;

    private Project load(String yaml) {
        Fixtures files = new Fixtures(dir);
        files.write("compose.yaml", yaml);
        return files.load("compose.yaml").orThrow();
    }

    private static final String SHOP = """
            services:
              proxy:
                image: nginx
                depends_on:
                  web: {condition: service_healthy}
              web:
                image: shop
                depends_on: [db, cache]
                volumes_from: [assets]
              db: {image: postgres}
              cache: {image: redis}
              assets:
                image: busybox
                network_mode: service:db
            """;

    @Test
    void groupsServicesIntoStartLayers() {
        ServiceGraph graph = ServiceGraph.of(load(SHOP));
        assertThat(graph.startLayers()).containsExactly(List.of("db", "cache"), List.of("assets"), List.of("web"), List.of("proxy"));
        assertThat(graph.stopLayers()).containsExactly(List.of("proxy"), List.of("web"), List.of("assets"), List.of("db", "cache"));
    }

    @Test
    void labelsEachEdgeWithTheKeyThatCreatedItAndItsCondition() {
        ServiceGraph graph = ServiceGraph.of(load(SHOP));
        assertThat(graph.dependenciesOf("web")).extracting(Edge::to, Edge::kind).containsExactlyInAnyOrder(
                Tuple.tuple("db", EdgeKind.DEPENDS_ON),
                Tuple.tuple("cache", EdgeKind.DEPENDS_ON),
                Tuple.tuple("assets", EdgeKind.VOLUMES_FROM));
        assertThat(graph.dependenciesOf("assets")).singleElement().extracting(Edge::kind).isEqualTo(EdgeKind.NETWORK_MODE);
        assertThat(graph.dependenciesOf("proxy")).singleElement().extracting(Edge::condition).isEqualTo("service_healthy");
        assertThat(graph.dependentsOf("db")).extracting(Edge::from).containsExactlyInAnyOrder("web", "assets");
    }

    @Test
    void listsWhatAServiceNeedsInStartOrder() {
        ServiceGraph graph = ServiceGraph.of(load(SHOP));
        assertThat(graph.withDependencies(Set.of("web"))).containsExactly("db", "cache", "assets", "web");
    }

    @Test
    void findsEachCycleOnceWithItsFullPath() {
        Project project = load("""
                services:
                  a: {image: x}
                  b: {image: x}
                """);
        var a = project.service("a");
        var b = project.service("b");
        var withCycle = new LinkedHashMap<String, ServiceSpec>();
        withCycle.put("a", copyWithDependency(a, "b"));
        withCycle.put("b", copyWithDependency(b, "a"));
        ServiceGraph graph = ServiceGraph.of(withCycle);
        assertThat(graph.cycles()).containsExactly(List.of("a", "b", "a"));
        assertThat(graph.startLayers()).isEmpty();
    }

    private static ServiceSpec copyWithDependency(ServiceSpec s, String on) {
        var deps = Map.of(on, new Dependency(on, "service_started", true, false));
        return new ServiceSpec(s.name(), s.image(), s.build(), s.command(), s.entrypoint(),
                s.environment(), s.envFiles(), s.labels(), s.annotations(), s.ports(), s.expose(), s.volumes(),
                s.volumesFrom(), s.tmpfs(), deps, s.links(), s.externalLinks(), s.healthcheck(), s.restart(),
                s.networks(), s.networkMode(), s.ipc(), s.pid(), s.uts(), s.cgroup(), s.deploy(), s.scale(),
                s.containerName(), s.hostname(), s.domainname(), s.user(), s.workingDir(), s.stopGracePeriod(),
                s.stopSignal(), s.tty(), s.stdinOpen(), s.privileged(), s.readOnly(), s.init(), s.capAdd(), s.capDrop(),
                s.securityOpt(), s.ulimits(), s.extraHosts(), s.dns(), s.dnsSearch(), s.dnsOpt(), s.sysctls(),
                s.pullPolicy(), s.platform(), s.profiles(), s.logging(), s.secrets(), s.configs(), s.shmSize(),
                s.memLimit(), s.memReservation(), s.memswapLimit(), s.cpus(), s.devices(), s.develop(),
                s.otherFields(), s.extensions());
    }
}
