package dev.berth.app.gui.resources;

import dev.berth.app.gui.controls.Confirmations;
import dev.berth.app.gui.controls.Icons;
import dev.berth.app.gui.fx.UiScheduler;
import dev.berth.app.gui.swarm.EngineSwarmSource;
import dev.berth.app.gui.swarm.SwarmView;
import dev.berth.app.gui.swarm.SwarmViewModel;
import dev.berth.app.resources.ContainerFileAccess;
import dev.berth.app.resources.EngineContainerFiles;
import dev.berth.app.resources.EngineResourceCatalog;
import dev.berth.app.resources.ResourceCatalog;
import dev.berth.app.resources.VolumeHelper;
import dev.berth.app.workspace.EngineSession;
import dev.berth.app.workspace.EngineState;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.api.model.EngineEvent;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;

/**
 * The Resources area — Volumes, Networks and Images — and the one thing the main window needs to host
 * it: {@link #around} puts the window's project content in a first tab and the three lists beside it.
 * A list reloads when its tab is shown and, debounced, when the engine reports a change to volumes,
 * networks, images or containers while it is shown. Leaving the Volumes tab releases the browsed volume.
 * A fifth tab, Swarm ({@link SwarmView}), is there only while the engine is a swarm manager; it follows the
 * swarm's own events (services, nodes, secrets, configs, task containers).
 */
public final class ResourcesArea {

    /**
     * The events that change what the lists show, by type; a busy engine emits many others (exec, attach,
     * health checks, the archive API's volume mounts) that must not reload anything.
     */
    private static final Map<String, Set<String>> RELEVANT_EVENTS = Map.of(
            "volume", Set.of("create", "destroy", "prune"),
            "network", Set.of("create", "destroy", "remove", "connect", "disconnect", "prune"),
            "image", Set.of("delete", "import", "load", "pull", "tag", "untag", "prune"),
            "container", Set.of("create", "destroy", "rename"));
    private static final long DEBOUNCE_MILLIS = 400;
    /** Browse helpers older than this were left by a Berth that was killed. */
    private static final Duration LEFTOVER_AGE = Duration.ofHours(1);

    private final ResourceCatalog catalog;
    private final UiScheduler ui;
    private final Executor background;
    private final VolumesViewModel volumes;
    private final NetworksViewModel networks;
    private final ImagesViewModel images;
    /** The Swarm tab's model; null when this area has no Swarm tab (tests of the other lists). */
    private final SwarmViewModel swarm;
    private Tab swarmTab;
    private final AtomicBoolean refreshPending = new AtomicBoolean();
    private volatile boolean closed;
    private final Confirmations confirmations;
    private ContainerFileAccess containerFiles;
    private volatile Shown shown = Shown.PROJECT;
    private TabPane tabs;

    /** Which tab is in front: only that list follows engine events. */
    public enum Shown { PROJECT, VOLUMES, NETWORKS, IMAGES, SWARM }

    public ResourcesArea(ResourceCatalog catalog, UiScheduler ui, Executor background, Confirmations confirmations) {
        this(catalog, ui, background, confirmations, null);
    }

    /** With a Swarm tab over {@code swarm}, shown while the engine is a swarm manager. */
    public ResourcesArea(ResourceCatalog catalog, UiScheduler ui, Executor background, Confirmations confirmations,
            SwarmViewModel swarm) {
        this.swarm = swarm;
        this.catalog = catalog;
        this.ui = ui;
        this.background = background;
        this.confirmations = confirmations;
        this.volumes = new VolumesViewModel(catalog, ui, background, confirmations);
        this.networks = new NetworksViewModel(catalog, ui, background, confirmations);
        this.images = new ImagesViewModel(catalog, ui, background, confirmations);
    }

    /** The engine's volumes, networks and images (I/O: off the UI thread), for other views that must name them. */
    public ResourceCatalog catalog() {
        return catalog;
    }

    /** The app's wiring: the lists read the session's current engine and follow its events. */
    public static ResourcesArea forSession(EngineSession session, UiScheduler ui, Executor background, Confirmations confirmations) {
        EngineResourceCatalog catalog = new EngineResourceCatalog(() -> session.client()
                .orElseThrow(() -> new EngineException("Not connected to an engine yet; Berth keeps trying in the background.")));
        SwarmViewModel swarm = new SwarmViewModel(new EngineSwarmSource(() -> session.client()
                .orElseThrow(() -> new EngineException("Not connected to an engine yet."))), ui, background);
        ResourcesArea area = new ResourcesArea(catalog, ui, background, confirmations, swarm);
        area.withContainerFiles(new EngineContainerFiles(() -> session.client()
                .orElseThrow(() -> new EngineException("Not connected to an engine yet; Berth keeps trying in the background."))));
        session.onEvent(area::engineEvent);
        session.onStateChange(state -> {
            if (state instanceof EngineState.Connected) {
                area.engineChanged();
                swarm.changed(); // a new engine may be a swarm manager (or no longer one): the tab follows
                background.execute(() -> {
                    try {
                        catalog.removeLeftoverHelpers(LEFTOVER_AGE);
                    } catch (RuntimeException ignored) {
                        // best effort: a leftover helper only holds a read-only mount
                    }
                });
            }
        });
        return area;
    }

