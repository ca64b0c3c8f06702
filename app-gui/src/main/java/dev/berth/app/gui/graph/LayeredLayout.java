package dev.berth.app.gui.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A layered (Sugiyama-style) layout for a dependency graph, top to bottom (what a node depends on sits in a
 * layer above it) or left to right (in a layer to its left), whichever fits the pane better. Pure — no
 * JavaFX — so it is unit-tested and runs anywhere.
 *
 * <ol>
 *   <li>Layering by longest path: a node with no dependencies is in layer 0, any other one layer below its
 *       deepest dependency. Cycles (Compose rejects them, but a half-written file may have one) are broken
 *       by ignoring the edge that closes them.</li>
 *   <li>Nodes in {@code bottomNodes} (networks, volumes) go into one extra layer under everything.</li>
 *   <li>Edges spanning several layers get a virtual node in each layer they cross, so they take part in
 *       ordering and can be drawn around the cards.</li>
 *   <li>Crossing reduction: alternating down and up sweeps ordering each layer by the barycenter of its
 *       neighbours in the previous layer; the ordering with the fewest crossings wins.</li>
 *   <li>Coordinates: each layer is a centred row (top to bottom) or column (left to right) of cards;
 *       virtual nodes are thin. A layer far wider than the rest (the leaves of a 200-service file) folds into
 *       bands, column by column.</li>
 * </ol>
 */
public final class LayeredLayout {

    /** {@code dependent} depends on {@code dependency} (or uses it, for a network or volume). */
    public record Edge(String dependent, String dependency) {}

    /** Where the layers follow each other: downwards, or rightwards. */
    public enum Direction { TOP_DOWN, LEFT_TO_RIGHT }

    public record Point(double x, double y) {}

    /** Where a node went: its layer, its position in the layer, and its card's top-left corner. */
    public record Placement(String id, int layer, int order, double x, double y) {}

    /** An edge's path through card centres and virtual nodes, from the dependency's end to the dependent's. */
    public record Route(Edge edge, List<Point> points) {}

    public record Result(Map<String, Placement> placements, List<Route> routes, double width, double height,
                         int crossings, Direction direction) {
        public Placement placement(String id) {
            return placements.get(id);
        }
    }

    private static final int SWEEPS = 12;
    /** A layer folds into bands only beyond this many cards (and beyond 1.5 times the square root of all cards). */
    static final int MIN_CARDS_BEFORE_WRAPPING = 16;

    private final double nodeWidth;
    private final double nodeHeight;
    private final Direction direction;
    /** A card's size along its layer (its width in a row, its height in a column). */
    private final double extentInLayer;
    /** A card's size across layers. */
    private final double depthAcrossLayers;
    private final double gapInLayer;
    private final double gapBetweenLayers;
    private final double virtualExtent;

    /** Top to bottom: {@code horizontalGap} between cards of a row, {@code verticalGap} between rows. */
    public LayeredLayout(double nodeWidth, double nodeHeight, double horizontalGap, double verticalGap) {
        this(nodeWidth, nodeHeight, horizontalGap, verticalGap, Direction.TOP_DOWN);
    }

    /** {@code gapInLayer} between the cards of one layer, {@code gapBetweenLayers} from one layer to the next. */
    public LayeredLayout(double nodeWidth, double nodeHeight, double gapInLayer, double gapBetweenLayers, Direction direction) {
        this.nodeWidth = nodeWidth;
        this.nodeHeight = nodeHeight;
        this.direction = direction;
        boolean rows = direction == Direction.TOP_DOWN;
        this.extentInLayer = rows ? nodeWidth : nodeHeight;
        this.depthAcrossLayers = rows ? nodeHeight : nodeWidth;
        this.gapInLayer = gapInLayer;
        this.gapBetweenLayers = gapBetweenLayers;
        this.virtualExtent = Math.max(8, gapInLayer / 2);
    }

