package dev.berth.app.gui.resources;

import dev.berth.app.gui.controls.Confirmations;
import dev.berth.app.gui.format.Formats;
import dev.berth.app.gui.fx.UiScheduler;
import dev.berth.app.resources.ContainerFileAccess;
import dev.berth.engine.files.ContainerFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * One container's file tree: folders listed when the view expands them (the archive API, off the UI
 * thread), downloads to a host path, and uploads into a folder that first ask before overwriting and are
 * refused on a container that is not running. What happened shows as one {@link Notice} under the tree.
 */
public final class ContainerFilesViewModel {

    private final ContainerFileAccess files;
    private final String container;
    private final String name;
    private final UiScheduler ui;
    private final Executor background;
    private final Confirmations confirmations;
    private final ReadOnlyObjectWrapper<Notice> notice = new ReadOnlyObjectWrapper<>(this, "notice", Notice.NONE);

    public ContainerFilesViewModel(ContainerFileAccess files, String container, String name, UiScheduler ui, Executor background,
                                   Confirmations confirmations) {
        this.files = files;
        this.container = container;
        this.name = name;
        this.ui = ui;
        this.background = background;
        this.confirmations = confirmations;
    }

    public String containerName() {
        return name;
    }

    /** Lists {@code folder}; {@code onListed} runs on the UI thread (not at all when listing failed: the notice says why). */
    public void list(String folder, Consumer<ContainerFiles.Listing> onListed) {
        background.execute(() -> {
            try {
                ContainerFiles.Listing listing = files.list(container, folder);
                ui.execute(() -> {
                    onListed.accept(listing);
                    if (listing.truncated()) {
                        notice.set(Notice.info(folder + " holds more than " + listing.children().size() + " entries; the first ones are shown."));
                    }
                });
            } catch (RuntimeException e) {
                ui.execute(() -> notice.set(Notice.failure("Listing " + folder, e)));
            }
        });
    }

    /** Copies {@code path} of the container to {@code destination} on the host (a new file, or into a folder). */
    public void download(String path, Path destination, Runnable done) {
        notice.set(Notice.info("Downloading " + path + "…"));
        background.execute(() -> {
            try {
                ContainerFiles.CopyResult result = files.download(container, path, destination);
                ui.execute(() -> {
                    notice.set(Notice.success("Downloaded " + path + " to " + destination + " (" + describe(result) + ")."));
                    done.run();
                });
            } catch (RuntimeException e) {
                ui.execute(() -> notice.set(Notice.failure("Downloading " + path, e)));
            }
        });
    }

    /**
     * Copies host files or folders into {@code folder}: refused on a stopped container before anything is
     * asked; when names already exist there, asks first (Cancel is the default). {@code done} runs on the
     * UI thread after a successful upload (the view re-lists the folder).
     */
    public void upload(List<Path> local, String folder, Runnable done) {
        if (local.isEmpty()) {
            return;
        }
        notice.set(Notice.info("Checking " + folder + "…"));
        background.execute(() -> {
            List<String> existing;
            try {
                files.checkWritable(container);
                existing = files.existing(container, folder, local);
            } catch (RuntimeException e) {
                ui.execute(() -> notice.set(Notice.failure("Uploading into " + folder, e)));
                return;
            }
            ui.execute(() -> {
                if (!existing.isEmpty() && !confirmations.ask(overwriteQuestion(folder, existing)).confirmed()) {
                    notice.set(Notice.info("Upload cancelled: nothing was copied."));
                    return;
                }
                notice.set(Notice.info("Uploading into " + folder + "…"));
                background.execute(() -> {
                    try {
                        ContainerFiles.CopyResult result = files.upload(container, local, folder);
                        ui.execute(() -> {
                            notice.set(Notice.success("Uploaded " + describe(result) + " into " + folder + "."));
                            done.run();
                        });
                    } catch (RuntimeException e) {
                        ui.execute(() -> notice.set(Notice.failure("Uploading into " + folder, e)));
                    }
                });
            });
        });
    }

    private Confirmations.Request overwriteQuestion(String folder, List<String> existing) {
        String names = existing.size() <= 5 ? String.join(", ", existing)
                : String.join(", ", existing.subList(0, 5)) + " and " + (existing.size() - 5) + " more";
        return Confirmations.Request.of("Overwrite in " + folder + "?",
                names + (existing.size() == 1 ? " already exists" : " already exist") + " in " + folder + " of container " + name
                        + ". Uploading replaces " + (existing.size() == 1 ? "it" : "them") + "; a folder's other files stay.", "Overwrite");
    }

    private static String describe(ContainerFiles.CopyResult result) {
        return result.files() + (result.files() == 1 ? " file, " : " files, ") + Formats.bytes(result.bytes());
    }

    public ReadOnlyObjectProperty<Notice> noticeProperty() {
        return notice.getReadOnlyProperty();
    }
}