    /**
     * Tabs: {@code project} (the window's graph and panes) first, then Volumes, Networks and Images.
     *
     * @param selectedProject the selected project's name (or null), which the volumes list can narrow to
     */
    public TabPane around(Node project, ObservableValue<String> selectedProject) {
        Tab projectTab = tab("Project", Feather.LAYERS, project, "resources-tab-project");
        // Built when first selected: the window's first frame pays only for what is on screen.
        Tab volumesTab = lazyTab("Volumes", Feather.DATABASE, () -> new VolumesView(volumes), "resources-tab-volumes");
        Tab networksTab = lazyTab("Networks", Feather.SHARE_2, () -> new NetworksView(networks), "resources-tab-networks");
        Tab imagesTab = lazyTab("Images", Feather.PACKAGE, () -> new ImagesView(images), "resources-tab-images");
        tabs = new TabPane(projectTab, volumesTab, networksTab, imagesTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("resources-tabs");
        tabs.getStyleClass().add("resources-tabs");
        volumes.projectProperty().bind(selectedProject);
        selectedProject.addListener((obs, old, now) -> volumes.showAllProperty().set(now == null));
        tabs.getSelectionModel().selectedIndexProperty().addListener((obs, old, index) ->
                showing(Shown.values()[Math.max(0, index.intValue())]));
        if (swarm != null) {
            // Last, and only while the engine is a swarm manager: other engines have nothing to show there.
            swarmTab = lazyTab("Swarm", Feather.GRID, () -> new SwarmView(swarm), "resources-tab-swarm");
            swarm.managerProperty().addListener((obs, old, manager) -> showSwarmTab(manager));
            showSwarmTab(swarm.managerProperty().get());
        }
        return tabs;
    }

    private static Tab lazyTab(String title, Feather icon, Supplier<Node> view, String id) {
        Tab tab = tab(title, icon, null, id);
        tab.selectedProperty().addListener(new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends Boolean> obs, Boolean old, Boolean selected) {
                if (selected && tab.getContent() == null) {
                    tab.setContent(view.get());
                    tab.selectedProperty().removeListener(this);
                }
            }
        });
        return tab;
    }

    private static Tab tab(String title, Feather icon, Node content, String id) {
        Tab tab = new Tab(title, content);
        tab.setGraphic(Icons.icon(icon));
        tab.setId(id);
        return tab;
    }

    private void showSwarmTab(boolean manager) {
        if (manager && !tabs.getTabs().contains(swarmTab)) {
            tabs.getTabs().add(swarmTab);
        } else if (!manager) {
            tabs.getTabs().remove(swarmTab);
        }
    }

    /** Brings one of the tabs to the front (0 project, 1 volumes, 2 networks, 3 images, 4 swarm when shown). */
    public void select(int index) {
        tabs.getSelectionModel().select(index);
    }

    /**
     * The tab in front changed (UI thread): its list reloads; leaving Volumes releases the browsed volume.
     */
    public void showing(Shown now) {
        Shown before = shown;
        shown = now;
        if (before == Shown.VOLUMES && now != Shown.VOLUMES) {
            volumes.browser().close();
        }
        refresh(now);
    }

    /** Called with every engine event (any thread); reloads the shown list when the event concerns it. */
    public void engineEvent(EngineEvent event) {
        if (swarm != null) {
            swarm.engineEvent(event);
        }
        if (event == null || !RELEVANT_EVENTS.getOrDefault(event.type(), Set.of()).contains(event.action())) {
            return;
        }
        if (event.actor() != null && VolumeHelper.isHelper(event.actor().attributes())) {
            return; // our own browse helper coming and going
        }
        engineChanged();
    }

    /** Something changed on the engine (any thread): reload the shown list once the burst is over. */
    public void engineChanged() {
        if (closed || !refreshPending.compareAndSet(false, true)) {
            return;
        }
        background.execute(() -> {
            try {
                Thread.sleep(DEBOUNCE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            refreshPending.set(false);
            // The project tab shows no resource list: nothing to reload. (Reloading the swarm state there on every
            // container or network event asked /info twice a second during a crash loop, fault 6; the swarm tab
            // follows its own events, and coming back to the project tab still reloads it.)
            ui.execute(() -> {
                if (shown != Shown.PROJECT) {
                    refresh(shown);
                }
            });
        });
    }

    private void refresh(Shown which) {
        if (closed) {
            return;
        }
        switch (which) {
            case VOLUMES -> volumes.refresh();
            case NETWORKS -> networks.refresh();
            case IMAGES -> images.refresh();
            case SWARM -> swarm.refresh();
            case PROJECT -> {
                if (swarm != null) {
                    swarm.refresh(); // back on the project: a swarm made meanwhile (berth swarm init) shows its tab
                }
            }
        }
    }

    /** At shutdown: removes the browse helper now, on the calling thread. */
    /** Where the container file trees read and write ({@link #openContainerFiles}). */
    public ResourcesArea withContainerFiles(ContainerFileAccess files) {
        this.containerFiles = files;
        return this;
    }

    /** Builds the file tree of one container (the view the "Browse files" window shows). */
    public BorderPane containerFilesView(String containerId, String containerName) {
        if (containerFiles == null) {
            throw new IllegalStateException("no container file access wired");
        }
        return new ContainerFilesView(new ContainerFilesViewModel(containerFiles, containerId, containerName, ui, background, confirmations));
    }

    /** "Browse files" of a container row or service card: the container's file tree in a window of its own. */
    public Stage openContainerFiles(String containerId, String containerName, Window owner) {
        Stage stage = new Stage();
        stage.setTitle("Files in " + containerName + " — Berth");
        Scene scene = new Scene(containerFilesView(containerId, containerName), 820, 600);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
            stage.initOwner(owner);
        }
        stage.setScene(scene);
        stage.show();
        return stage;
    }

    public void close() {
        closed = true;
        if (swarm != null) {
            swarm.close();
        }
        volumes.browser().closeNow();
    }

    public VolumesViewModel volumes() {
        return volumes;
    }

    public NetworksViewModel networks() {
        return networks;
    }

    public ImagesViewModel images() {
        return images;
    }

    /** The Swarm tab's model, or null. */
    public SwarmViewModel swarm() {
        return swarm;
    }
}
