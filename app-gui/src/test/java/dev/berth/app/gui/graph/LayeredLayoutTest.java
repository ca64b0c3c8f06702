package dev.berth.app.gui.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.berth.app.gui.graph.LayeredLayout.Edge;
import dev.berth.app.gui.graph.LayeredLayout.Result;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LayeredLayoutTest {

    private final LayeredLayout layout = new LayeredLayout(160, 60, 40, 70);

    private static Edge dependsOn(String dependent, String dependency) {
        return new Edge(dependent, dependency);
    }

    @Test
    void putsEachServiceOneLayerBelowItsDeepestDependency() {
        Result result = layout.layout(List.of("web", "api", "db"),
                List.of(dependsOn("web", "api"), dependsOn("api", "db"), dependsOn("web", "db")), Set.of());

        assertThat(result.placement("db").layer()).isZero();
        assertThat(result.placement("api").layer()).isEqualTo(1);
        assertThat(result.placement("web").layer()).isEqualTo(2);
        assertThat(result.placement("db").y()).isLessThan(result.placement("api").y());
    }

    /** Fault 8: 70 leaves under one service were one 14,000 px row; now they fold into bands, in their order, without overlapping. */
    @Test
    void aVeryWideLayerFoldsIntoBandsKeepingItsOrder() {
        List<String> nodes = new ArrayList<>(List.of("db"));
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            String leaf = "leaf%02d".formatted(i);
            nodes.add(leaf);
            edges.add(dependsOn(leaf, "db"));
        }
        Result result = layout.layout(nodes, edges, Set.of());

        int perBand = Math.max(LayeredLayout.MIN_CARDS_BEFORE_WRAPPING, (int) Math.ceil(1.5 * Math.sqrt(71)));
        int bands = (70 + perBand - 1) / perBand;
        assertThat(result.width()).as("a band's width, not 70 cards'").isLessThanOrEqualTo(perBand * (160 + 40));
        assertThat(result.height()).isCloseTo(60 + 70 + bands * 60 + (bands - 1) * 70 / 3.0, offset(0.01));
        List<LayeredLayout.Placement> leaves = nodes.subList(1, nodes.size()).stream().map(result::placement)
                .sorted(Comparator.comparingInt(LayeredLayout.Placement::order)).toList();
        for (int i = 1; i < leaves.size(); i++) {
            LayeredLayout.Placement before = leaves.get(i - 1);
            LayeredLayout.Placement next = leaves.get(i);
            assertThat(next.layer()).isEqualTo(1);
            assertThat(next.x()).as("column by column: never left of the previous card").isGreaterThanOrEqualTo(before.x());
            boolean overlap = Math.abs(next.x() - before.x()) < 160 && Math.abs(next.y() - before.y()) < 60;
            assertThat(overlap).as(before + " and " + next).isFalse();
        }
        assertThat(layout.layout(nodes.subList(0, 11), edges.subList(0, 10), Set.of()).height())
                .as("ten leaves: one row, as before").isEqualTo(60 + 70 + 60);
    }

    @Test
    void leftToRightPutsTheLayersInColumnsAndSwapsTheSize() {
        List<String> nodes = List.of("web", "api", "db", "cache");
        List<Edge> edges = List.of(dependsOn("web", "api"), dependsOn("api", "db"), dependsOn("api", "cache"));
        Result rows = layout.layout(nodes, edges, Set.of());
        Result columns = new LayeredLayout(160, 60, 20, 100, LayeredLayout.Direction.LEFT_TO_RIGHT).layout(nodes, edges, Set.of());

        assertThat(columns.direction()).isEqualTo(LayeredLayout.Direction.LEFT_TO_RIGHT);
        // db and cache share the first column, one above the other; api and web follow to the right.
        assertThat(columns.placement("db").x()).isEqualTo(columns.placement("cache").x()).isZero();
        assertThat(columns.placement("db").y()).isNotEqualTo(columns.placement("cache").y());
        assertThat(columns.placement("api").x()).isEqualTo(160 + 100);
        assertThat(columns.placement("web").x()).isEqualTo(2 * (160 + 100));
        assertThat(columns.width()).isEqualTo(3 * 160 + 2 * 100);
        assertThat(columns.height()).isEqualTo(2 * 60 + 20);
        assertThat(rows.width()).isGreaterThan(rows.height() / 2); // three rows, two cards wide
        // Routes still run from the dependency's centre to the dependent's.
        LayeredLayout.Route route = columns.routes().stream().filter(r -> r.edge().equals(dependsOn("web", "api"))).findFirst().orElseThrow();
        assertThat(route.points().getFirst().x()).isEqualTo(columns.placement("api").x() + 80);
        assertThat(route.points().getLast().x()).isEqualTo(columns.placement("web").x() + 80);
    }

    @Test
    void routesAnEdgeThatSkipsALayerThroughAVirtualPoint() {
        Result result = layout.layout(List.of("web", "api", "db"),
                List.of(dependsOn("web", "api"), dependsOn("api", "db"), dependsOn("web", "db")), Set.of());

        LayeredLayout.Route skip = result.routes().stream().filter(r -> r.edge().equals(dependsOn("web", "db"))).findFirst().orElseThrow();
        assertThat(skip.points()).hasSize(3);
        assertThat(skip.points().getFirst().y()).isLessThan(skip.points().getLast().y());
    }

    @Test
    void reordersALayerToRemoveCrossings() {
        // Input order makes a crossing: a->y and b->x with x before y in the lower layer.
        Result result = layout.layout(List.of("x", "y", "a", "b"),
                List.of(dependsOn("a", "y"), dependsOn("b", "x")), Set.of());

        assertThat(result.crossings()).isZero();
        boolean aLeftOfB = result.placement("a").x() < result.placement("b").x();
        boolean yLeftOfX = result.placement("y").x() < result.placement("x").x();
        assertThat(aLeftOfB).isEqualTo(yLeftOfX);
    }

    @Test
    void reducesCrossingsOfALargerGraphBelowTheInputOrder() {
        List<String> nodes = List.of("d1", "d2", "d3", "d4", "s1", "s2", "s3", "s4");
        List<Edge> edges = List.of(dependsOn("s1", "d4"), dependsOn("s2", "d3"), dependsOn("s3", "d2"), dependsOn("s4", "d1"),
                dependsOn("s1", "d3"));

        Result result = layout.layout(nodes, edges, Set.of());

        assertThat(result.crossings()).isZero();
    }

    @Test
    void putsNetworksAndVolumesInOneLayerUnderAllServices() {
        Result result = layout.layout(List.of("web", "db", "net:back", "vol:data"),
                List.of(dependsOn("web", "db"), dependsOn("web", "net:back"), dependsOn("db", "net:back"), dependsOn("db", "vol:data")),
                Set.of("net:back", "vol:data"));

        assertThat(result.placement("net:back").layer()).isEqualTo(2);
        assertThat(result.placement("vol:data").layer()).isEqualTo(2);
        assertThat(result.placement("web").layer()).isEqualTo(1);
    }

    @Test
    void survivesACycleAndPlacesEveryNode() {
        Result result = layout.layout(List.of("a", "b", "c"),
                List.of(dependsOn("a", "b"), dependsOn("b", "c"), dependsOn("c", "a")), Set.of());

        assertThat(result.placements()).containsOnlyKeys("a", "b", "c");
        assertThat(result.placements().values()).extracting(LayeredLayout.Placement::layer).doesNotHaveDuplicates();
    }

    @Test
    void ignoresEdgesToUnknownNodesAndKeepsIsolatedNodes() {
        Result result = layout.layout(List.of("solo", "web"), List.of(dependsOn("web", "ghost")), Set.of());

        assertThat(result.placement("solo").layer()).isZero();
        assertThat(result.placement("web").layer()).isZero();
        assertThat(result.routes()).isEmpty();
    }

    @Test
    void centresLayersAndKeepsCardsFromOverlapping() {
        Result result = layout.layout(List.of("db", "a", "b", "c"),
                List.of(dependsOn("a", "db"), dependsOn("b", "db"), dependsOn("c", "db")), Set.of());

        double dbCentre = result.placement("db").x() + 80;
        assertThat(dbCentre).isEqualTo(result.width() / 2);
        List<Double> xs = List.of(result.placement("a").x(), result.placement("b").x(), result.placement("c").x());
        assertThat(xs).isSorted();
        assertThat(xs.get(1) - xs.get(0)).isGreaterThanOrEqualTo(160 + 40);
        assertThat(result.height()).isEqualTo(60 + 70 + 60);
    }

    @Test
    void givesTheSameResultForTheSameInput() {
        List<String> nodes = List.of("a", "b", "c", "d", "e");
        List<Edge> edges = List.of(dependsOn("a", "c"), dependsOn("b", "c"), dependsOn("d", "a"), dependsOn("e", "b"), dependsOn("e", "a"));

        assertThat(layout.layout(nodes, edges, Set.of())).isEqualTo(layout.layout(nodes, edges, Set.of()));
    }
}
