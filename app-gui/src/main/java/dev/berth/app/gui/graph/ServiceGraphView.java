package dev.berth.app.gui.graph;

import atlantafx.base.theme.Styles;
import dev.berth.app.gui.controls.Icons;
import dev.berth.app.gui.look.Shortcuts;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToolBar;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.CubicCurveTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;
import org.kordamp.ikonli.feather.Feather;

/**
 * The live service graph: cards placed by {@link LayeredLayout}, dependency edges as curves with an
 * arrowhead at the dependency and the condition as a label, dashed links to networks and volumes.
 * Ctrl+wheel or the buttons zoom, dragging the background or the wheel pans, "fit" shows everything (and
 * keeps doing so as the pane is resized, until the next zoom or pan); a click on a card selects it, and so does
 * reaching it with Tab, where Enter, the Menu key or Shift+F10 open its actions.
 */
public final class ServiceGraphView extends BorderPane {

    private static final double ARROW = 7;
    /** Above this many cards the graph is drawn the cheap way (no shadows, cards cached as bitmaps). */
    static final int LARGE_GRAPH = 40;

    private final ServiceGraphViewModel model;
    private final Pane viewport = new Pane();
    private final Group canvas = new Group();
    private final Group edgeLayer = new Group();
    private final Group cardLayer = new Group();
    private final Map<String, GraphCard> cards = new HashMap<>();
    private final Label placeholder = new Label("No services to show — open a compose file to see its dependency graph.");
    private boolean placeholderWanted = true;
    private final Label zoomLabel = new Label();
    private Point2D dragFrom;
    private boolean fitPending = true;

    public ServiceGraphView(ServiceGraphViewModel model) {
        this.model = model;
        getStyleClass().add("graph-view");

        canvas.getChildren().addAll(edgeLayer, cardLayer);
        // Explicit transforms (not scaleX/scaleY, which pivot on the centre): a graph point p shows at
        // pan + zoom * p, exactly as the view-model computes zoom-at-cursor.
        Translate pan = new Translate();
        pan.xProperty().bind(model.panXProperty());
        pan.yProperty().bind(model.panYProperty());
        Scale scale = new Scale(1, 1, 0, 0);
        scale.xProperty().bind(model.zoomProperty());
        scale.yProperty().bind(model.zoomProperty());
        canvas.getTransforms().setAll(pan, scale);
        canvas.setManaged(false);
        viewport.getChildren().add(canvas);
        viewport.getStyleClass().add("graph-viewport");
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(viewport.widthProperty());
        clip.heightProperty().bind(viewport.heightProperty());
        viewport.setClip(clip);

        placeholder.getStyleClass().add("pane-placeholder");
        placeholder.setWrapText(true);
        placeholder.setMouseTransparent(true);
        StackPane body = new StackPane(viewport, placeholder);
        setCenter(body);
        setTop(toolbar());

        model.layoutProperty().addListener((obs, old, layout) -> rebuild(layout));
        model.selectedNodeProperty().addListener((obs, old, id) -> showSelection(old, id));
        model.zoomProperty().addListener((obs, old, zoom) -> zoomLabel.setText(Math.round(zoom.doubleValue() * 100) + " %"));
        zoomLabel.setText(Math.round(model.zoomProperty().get() * 100) + " %");
        viewport.widthProperty().addListener((obs, old, w) -> viewportResized());
        viewport.heightProperty().addListener((obs, old, h) -> viewportResized());

        viewport.addEventHandler(ScrollEvent.SCROLL, this::onScroll);
        viewport.addEventHandler(MouseEvent.MOUSE_PRESSED, event -> {
            if (event.getButton() == MouseButton.PRIMARY) {
                dragFrom = new Point2D(event.getX(), event.getY());
            }
        });
        viewport.addEventHandler(MouseEvent.MOUSE_DRAGGED, event -> {
            if (dragFrom != null) {
                model.panBy(event.getX() - dragFrom.getX(), event.getY() - dragFrom.getY());
                dragFrom = new Point2D(event.getX(), event.getY());
            }
        });
        viewport.addEventHandler(MouseEvent.MOUSE_RELEASED, event -> dragFrom = null);
        rebuild(model.layoutProperty().get());
    }

    /** Scales the graph to fit the pane. */
    public void fit() {
        model.fit(viewport.getWidth(), viewport.getHeight());
    }

