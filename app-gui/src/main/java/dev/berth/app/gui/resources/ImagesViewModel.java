package dev.berth.app.gui.resources;

import dev.berth.app.gui.controls.Confirmations;
import dev.berth.app.gui.format.Formats;
import dev.berth.app.gui.fx.UiScheduler;
import dev.berth.app.gui.inspect.InspectViewModel;
import dev.berth.app.resources.ImageInfo;
import dev.berth.app.resources.ImageLayers;
import dev.berth.app.resources.PruneResult;
import dev.berth.app.resources.ResourceCatalog;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The images list: repo:tag, id, size, created, containers using it; the selected image's inspect
 * document and layers ({@link ImageLayers}); remove (confirmation with a "force" check box — without it an image in use is refused) and
 * prune of dangling images.
 */
public final class ImagesViewModel extends ResourceListViewModel<ImageInfo> {

    private final InspectViewModel inspect = new InspectViewModel();
    private final ObjectProperty<ImageLayers> layers = new SimpleObjectProperty<>();
    private String inspected;

    public ImagesViewModel(ResourceCatalog catalog, UiScheduler ui, Executor background, Confirmations confirmations) {
        super(catalog, ui, background, confirmations);
        selectedProperty().addListener((obs, old, now) -> {
            if (!isReplacing()) {
                show(now);
            }
        });
    }

    @Override
    protected List<ImageInfo> load() {
        return catalog.images();
    }

    @Override
    protected void selectionSettled(ImageInfo row) {
        if (row == null || !row.id().equals(inspected)) {
            show(row);
        }
    }

    private void show(ImageInfo image) {
        inspected = image == null ? null : image.id();
        if (image == null) {
            inspect.clear();
            layers.set(null);
            return;
        }
        String id = image.id();
        read(() -> catalog.inspectImage(id), json -> {
            if (id.equals(inspected)) {
                inspect.setDocument(image.displayName(), json);
            }
        }, "Inspecting image " + image.displayName());
        read(() -> catalog.imageLayers(image), found -> {
            if (id.equals(inspected)) {
                layers.set(found);
            }
        }, "Reading the layers of image " + image.displayName());
    }

    @Override
    protected String searchText(ImageInfo row) {
        return row.displayName() + " " + row.id() + " " + String.join(" ", row.usedBy());
    }

    @Override
    protected String key(ImageInfo row) {
        return row.id() + " " + row.displayName();
    }

    /**
     * Removes an image after asking. The dialog offers "force"; without it an image some container uses
     * is refused with the containers' names, with it the engine untags it anyway.
     */
    public void remove(ImageInfo image) {
        if (image == null) {
            return;
        }
        String users = !image.removesImage() ? "" : image.inUse() ? " It is used by " + String.join(", ", image.usedBy()) + "."
                : " No container uses it.";
        String tags = image.allTags().size() > 1 ? " Only this tag is removed; the image keeps " + (image.allTags().size() - 1)
                + (image.allTags().size() == 2 ? " other tag." : " other tags.") : "";
        Confirmations.Answer answer = ask(Confirmations.Request.of("Remove image " + image.displayName() + "?",
                        image.shortId() + ", " + Formats.bytes(Math.max(0, image.size())) + "." + users + tags, "Remove image")
                .withOption("Force: remove even if containers use it"));
        if (!answer.confirmed()) {
            return;
        }
        boolean force = answer.option();
        run("Removing image " + image.displayName(), () -> {
            catalog.removeImage(image, force);
            return "Removed image " + image.displayName() + (force ? " (forced)." : ".");
        });
    }

    /** Removes dangling images (no tag, no container), after asking; says how much space that freed. */
    public void prune() {
        long dangling = allRows().stream().filter(i -> i.dangling() && !i.inUse()).count();
        if (!ask(Confirmations.Request.of("Prune dangling images?", dangling == 0
                ? "No dangling image is listed; the engine may still find unreferenced layers to remove."
                : "Removes " + dangling + (dangling == 1 ? " image" : " images") + " without a tag that no container uses.",
                "Prune images")).confirmed()) {
            return;
        }
        run("Pruning images", () -> {
            PruneResult result = catalog.pruneImages();
            return "Pruned " + result.removed().size() + (result.removed().size() == 1 ? " image" : " images")
                    + ", reclaimed " + Formats.bytes(result.reclaimedBytes()) + ".";
        });
    }

    /** The selected image's layers; null while none is selected or they are being read. */
    public ReadOnlyObjectProperty<ImageLayers> layersProperty() {
        return layers;
    }

    /** "4 layers (2 shared) · 6.2 MB, 1.1 MB unique · base berth-test/busybox:latest": the layers view's summary. */
    public static String summary(ImageLayers found) {
        int count = found.layers().size();
        long shared = found.layers().stream().filter(ImageLayers.Step::shared).count();
        int empty = found.steps().size() - count;
        return count + (count == 1 ? " layer" : " layers") + (shared > 0 ? " (" + shared + " shared)" : "")
                + (empty > 0 ? ", " + empty + (empty == 1 ? " empty step" : " empty steps") : "")
                + " · " + Formats.bytes(found.totalSize()) + ", " + Formats.bytes(found.uniqueSize()) + " unique"
                + (found.baseImage() == null ? "" : " · base " + found.baseImage());
    }

    public InspectViewModel inspect() {
        return inspect;
    }
}