    public Direction direction() {
        return direction;
    }

    public Result layout(List<String> nodes, Collection<Edge> edges, Set<String> bottomNodes) {
        Set<String> known = new LinkedHashSet<>(nodes);
        List<Edge> valid = edges.stream()
                .filter(e -> known.contains(e.dependent()) && known.contains(e.dependency()) && !e.dependent().equals(e.dependency()))
                .distinct().toList();

        Map<String, Integer> layerOf = assignLayers(nodes, valid, bottomNodes);
        int layerCount = layerOf.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;

        // Layers in input order first: a stable start makes the result deterministic.
        List<List<String>> layers = new ArrayList<>();
        for (int i = 0; i < layerCount; i++) {
            layers.add(new ArrayList<>());
        }
        for (String node : nodes) {
            layers.get(layerOf.get(node)).add(node);
        }

        // Split long edges into unit-length segments through virtual nodes.
        Map<String, List<String>> up = new HashMap<>();   // node -> neighbours in the layer above
        Map<String, List<String>> down = new HashMap<>(); // node -> neighbours in the layer below
        Map<Edge, List<String>> chains = new LinkedHashMap<>();
        Set<String> virtual = new HashSet<>();
        int virtualCount = 0;
        for (Edge edge : valid) {
            int top = layerOf.get(edge.dependency());
            int bottom = layerOf.get(edge.dependent());
            if (top == bottom) {
                continue; // only possible for a broken cycle; drawn straight, not ordered
            }
            if (top > bottom) { // an edge that closed a cycle points upwards: order it the other way round
                int swap = top;
                top = bottom;
                bottom = swap;
            }
            String upper = layerOf.get(edge.dependency()) == top ? edge.dependency() : edge.dependent();
            String lower = upper.equals(edge.dependency()) ? edge.dependent() : edge.dependency();
            List<String> chain = new ArrayList<>();
            chain.add(upper);
            for (int layer = top + 1; layer < bottom; layer++) {
                String v = "\u0000v" + virtualCount++;
                virtual.add(v);
                layers.get(layer).add(v);
                chain.add(v);
            }
            chain.add(lower);
            for (int i = 0; i + 1 < chain.size(); i++) {
                down.computeIfAbsent(chain.get(i), k -> new ArrayList<>()).add(chain.get(i + 1));
                up.computeIfAbsent(chain.get(i + 1), k -> new ArrayList<>()).add(chain.get(i));
            }
            chains.put(edge, chain);
        }

        List<List<String>> best = copy(layers);
        int bestCrossings = crossings(best, down);
        List<List<String>> current = copy(layers);
        for (int sweep = 0; sweep < SWEEPS && bestCrossings > 0; sweep++) {
            boolean downwards = sweep % 2 == 0;
            if (downwards) {
                for (int i = 1; i < current.size(); i++) {
                    orderByBarycenter(current.get(i), current.get(i - 1), up);
                }
            } else {
                for (int i = current.size() - 2; i >= 0; i--) {
                    orderByBarycenter(current.get(i), current.get(i + 1), down);
                }
            }
            int c = crossings(current, down);
            if (c < bestCrossings) {
                bestCrossings = c;
                best = copy(current);
            }
        }
        return place(best, virtual, chains, bestCrossings);
    }

    private static Map<String, Integer> assignLayers(List<String> nodes, List<Edge> edges, Set<String> bottomNodes) {
        Map<String, List<String>> dependencies = new HashMap<>();
        for (Edge edge : edges) {
            if (!bottomNodes.contains(edge.dependency()) && !bottomNodes.contains(edge.dependent())) {
                dependencies.computeIfAbsent(edge.dependent(), k -> new ArrayList<>()).add(edge.dependency());
            }
        }
        Map<String, Integer> layer = new HashMap<>();
        Set<String> visiting = new HashSet<>();
        int deepest = 0;
        for (String node : nodes) {
            if (!bottomNodes.contains(node)) {
                deepest = Math.max(deepest, depth(node, dependencies, layer, visiting));
            }
        }
        int resourceLayer = layer.isEmpty() ? 0 : deepest + 1;
        for (String node : nodes) {
            if (bottomNodes.contains(node)) {
                layer.put(node, resourceLayer);
            }
        }
        return layer;
    }