    /** The card of a node, for tests. */
    Node card(String id) {
        return cards.get(id);
    }

    private ToolBar toolbar() {
        Button zoomOut = Icons.button(Feather.ZOOM_OUT, "Zoom out (Ctrl+wheel)");
        zoomOut.setOnAction(event -> model.zoomOut(viewport.getWidth(), viewport.getHeight()));
        Button zoomIn = Icons.button(Feather.ZOOM_IN, "Zoom in (Ctrl+wheel)");
        zoomIn.setOnAction(event -> model.zoomIn(viewport.getWidth(), viewport.getHeight()));
        Button fit = Icons.button(Feather.MAXIMIZE, "Fit the graph to the pane");
        fit.setId("graph-fit");
        fit.setOnAction(event -> fit());
        zoomLabel.getStyleClass().add(Styles.TEXT_MUTED);
        zoomLabel.setMinWidth(48);
        Label title = new Label("Services");
        title.getStyleClass().add("pane-title");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        ToolBar bar = new ToolBar(title, spacer, zoomOut, zoomLabel, zoomIn, fit);
        bar.getStyleClass().add("graph-toolbar");
        return bar;
    }

    private void onScroll(ScrollEvent event) {
        if (event.isControlDown() || event.isShortcutDown()) {
            double factor = Math.pow(1.0015, event.getDeltaY());
            model.zoomAt(factor, event.getX(), event.getY());
        } else {
            model.panBy(event.getDeltaX(), event.getDeltaY());
        }
        event.consume();
    }

    private void viewportResized() {
        if (fitPending) {
            fitIfPending();
        } else if (viewport.getWidth() > 0 && viewport.getHeight() > 0) {
            model.viewportResized(viewport.getWidth(), viewport.getHeight());
        }
    }

    private void fitIfPending() {
        if (fitPending && viewport.getWidth() > 0 && viewport.getHeight() > 0 && model.layoutProperty().get() != null) {
            fitPending = false;
            fit();
        }
    }

    /** Off where the window shows its own welcome over an empty graph (the two texts overlapped). */
    public void setPlaceholderShown(boolean shown) {
        placeholderWanted = shown;
        placeholder.setVisible(shown && cards.isEmpty());
    }

