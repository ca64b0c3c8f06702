package dev.berth.app.gui.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceGraphViewModelTest {

    private final ServiceGraphViewModel graph = new ServiceGraphViewModel();

    private static ProjectGraph shop() {
        return new ProjectGraph(
                List.of(GraphNode.service("web", ServiceState.RUNNING, "2/2"), GraphNode.service("db", ServiceState.HEALTHY, "1/1"),
                        GraphNode.network("backend"), GraphNode.volume("data")),
                List.of(new GraphEdge("web", "db", "service_healthy"), new GraphEdge("web", "network:backend", null),
                        new GraphEdge("db", "network:backend", null), new GraphEdge("db", "volume:data", null)));
    }

    @Test
    void laysOutTheGraphWithDependenciesAboveAndResourcesAtTheBottom() {
        graph.setGraph(shop());

        LayeredLayout.Result layout = graph.layoutProperty().get();
        assertThat(layout.placement("db").layer()).isZero();
        assertThat(layout.placement("web").layer()).isEqualTo(1);
        assertThat(layout.placement("network:backend").layer()).isEqualTo(2);
        assertThat(graph.edgeLabel("web", "db")).isEqualTo("service_healthy");
    }

    @Test
    void updatesAServiceStateWithoutLayingOutAgain() {
        graph.setGraph(shop());
        LayeredLayout.Result before = graph.layoutProperty().get();

        graph.updateService("web", ServiceState.exited(137), "0/2");

        assertThat(graph.node("web").orElseThrow().stateProperty().get()).isEqualTo(ServiceState.exited(137));
        assertThat(graph.node("web").orElseThrow().replicasProperty().get()).isEqualTo("0/2");
        assertThat(graph.layoutCount()).isEqualTo(1);
        assertThat(graph.layoutProperty().get()).isSameAs(before);
    }

    @Test
    void showsAnActionsProgressOnACardUntilItIsClearedWithoutLayingOutAgain() {
        graph.setGraph(shop());

        graph.updateProgress("db", "Pulling 40 %");
        assertThat(graph.node("db").orElseThrow().progressProperty().get()).isEqualTo("Pulling 40 %");
        graph.updateProgress("db", "");
        graph.updateProgress("nowhere", "Creating");

        assertThat(graph.node("db").orElseThrow().progressProperty().get()).isEmpty();
        assertThat(graph.layoutCount()).isEqualTo(1);
    }

    @Test
    void ignoresUpdatesForServicesNotInTheGraph() {
        graph.setGraph(shop());

        graph.updateService("ghost", ServiceState.RUNNING, "1/1");

        assertThat(graph.nodes()).hasSize(4);
    }

    @Test
    void selectingANodeSetsTheSelectionAndAGraphWithoutItClearsIt() {
        graph.setGraph(shop());
        graph.select("db");
        assertThat(graph.selectedNodeProperty().get()).isEqualTo("db");

        graph.select("nope");
        assertThat(graph.selectedNodeProperty().get()).isNull();

        graph.select("web");
        graph.setGraph(new ProjectGraph(List.of(GraphNode.service("db", ServiceState.RUNNING, "1/1")), List.of()));
        assertThat(graph.selectedNodeProperty().get()).isNull();
    }

    @Test
    void zoomingAtAPointKeepsThatPointOfTheGraphUnderTheCursor() {
        graph.setGraph(shop());
        double pivotX = 300;
        double pivotY = 200;
        double graphXBefore = (pivotX - graph.panXProperty().get()) / graph.zoomProperty().get();

        graph.zoomAt(1.5, pivotX, pivotY);

        double graphXAfter = (pivotX - graph.panXProperty().get()) / graph.zoomProperty().get();
        assertThat(graph.zoomProperty().get()).isEqualTo(1.5);
        assertThat(graphXAfter).isCloseTo(graphXBefore, within(1e-9));
    }

    @Test
    void clampsZoomToItsLimits() {
        graph.setGraph(shop());
        for (int i = 0; i < 50; i++) {
            graph.zoomIn(800, 600);
        }
        assertThat(graph.zoomProperty().get()).isEqualTo(ServiceGraphViewModel.MAX_ZOOM);
        for (int i = 0; i < 50; i++) {
            graph.zoomOut(800, 600);
        }
        assertThat(graph.zoomProperty().get()).isEqualTo(ServiceGraphViewModel.MIN_ZOOM);
    }

    @Test
    void fitScalesALargeGraphIntoTheViewportAndCentresIt() {
        graph.setGraph(shop());
        LayeredLayout.Result layout = graph.layoutProperty().get();

        graph.fit(layout.width() / 2, 2_000);

        double zoom = graph.zoomProperty().get();
        assertThat(zoom).isLessThan(0.5);
        assertThat(graph.panXProperty().get() * 2 + layout.width() * zoom).isCloseTo(layout.width() / 2, within(1e-6));
    }

    @Test
    void fitNeverEnlargesASmallGraphBeyondActualSize() {
        graph.setGraph(shop());

        graph.fit(5_000, 5_000);

        assertThat(graph.zoomProperty().get()).isEqualTo(1.0);
    }

    /** db ← api ← web ← proxy, plus a network: four service layers and a resource layer, one card wide. */
    private static ProjectGraph chain() {
        return new ProjectGraph(
                List.of(GraphNode.service("db", ServiceState.RUNNING, "1/1"), GraphNode.service("api", ServiceState.RUNNING, "1/1"),
                        GraphNode.service("web", ServiceState.RUNNING, "1/1"), GraphNode.service("proxy", ServiceState.RUNNING, "1/1"),
                        GraphNode.network("default")),
                List.of(new GraphEdge("api", "db", "service_healthy"), new GraphEdge("web", "api", "service_started"),
                        new GraphEdge("proxy", "web", "service_started"), new GraphEdge("proxy", "network:default", null)));
    }

    @Test
    void aDeepGraphInAWideShortPaneIsLaidOutLeftToRightAndBackInATallOne() {
        graph.setGraph(chain());
        assertThat(graph.layoutProperty().get().direction()).isEqualTo(LayeredLayout.Direction.TOP_DOWN);
        int layouts = graph.layoutCount();

        graph.fit(1_200, 300);

        LayeredLayout.Result wide = graph.layoutProperty().get();
        assertThat(wide.direction()).isEqualTo(LayeredLayout.Direction.LEFT_TO_RIGHT);
        assertThat(wide.placement("db").x()).isLessThan(wide.placement("api").x());
        double wideZoom = graph.zoomProperty().get();
        assertThat(wideZoom).isGreaterThan(0.4);
        assertThat(graph.layoutCount()).isEqualTo(layouts); // a change of direction, not of structure

        graph.fit(300, 1_200);

        assertThat(graph.layoutProperty().get().direction()).isEqualTo(LayeredLayout.Direction.TOP_DOWN);
    }

    @Test
    void keepsTheDirectionWhenTheOtherIsNotClearlyBetter() {
        graph.setGraph(shop());

        graph.fit(5_000, 5_000); // both fit at 100 %

        assertThat(graph.layoutProperty().get().direction()).isEqualTo(LayeredLayout.Direction.TOP_DOWN);
    }

    @Test
    void aNewStructureKeepsTheDirectionTheFitChose() {
        graph.setGraph(chain());
        graph.fit(1_200, 300);

        graph.setGraph(chain());

        assertThat(graph.layoutProperty().get().direction()).isEqualTo(LayeredLayout.Direction.LEFT_TO_RIGHT);
    }

    @Test
    void aResizedPaneIsFittedAgainUntilTheUserZoomsOrPans() {
        graph.setGraph(chain());
        graph.fit(300, 1_200);
        double tall = graph.zoomProperty().get();

        graph.viewportResized(1_200, 300); // e.g. the window maximised, the divider moved

        assertThat(graph.layoutProperty().get().direction()).isEqualTo(LayeredLayout.Direction.LEFT_TO_RIGHT);
        assertThat(graph.isFitted()).isTrue();
        double wide = graph.zoomProperty().get();
        assertThat(wide).isNotEqualTo(tall);

        graph.zoomAt(1.5, 600, 150);
        graph.viewportResized(300, 1_200);

        assertThat(graph.isFitted()).isFalse();
        assertThat(graph.zoomProperty().get()).isEqualTo(wide * 1.5, within(1e-9));
        assertThat(graph.layoutProperty().get().direction()).isEqualTo(LayeredLayout.Direction.LEFT_TO_RIGHT);

        graph.fit(300, 1_200); // the fit button: following the pane again

        assertThat(graph.isFitted()).isTrue();
    }

    @Test
    void panningMovesTheGraphByTheDragDistance() {
        graph.panXProperty().set(10);
        graph.panYProperty().set(20);

        graph.panBy(5, -7);

        assertThat(graph.panXProperty().get()).isEqualTo(15);
        assertThat(graph.panYProperty().get()).isEqualTo(13);
    }

    @Test
    void labelsStatesTheWayCardsShowThem() {
        assertThat(ServiceState.exited(1).label()).isEqualTo("exited (1)");
        assertThat(ServiceState.exited(0).cssState()).isEqualTo("exited-clean");
        assertThat(ServiceState.exited(2).cssState()).isEqualTo("exited-error");
        assertThat(ServiceState.NOT_CREATED.label()).isEqualTo("not created");
    }
}
