package dev.berth.app.gui.resources;

import dev.berth.app.gui.controls.Confirmations;
import dev.berth.app.gui.controls.Icons;
import dev.berth.app.gui.fx.UiScheduler;
import dev.berth.app.resources.EngineResourceCatalog;
import dev.berth.app.resources.ResourceCatalog;
import dev.berth.app.resources.VolumeHelper;
import dev.berth.app.workspace.EngineSession;
import dev.berth.app.workspace.EngineState;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.api.model.EngineEvent;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import org.kordamp.ikonli.feather.Feather;

/**
 * The Resources area — Volumes, Networks and Images — and the one thing the main window needs to host
 * it: {@link #around} puts the window's project content in a first tab and the three lists beside it.
 * A list reloads when its tab is shown and, debounced, when the engine reports a change to volumes,
 * networks, images or containers while it is shown. Leaving the Volumes tab releases the browsed volume.
 */
public final class ResourcesArea {

    private static final Set<String> RELEVANT_EVENTS = Set.of("volume", "network", "image", "container");
    private static final long DEBOUNCE_MILLIS = 400;
    /** Browse helpers older than this were left by a Berth that was killed. */
    private static final java.time.Duration LEFTOVER_AGE = java.time.Duration.ofHours(1);

    private final UiScheduler ui;
    private final Executor background;
    private final VolumesViewModel volumes;
    private final NetworksViewModel networks;
    private final ImagesViewModel images;
    private final AtomicBoolean refreshPending = new AtomicBoolean();
    private volatile boolean closed;
    private final TabPane tabs = new TabPane();
    private Tab volumesTab;
    private Tab networksTab;
    private Tab imagesTab;

    public ResourcesArea(ResourceCatalog catalog, UiScheduler ui, Executor background, Confirmations confirmations) {
        this.ui = ui;
        this.background = background;
        this.volumes = new VolumesViewModel(catalog, ui, background, confirmations);
        this.networks = new NetworksViewModel(catalog, ui, background, confirmations);
        this.images = new ImagesViewModel(catalog, ui, background, confirmations);
    }

    /** The app's wiring: the lists read the session's current engine and follow its events. */
    public static ResourcesArea forSession(EngineSession session, UiScheduler ui, Executor background, Confirmations confirmations) {
        EngineResourceCatalog catalog = new EngineResourceCatalog(() -> session.client()
                .orElseThrow(() -> new EngineException("Not connected to an engine yet; Berth keeps trying in the background.")));
        ResourcesArea area = new ResourcesArea(catalog, ui, background, confirmations);
        session.onEvent(area::engineEvent);
        session.onStateChange(state -> {
            if (state instanceof EngineState.Connected) {
                area.engineChanged();
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
        volumesTab = tab("Volumes", Feather.DATABASE, new VolumesView(volumes), "resources-tab-volumes");
        networksTab = tab("Networks", Feather.SHARE_2, new NetworksView(networks), "resources-tab-networks");
        imagesTab = tab("Images", Feather.PACKAGE, new ImagesView(images), "resources-tab-images");
        tabs.getTabs().setAll(projectTab, volumesTab, networksTab, imagesTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("resources-tabs");
        tabs.getStyleClass().add("resources-tabs");
        volumes.projectProperty().bind(selectedProject);
        selectedProject.addListener((obs, old, now) -> volumes.showAllProperty().set(now == null));
        tabs.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (old == volumesTab) {
                volumes.browser().close();
            }
            refresh(now);
        });
        return tabs;
    }

    private static Tab tab(String title, Feather icon, Node content, String id) {
        Tab tab = new Tab(title, content);
        tab.setGraphic(Icons.icon(icon));
        tab.setId(id);
        return tab;
    }

    /** Shows one of the lists (0 project, 1 volumes, 2 networks, 3 images). */
    public void select(int index) {
        tabs.getSelectionModel().select(index);
    }

    /** Called with every engine event (any thread); reloads the shown list when the event concerns it. */
    public void engineEvent(EngineEvent event) {
        if (event == null || !RELEVANT_EVENTS.contains(event.type())) {
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
            ui.execute(() -> refresh(tabs.getSelectionModel().getSelectedItem()));
        });
    }

    private void refresh(Tab shown) {
        if (shown == null || closed) {
            return;
        }
        if (shown == volumesTab) {
            volumes.refresh();
        } else if (shown == networksTab) {
            networks.refresh();
        } else if (shown == imagesTab) {
            images.refresh();
        }
    }

    /** At shutdown: removes the browse helper now, on the calling thread. */
    public void close() {
        closed = true;
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
}
