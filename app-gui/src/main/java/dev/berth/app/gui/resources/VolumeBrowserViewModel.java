package dev.berth.app.gui.resources;

import dev.berth.app.gui.format.Formats;
import dev.berth.app.gui.fx.UiScheduler;
import dev.berth.app.resources.FilePreview;
import dev.berth.app.resources.ResourceCatalog;
import dev.berth.app.resources.VolumeFiles;
import dev.berth.app.resources.VolumeListing;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Browsing one volume read-only: its file tree and a preview of the selected file. Opening another
 * volume (or closing) releases the previous one's {@link VolumeFiles} in the background; a slow listing
 * or preview that arrives after the user moved on is dropped (and its files closed).
 */
public final class VolumeBrowserViewModel {

    private final ResourceCatalog catalog;
    private final UiScheduler ui;
    private final Executor background;
    private final AtomicLong generation = new AtomicLong();
    private final AtomicLong previewGeneration = new AtomicLong();
    private final ReadOnlyStringWrapper volume = new ReadOnlyStringWrapper(this, "volume");
    private final ReadOnlyObjectWrapper<VolumeTree> tree = new ReadOnlyObjectWrapper<>(this, "tree");
    private final ReadOnlyObjectWrapper<FilePreview> preview = new ReadOnlyObjectWrapper<>(this, "preview");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private VolumeFiles files;

    public VolumeBrowserViewModel(ResourceCatalog catalog, UiScheduler ui, Executor background) {
        this.catalog = catalog;
        this.ui = ui;
        this.background = background;
    }

    /** Shows {@code name}'s files (null: show nothing); a no-op when it is already shown. */
    public void open(String name) {
        if (name != null && name.equals(volume.get())) {
            return;
        }
        long mine = generation.incrementAndGet();
        release();
        volume.set(name);
        tree.set(null);
        preview.set(null);
        error.set("");
        summary.set(name == null ? "" : "Reading " + name + "…");
        loading.set(name != null);
        if (name == null) {
            return;
        }
        background.execute(() -> {
            VolumeFiles opened = null;
            try {
                opened = catalog.browse(name);
                VolumeListing listing = opened.list();
                VolumeTree built = VolumeTree.of(listing);
                VolumeFiles result = opened;
                ui.execute(() -> {
                    if (generation.get() != mine) {
                        background.execute(result::close);
                        return;
                    }
                    files = result;
                    loading.set(false);
                    tree.set(built);
                    summary.set(describe(built, listing));
                });
            } catch (RuntimeException e) {
                if (opened != null) {
                    opened.close();
                }
                ui.execute(() -> {
                    if (generation.get() == mine) {
                        loading.set(false);
                        summary.set("");
                        error.set(Notice.failure("Reading volume " + name, e).text());
                    }
                });
            }
        });
    }

    private static String describe(VolumeTree tree, VolumeListing listing) {
        long directories = listing.entries().stream().filter(e -> e.isDirectory()).count();
        String text = tree.files() + (tree.files() == 1 ? " file, " : " files, ") + directories
                + (directories == 1 ? " directory, " : " directories, ") + Formats.bytes(tree.size());
        return listing.truncated() ? text + " (first " + listing.entries().size() + " entries only)" : text;
    }

    /** Shows the first part of the file at {@code path} (relative to the volume), or nothing for null. */
    public void select(String path) {
        long mine = previewGeneration.incrementAndGet();
        VolumeFiles current = files;
        if (path == null || path.isEmpty() || current == null) {
            preview.set(null);
            return;
        }
        background.execute(() -> {
            try {
                FilePreview read = current.preview(path);
                ui.execute(() -> {
                    if (previewGeneration.get() == mine && files == current) {
                        preview.set(read);
                    }
                });
            } catch (RuntimeException e) {
                ui.execute(() -> {
                    if (previewGeneration.get() == mine && files == current) {
                        preview.set(new FilePreview(path, 0, Notice.failure("Reading " + path, e).text(), false, false));
                    }
                });
            }
        });
    }

    /** Forgets the shown volume and removes what browsing it needed on the engine. */
    public void close() {
        open(null);
    }

    /**
     * Forgets the shown volume and hands its open files to the caller, who closes them (on its background
     * thread, before removing the volume: two removals of the same helper at once would collide).
     */
    public Optional<VolumeFiles> detach() {
        VolumeFiles previous = files;
        files = null;
        open(null);
        return Optional.ofNullable(previous);
    }

    /** At shutdown: removes what browsing needed on the engine now, on the calling thread. */
    public void closeNow() {
        generation.incrementAndGet();
        VolumeFiles previous = files;
        files = null;
        if (previous != null) {
            try {
                previous.close();
            } catch (RuntimeException ignored) {
                // the engine may be gone already
            }
        }
    }

    private void release() {
        VolumeFiles previous = files;
        files = null;
        if (previous != null) {
            background.execute(() -> {
                try {
                    previous.close();
                } catch (RuntimeException ignored) {
                    // the engine may be gone; the helper is labelled and cleaned up with the volume later
                }
            });
        }
    }

    public ReadOnlyStringProperty volumeProperty() {
        return volume.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<VolumeTree> treeProperty() {
        return tree.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<FilePreview> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }
}
