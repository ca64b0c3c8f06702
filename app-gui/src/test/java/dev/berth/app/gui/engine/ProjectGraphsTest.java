package dev.berth.app.gui.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.gui.graph.GraphEdge;
import dev.berth.app.gui.graph.GraphNode;
import dev.berth.app.gui.graph.ProjectGraph;
import dev.berth.compose.ComposeLoader;
import dev.berth.compose.ProjectOptions;
import dev.berth.compose.model.Project;
import dev.berth.engine.api.model.ContainerSummary;
import dev.berth.engine.api.model.EndpointSettings;
import dev.berth.engine.api.model.MountPoint;
import dev.berth.engine.api.model.SummaryNetworkSettings;
import dev.berth.engine.compose.ServiceContainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectGraphsTest {

    @TempDir
    Path dir;

    private Project load(String yaml) throws IOException {
        Files.writeString(dir.resolve("compose.yaml"), yaml);
        return ComposeLoader.load(ProjectOptions.in(dir).withComposeFiles(List.of(dir.resolve("compose.yaml")))
                .withEnvironment(Map.of()).withProjectName("shop")).orThrow();
    }

    @Test
    void theGraphCardCountsReplicasLikeUpDoes() throws IOException {
        Files.writeString(dir.resolve("compose.yaml"), """
                services:
                  api:
                    image: api
                    scale: 2
                    deploy: {replicas: 3}
                """);
        // Only loadable with the checks off (distinct values are refused): the card and up must still agree.
        Project project = ComposeLoader.load(ProjectOptions.in(dir).withComposeFiles(List.of(dir.resolve("compose.yaml")))
                .withEnvironment(Map.of()).withProjectName("shop").withConsistencyChecks(false)).orThrow();
        assertThat(ProjectGraphs.replicas(project)).containsEntry("api", project.service("api").replicas());
        assertThat(ProjectGraphs.fromProject(project).nodes()).filteredOn(n -> n.id().equals("api")).first()
                .extracting(GraphNode::replicas).isEqualTo("0/" + project.service("api").replicas());
    }

    @Test
    void drawsServicesDependenciesWithTheirConditionNetworksAndNamedVolumes() throws IOException {
        ProjectGraph graph = ProjectGraphs.fromProject(load("""
                services:
                  web:
                    image: nginx
                    depends_on:
                      api: {condition: service_healthy}
                    networks: [front]
                  api:
                    image: api
                    scale: 2
                    networks: [front, back]
                  db:
                    image: postgres
                    volumes: ["data:/var/lib/postgresql/data", "./init:/init"]
                    links: [api]
                networks: {front: {}, back: {}}
                volumes: {data: {}}
                """));
        assertThat(graph.nodes()).extracting(GraphNode::id)
                .containsExactly("web", "api", "db", "network:front", "network:back", "network:default", "volume:data");
        assertThat(graph.nodes()).filteredOn(n -> n.id().equals("api")).first().extracting(GraphNode::replicas).isEqualTo("0/2");
        assertThat(graph.edges()).contains(new GraphEdge("web", "api", "service_healthy"), new GraphEdge("db", "api", "links"),
                new GraphEdge("db", "volume:data", null), new GraphEdge("db", "network:default", null),
                new GraphEdge("api", "network:back", null));
    }

    @Test
    void rebuildsTheGraphOfAnEngineOnlyProjectFromLabelsNetworksAndMounts() {
        ContainerSummary web = new ContainerSummary("1", List.of("/shop-web-1"), "nginx", "sha", "", 0L, "running", "Up", List.of(),
                Map.of("com.docker.compose.project", "shop", "com.docker.compose.service", "web",
                        "com.docker.compose.depends_on", "db:service_healthy:false"),
                null, null, new SummaryNetworkSettings(Map.of("shop_default", endpoint())), List.of());
        ContainerSummary db = new ContainerSummary("2", List.of("/shop-db-1"), "postgres", "sha", "", 0L, "running", "Up", List.of(),
                Map.of("com.docker.compose.project", "shop", "com.docker.compose.service", "db"),
                null, null, new SummaryNetworkSettings(Map.of("shop_default", endpoint())),
                List.of(new MountPoint("volume", "shop_data", "/x", "/data", "local", "", true, "")));
        ProjectGraph graph = ProjectGraphs.fromContainers("shop", List.of(ServiceContainer.of(web), ServiceContainer.of(db)));
        assertThat(graph.nodes()).extracting(GraphNode::id).containsExactly("db", "web", "network:default", "volume:data");
        assertThat(graph.edges()).contains(new GraphEdge("web", "db", "service_healthy"), new GraphEdge("db", "volume:data", null));
    }

    /** Issue 12, defect 13: the engine lists newest first, so a restart reordered the graph between launches. */
    @Test
    void anEngineOnlyProjectGetsTheSameGraphWhateverOrderItsContainersAreListedIn() {
        List<ServiceContainer> containers = new ArrayList<>();
        for (String service : List.of("proxy", "web", "api", "db", "cache")) {
            containers.add(ServiceContainer.of(new ContainerSummary(service, List.of("/shop-" + service + "-1"), "busybox", "sha", "", 0L, "running", "Up",
                    List.of(), Map.of("com.docker.compose.project", "shop", "com.docker.compose.service", service,
                            "com.docker.compose.depends_on", service.equals("db") || service.equals("cache") ? "" : "db:service_started:false,cache:service_started:false"),
                    null, null, new SummaryNetworkSettings(Map.of("shop_" + service + "-net", endpoint(), "shop_default", endpoint())), List.of())));
        }
        ProjectGraph listed = ProjectGraphs.fromContainers("shop", containers);
        Collections.reverse(containers);
        ProjectGraph reversed = ProjectGraphs.fromContainers("shop", containers);

        // the layout is a function of the node and edge order (LayeredLayout starts from the input order)
        assertThat(reversed.nodes()).containsExactlyElementsOf(listed.nodes());
        assertThat(reversed.edges()).containsExactlyElementsOf(listed.edges());
    }

    private static EndpointSettings endpoint() {
        return new EndpointSettings(null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