    /** Longest path to a node without dependencies, memoised; an edge back into the current path is ignored. */
    private static int depth(String node, Map<String, List<String>> dependencies, Map<String, Integer> layer, Set<String> visiting) {
        Integer known = layer.get(node);
        if (known != null) {
            return known;
        }
        visiting.add(node);
        int depth = 0;
        for (String dependency : dependencies.getOrDefault(node, List.of())) {
            if (!visiting.contains(dependency)) {
                depth = Math.max(depth, depth(dependency, dependencies, layer, visiting) + 1);
            }
        }
        visiting.remove(node);
        layer.put(node, depth);
        return depth;
    }

    private static void orderByBarycenter(List<String> layer, List<String> fixed, Map<String, List<String>> neighbours) {
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < fixed.size(); i++) {
            position.put(fixed.get(i), i);
        }
        Map<String, Double> barycenter = new HashMap<>();
        for (int i = 0; i < layer.size(); i++) {
            String node = layer.get(i);
            double sum = 0;
            int count = 0;
            for (String n : neighbours.getOrDefault(node, List.of())) {
                Integer p = position.get(n);
                if (p != null) {
                    sum += p;
                    count++;
                }
            }
            // A node without neighbours there keeps its place (scaled into the fixed layer's range).
            barycenter.put(node, count == 0 ? i * (fixed.size() / (double) Math.max(1, layer.size())) : sum / count);
        }
        List<String> before = List.copyOf(layer);
        layer.sort((a, b) -> {
            int byCenter = Double.compare(barycenter.get(a), barycenter.get(b));
            return byCenter != 0 ? byCenter : Integer.compare(before.indexOf(a), before.indexOf(b));
        });
    }

    /** Crossings between each pair of adjacent layers (every edge segment joins adjacent layers). */
    static int crossings(List<List<String>> layers, Map<String, List<String>> down) {
        int total = 0;
        for (int i = 0; i + 1 < layers.size(); i++) {
            Map<String, Integer> lowerPosition = new HashMap<>();
            List<String> lower = layers.get(i + 1);
            for (int j = 0; j < lower.size(); j++) {
                lowerPosition.put(lower.get(j), j);
            }
            List<int[]> segments = new ArrayList<>();
            List<String> upper = layers.get(i);
            for (int j = 0; j < upper.size(); j++) {
                for (String n : down.getOrDefault(upper.get(j), List.of())) {
                    Integer p = lowerPosition.get(n);
                    if (p != null) {
                        segments.add(new int[] {j, p});
                    }
                }
            }
            for (int a = 0; a < segments.size(); a++) {
                for (int b = a + 1; b < segments.size(); b++) {
                    int[] s = segments.get(a);
                    int[] t = segments.get(b);
                    if ((s[0] - t[0]) * (s[1] - t[1]) < 0) {
                        total++;
                    }
                }
            }
        }
        return total;
    }

    private Result place(List<List<String>> layers, Set<String> virtual, Map<Edge, List<String>> chains, int crossings) {
        int realNodes = 0;
        for (List<String> layer : layers) {
            realNodes += (int) layer.stream().filter(id -> !virtual.contains(id)).count();
        }
        int perBand = Math.max(MIN_CARDS_BEFORE_WRAPPING, (int) Math.ceil(1.5 * Math.sqrt(realNodes)));
        List<LayerWalk> walks = new ArrayList<>();
        double widest = 0;
        for (List<String> layer : layers) {
            LayerWalk walk = walk(layer, virtual, perBand);
            walks.add(walk);
            widest = Math.max(widest, walk.extent());
        }
        Map<String, Placement> placements = new LinkedHashMap<>();
        Map<String, Point> virtualCentres = new HashMap<>();
        double across = 0; // the layer's position
        for (int l = 0; l < layers.size(); l++) {
            List<String> layer = layers.get(l);
            LayerWalk walk = walks.get(l);
            double start = (widest - walk.extent()) / 2;
            int order = 0;
            for (int i = 0; i < layer.size(); i++) {
                String id = layer.get(i);
                double along = start + walk.along()[i];
                double band = across + walk.band()[i] * (depthAcrossLayers + gapBetweenBands());
                if (virtual.contains(id)) {
                    virtualCentres.put(id, point(along + virtualExtent / 2, band + depthAcrossLayers / 2));
                } else {
                    Point corner = point(along, band);
                    placements.put(id, new Placement(id, l, order++, corner.x(), corner.y()));
                }
            }
            across += walk.bands() * depthAcrossLayers + (walk.bands() - 1) * gapBetweenBands() + gapBetweenLayers;
        }
        List<Route> routes = new ArrayList<>();
        chains.forEach((edge, chain) -> {
            List<Point> points = new ArrayList<>();
            for (String id : chain) {
                Placement p = placements.get(id);
                points.add(p != null ? new Point(p.x() + nodeWidth / 2, p.y() + nodeHeight / 2) : virtualCentres.get(id));
            }
            routes.add(new Route(edge, points));
        });
        double depth = layers.isEmpty() ? 0 : across - gapBetweenLayers;
        return direction == Direction.TOP_DOWN
                ? new Result(placements, routes, widest, depth, crossings, direction)
                : new Result(placements, routes, depth, widest, crossings, direction);
    }

    /** Where each node of a layer goes along it and in which band, and how long and deep the layer is. */
    private record LayerWalk(double[] along, int[] band, double extent, int bands) {}

    /**
     * A layer of more than {@code perBand} cards (the 70 leaves of a 200-service file were 14,000 px wide, too wide
     * for the smallest zoom) is folded into bands: its cards go column by column, {@code bands} to a column, so
     * the left-to-right order the crossing reduction chose stays. Virtual nodes stay in the first band.
     */
    private LayerWalk walk(List<String> layer, Set<String> virtual, int perBand) {
        int real = (int) layer.stream().filter(id -> !virtual.contains(id)).count();
        int bands = Math.max(1, (real + perBand - 1) / perBand);
        double[] along = new double[layer.size()];
        int[] band = new int[layer.size()];
        double cursor = 0;
        double end = 0;
        int inColumn = 0; // cards already in the current column
        for (int i = 0; i < layer.size(); i++) {
            if (virtual.contains(layer.get(i))) {
                if (inColumn > 0) { // the column ends here: the edge passes to its right
                    cursor += extentInLayer + gapInLayer;
                    inColumn = 0;
                }
                along[i] = cursor;
                end = cursor + virtualExtent;
                cursor += virtualExtent + gapInLayer / 2;
            } else {
                along[i] = cursor;
                band[i] = inColumn;
                end = cursor + extentInLayer;
                if (++inColumn == bands) {
                    cursor += extentInLayer + gapInLayer;
                    inColumn = 0;
                }
            }
        }
        return new LayerWalk(along, band, end, bands);
    }

    /** Between the bands of one folded layer: closer than between layers, so the bands read as one layer. */
    private double gapBetweenBands() {
        return gapBetweenLayers / 3;
    }

    /** A point given along a layer and across the layers. */
    private Point point(double along, double across) {
        return direction == Direction.TOP_DOWN ? new Point(along, across) : new Point(across, along);
    }

    private static List<List<String>> copy(List<List<String>> layers) {
        List<List<String>> copy = new ArrayList<>();
        layers.forEach(layer -> copy.add(new ArrayList<>(layer)));
        return copy;
    }
}
