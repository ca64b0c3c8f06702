package dev.berth.app.gui.resources;

import dev.berth.app.gui.controls.Confirmations;
import dev.berth.app.gui.format.Formats;
import dev.berth.app.gui.fx.UiScheduler;
import dev.berth.app.resources.PruneResult;
import dev.berth.app.resources.ResourceCatalog;
import dev.berth.app.resources.VolumeFiles;
import dev.berth.app.resources.VolumeInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The volumes list: every volume with its driver, size, users and project, narrowed to the selected
 * project unless "all" is chosen; the selected volume is browsed by {@link VolumeBrowserViewModel}. Sizes
 * arrive in a second step ({@code /system/df} is slow), so the list shows at once.
 */
public final class VolumesViewModel extends ResourceListViewModel<VolumeInfo> {

    private final StringProperty project = new SimpleStringProperty(this, "project");
    private final BooleanProperty showAll = new SimpleBooleanProperty(this, "showAll", true);
    private final VolumeBrowserViewModel browser;
    /** The last sizes read, shown on reloaded rows until fresh ones arrive (no flicker to "unknown"). */
    private volatile Map<String, Long> knownSizes = Map.of();

    public VolumesViewModel(ResourceCatalog catalog, UiScheduler ui, Executor background, Confirmations confirmations) {
        super(catalog, ui, background, confirmations);
        this.browser = new VolumeBrowserViewModel(catalog, ui, background);
        project.addListener((obs, old, now) -> refilter());
        showAll.addListener((obs, old, now) -> refilter());
        selectedProperty().addListener((obs, old, now) -> {
            if (!isReplacing()) {
                browser.open(now == null ? null : now.name());
            }
        });
    }

    @Override
    protected List<VolumeInfo> load() {
        Map<String, Long> sizes = knownSizes;
        return catalog.volumes().stream().map(v -> v.size() >= 0 || !sizes.containsKey(v.name()) ? v : withSize(v, sizes.get(v.name()))).toList();
    }

    private static VolumeInfo withSize(VolumeInfo v, long size) {
        return new VolumeInfo(v.name(), v.driver(), size, v.usedBy(), v.project(), v.createdAt(), v.mountpoint(), v.labels());
    }

    @Override
    protected void loaded(List<VolumeInfo> loaded) {
        read(catalog::volumeSizes, this::applySizes, "Reading volume sizes");
    }

    private void applySizes(Map<String, Long> sizes) {
        knownSizes = Map.copyOf(sizes);
        List<VolumeInfo> sized = allRows().stream().map(v -> withSize(v, sizes.getOrDefault(v.name(), v.size()))).toList();
        replaceRows(sized);
    }

    @Override
    protected void selectionSettled(VolumeInfo row) {
        browser.open(row == null ? null : row.name());
    }

    @Override
    protected String searchText(VolumeInfo row) {
        return row.name() + " " + row.driver() + " " + (row.project() == null ? "" : row.project()) + " " + String.join(" ", row.usedBy());
    }

    @Override
    protected String key(VolumeInfo row) {
        return row.name();
    }

    @Override
    protected Predicate<VolumeInfo> scope() {
        String current = project.get();
        boolean everything = showAll.get() || current == null || current.isBlank();
        return row -> everything || current.equals(row.project());
    }

    /** Removes a volume after asking; a volume in use is refused at once, with who uses it. */
    public void remove(VolumeInfo volume) {
        if (volume == null) {
            return;
        }
        if (volume.inUse()) {
            notice(Notice.error("Volume " + volume.name() + " is in use by " + String.join(", ", volume.usedBy())
                    + ". Stop and remove " + (volume.usedBy().size() == 1 ? "that container" : "those containers") + " first."));
            return;
        }
        Confirmations.Answer answer = ask(Confirmations.Request.of("Remove volume " + volume.name() + "?",
                "Its data (" + (volume.size() < 0 ? "size unknown" : Formats.bytes(volume.size()))
                        + ") is deleted for good. No container uses it.", "Remove volume"));
        if (!answer.confirmed()) {
            return;
        }
        Optional<VolumeFiles> browsed = volume.name().equals(browser.volumeProperty().get()) ? browser.detach() : Optional.empty();
        run("Removing volume " + volume.name(), () -> {
            browsed.ifPresent(VolumeFiles::close);
            catalog.removeVolume(volume.name());
            return "Removed volume " + volume.name() + ".";
        });
    }

    /** Removes every volume no container uses, after asking; says how much space that freed. */
    public void prune() {
        List<VolumeInfo> unused = allRows().stream().filter(v -> !v.inUse()).toList();
        if (unused.isEmpty()) {
            notice(Notice.info("Every volume is in use: nothing to prune."));
            return;
        }
        String names = String.join(", ", unused.stream().limit(5).map(VolumeInfo::name).toList())
                + (unused.size() > 5 ? " and " + (unused.size() - 5) + " more" : "");
        Confirmations.Answer answer = ask(Confirmations.Request.of("Prune unused volumes?",
                "Removes " + unused.size() + (unused.size() == 1 ? " volume" : " volumes")
                        + " no container uses: " + names + ". Their data is deleted for good.", "Prune volumes"));
        if (!answer.confirmed()) {
            return;
        }
        Optional<VolumeFiles> browsed = browser.detach();
        run("Pruning volumes", () -> {
            browsed.ifPresent(VolumeFiles::close);
            PruneResult result = catalog.pruneVolumes();
            return "Pruned " + result.removed().size() + (result.removed().size() == 1 ? " volume" : " volumes")
                    + ", reclaimed " + Formats.bytes(result.reclaimedBytes()) + ".";
        });
    }

    public StringProperty projectProperty() {
        return project;
    }

    /** True: every volume; false: only the selected project's (when one is selected). */
    public BooleanProperty showAllProperty() {
        return showAll;
    }

    public VolumeBrowserViewModel browser() {
        return browser;
    }
}