    private void rebuild(LayeredLayout.Result layout) {
        cards.clear();
        cardLayer.getChildren().clear();
        edgeLayer.getChildren().clear();
        boolean empty = layout == null || layout.placements().isEmpty();
        placeholder.setVisible(empty && placeholderWanted);
        if (empty) {
            return;
        }
        // A large graph (issue 17 fault 8: 200 services) is drawn without the cards' shadows: the software
        // pipeline renders each shadow through an offscreen blur on every frame, which made a pan of 200 cards
        // take hundreds of ms a frame; at the zoom such a graph is seen at, the shadow is not visible anyway.
        boolean large = layout.placements().size() > LARGE_GRAPH;
        canvas.getStyleClass().remove("graph-large");
        if (large) {
            canvas.getStyleClass().add("graph-large");
        }
        for (GraphNodeModel node : model.nodes()) {
            LayeredLayout.Placement placement = layout.placement(node.id());
            GraphCard card = new GraphCard(node);
            // Each card keeps its rendering as a bitmap: a pan (translate) or a selection (one card restyled)
            // then redraws no other card's text and borders.
            card.setCache(large);
            card.relocate(placement.x(), placement.y());
            card.setOnMouseClicked(event -> {
                model.select(node.id());
                card.requestFocus();
                event.consume();
            });
            card.addEventHandler(MouseEvent.MOUSE_PRESSED, MouseEvent::consume); // a card click is not a pan
            // Keyboard: Tab reaches every card; the focused card is the selected one; Enter, the Menu key or
            // Shift+F10 open its actions (the context menu the graph's owner installed).
            card.setFocusTraversable(true);
            card.focusedProperty().addListener((obs, was, focused) -> {
                if (focused) {
                    model.select(node.id());
                }
            });
            card.addEventHandler(KeyEvent.KEY_PRESSED, event -> {
                if (event.getCode() == KeyCode.ENTER || event.getCode() == KeyCode.CONTEXT_MENU
                        || Shortcuts.CARD_ACTIONS.keys().match(event)) {
                    model.select(node.id());
                    Bounds bounds = card.localToScreen(card.getLayoutBounds());
                    Bounds local = card.getLayoutBounds();
                    card.fireEvent(new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED, local.getCenterX(), local.getCenterY(),
                            bounds == null ? 0 : bounds.getCenterX(), bounds == null ? 0 : bounds.getMaxY(), true, null));
                    event.consume();
                }
            });
            cards.put(node.id(), card);
            cardLayer.getChildren().add(card);
        }
        for (LayeredLayout.Route route : layout.routes()) {
            drawEdge(route);
        }
        showSelection(null, model.selectedNodeProperty().get());
        fitPending = true;
        fitIfPending();
    }

    private void drawEdge(LayeredLayout.Route route) {
        String dependent = route.edge().dependent();
        String dependency = route.edge().dependency();
        GraphNodeModel target = model.node(dependency).orElse(null);
        boolean attachment = target != null && target.kind() != GraphNode.Kind.SERVICE;
        List<LayeredLayout.Point> points = route.points(); // the dependency's end first
        boolean rows = model.layoutProperty().get().direction() == LayeredLayout.Direction.TOP_DOWN;
        // Across the layers: downwards (rows) or rightwards (columns). Leave the dependency's card on the side
        // facing its dependents and enter the dependent's card on the side facing its dependencies.
        double half = rows ? ServiceGraphViewModel.NODE_HEIGHT / 2 : ServiceGraphViewModel.NODE_WIDTH / 2;
        double ax = rows ? 0 : 1;
        double ay = rows ? 1 : 0;
        LayeredLayout.Point first = points.getFirst();
        LayeredLayout.Point last = points.getLast();
        Path path = new Path();
        path.getStyleClass().addAll("graph-edge", attachment ? "graph-edge-attachment" : "graph-edge-dependency");
        double gap = half + (attachment ? 0 : ARROW);
        double startX = first.x() + ax * gap;
        double startY = first.y() + ay * gap;
        double fromX = last.x() - ax * half;
        double fromY = last.y() - ay * half;
        path.getElements().add(new MoveTo(fromX, fromY));
        for (int i = points.size() - 2; i >= 0; i--) {
            LayeredLayout.Point p = points.get(i);
            double toX = i == 0 ? startX : p.x();
            double toY = i == 0 ? startY : p.y();
            double midX = (fromX + toX) / 2;
            double midY = (fromY + toY) / 2;
            path.getElements().add(rows ? new CubicCurveTo(fromX, midY, toX, midY, toX, toY)
                    : new CubicCurveTo(midX, fromY, midX, toY, toX, toY));
            fromX = toX;
            fromY = toY;
        }
        edgeLayer.getChildren().add(path);
        if (attachment) {
            return;
        }
        // Arrowhead pointing into the dependency.
        double tipX = first.x() + ax * half;
        double tipY = first.y() + ay * half;
        double wing = ARROW * 0.7;
        Polygon arrow = rows
                ? new Polygon(tipX, tipY, tipX - wing, tipY + ARROW, tipX + wing, tipY + ARROW)
                : new Polygon(tipX, tipY, tipX + ARROW, tipY - wing, tipX + ARROW, tipY + wing);
        arrow.getStyleClass().add("graph-arrow");
        edgeLayer.getChildren().add(arrow);
        String condition = model.edgeLabel(dependent, dependency);
        if (!condition.isEmpty()) {
            Label label = new Label(condition.replace("service_", ""));
            label.getStyleClass().add("graph-edge-label");
            LayeredLayout.Point mid = points.size() > 2 ? points.get(points.size() / 2)
                    : new LayeredLayout.Point((first.x() + last.x()) / 2, (first.y() + last.y()) / 2);
            label.layoutBoundsProperty().addListener((obs, old, bounds) ->
                    label.relocate(mid.x() - bounds.getWidth() / 2, mid.y() - bounds.getHeight() / 2));
            label.relocate(mid.x() - 30, mid.y() - 9);
            edgeLayer.getChildren().add(label);
        }
    }

    private void showSelection(String old, String now) {
        if (old != null && cards.containsKey(old)) {
            cards.get(old).setSelected(false);
        }
        if (now != null && cards.containsKey(now)) {
            cards.get(now).setSelected(true);
        }
    }
}
