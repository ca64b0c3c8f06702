package dev.berth.app.gui.resources;

import static dev.berth.app.gui.resources.FakeCatalog.dir;
import static dev.berth.app.gui.resources.FakeCatalog.file;
import static dev.berth.app.gui.resources.FakeCatalog.volume;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.gui.controls.Confirmations;
import dev.berth.app.gui.fx.DirectUiScheduler;
import dev.berth.app.resources.VolumeInfo;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VolumesViewModelTest {

    private final FakeCatalog catalog = new FakeCatalog();
    private final ScriptedConfirmations confirmations = new ScriptedConfirmations();
    private VolumesViewModel model;

    @BeforeEach
    void setUp() {
        catalog.volumes.addAll(List.of(volume("shop_db", "shop", "shop-db-1"), volume("shop_cache", "shop"), volume("scratch", null)));
        catalog.sizes.put("shop_db", 42L * 1024 * 1024);
        catalog.sizes.put("scratch", 0L);
        model = new VolumesViewModel(catalog, new DirectUiScheduler(), Runnable::run, confirmations);
    }

    private VolumeInfo row(String name) {
        return model.allRows().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void listsEveryVolumeThenFillsInSizesFromDiskUsage() {
        model.refresh();

        assertThat(model.rows()).extracting(VolumeInfo::name).containsExactlyInAnyOrder("shop_db", "shop_cache", "scratch");
        assertThat(catalog.calls).containsSubsequence("volumes", "volumeSizes");
        assertThat(row("shop_db").size()).isEqualTo(42L * 1024 * 1024);
        assertThat(row("shop_cache").size()).isEqualTo(-1);
    }

    @Test
    void aReloadKeepsTheKnownSizesUntilFreshOnesArrive() {
        model.refresh();
        catalog.sizes.clear(); // the next /system/df has not answered yet

        model.refresh();

        assertThat(row("shop_db").size()).isEqualTo(42L * 1024 * 1024);
    }

    @Test
    void narrowsToTheSelectedProjectUnlessAllIsChosen() {
        model.refresh();
        model.projectProperty().set("shop");
        model.showAllProperty().set(false);

        assertThat(model.rows()).extracting(VolumeInfo::name).containsExactlyInAnyOrder("shop_db", "shop_cache");

        model.filterProperty().set("cache");
        assertThat(model.rows()).extracting(VolumeInfo::name).containsExactly("shop_cache");

        model.filterProperty().set("");
        model.showAllProperty().set(true);
        assertThat(model.rows()).hasSize(3);
    }

    @Test
    void refusesToRemoveAVolumeInUseWithoutEvenAsking() {
        model.refresh();
        model.remove(row("shop_db"));

        assertThat(confirmations.asked).isEmpty();
        assertThat(catalog.calls).noneMatch(call -> call.startsWith("removeVolume"));
        assertThat(model.noticeProperty().get().tone()).isEqualTo(Notice.Tone.ERROR);
        assertThat(model.noticeProperty().get().text()).isEqualTo("Volume shop_db is in use by shop-db-1. Stop and remove that container first.");
    }

    @Test
    void removesAnUnusedVolumeOnlyAfterConfirmationAndReloads() {
        model.refresh();
        confirmations.answer = Confirmations.Answer.NO;
        model.remove(row("scratch"));
        assertThat(catalog.calls).doesNotContain("removeVolume scratch");

        confirmations.answer = new Confirmations.Answer(true, false);
        model.remove(row("scratch"));

        assertThat(confirmations.asked).hasSize(2);
        assertThat(confirmations.asked.getLast().title()).isEqualTo("Remove volume scratch?");
        assertThat(catalog.calls).contains("removeVolume scratch");
        assertThat(model.noticeProperty().get()).isEqualTo(Notice.success("Removed volume scratch."));
        assertThat(model.rows()).extracting(VolumeInfo::name).doesNotContain("scratch");
    }

    @Test
    void pruneAsksWithTheUnusedVolumesAndReportsReclaimedSpace() {
        model.refresh();
        model.prune();

        assertThat(confirmations.asked.getFirst().message()).contains("2 volumes").contains("shop_cache").contains("scratch")
                .doesNotContain("shop_db");
        assertThat(model.noticeProperty().get()).isEqualTo(Notice.success("Pruned 2 volumes, reclaimed 3.0 MiB."));
        assertThat(model.rows()).extracting(VolumeInfo::name).containsExactly("shop_db");
    }

    @Test
    void selectingAVolumeBrowsesItsFilesAndSelectingAFilePreviewsIt() {
        catalog.files.put("shop_db", List.of(dir("conf"), file("conf/my.cnf", 120), file("ibdata1", 4096)));
        model.refresh();
        model.selectedProperty().set(row("shop_db"));

        VolumeTree tree = model.browser().treeProperty().get();
        assertThat(tree.children()).extracting(VolumeTree::name).containsExactly("conf", "ibdata1");
        assertThat(tree.size()).isEqualTo(4216);
        assertThat(model.browser().summaryProperty().get()).isEqualTo("2 files, 1 directory, 4.1 KiB");

        model.browser().select("conf/my.cnf");
        assertThat(model.browser().previewProperty().get().text()).isEqualTo("hello");
        assertThat(catalog.calls).contains("preview shop_db conf/my.cnf");
    }

    @Test
    void movingToAnotherVolumeReleasesThePreviousOneAndAReloadKeepsTheBrowsedVolumeOpen() {
        model.refresh();
        model.selectedProperty().set(row("shop_db"));
        assertThat(catalog.openFiles).containsExactly("shop_db");

        model.refresh(); // rows replaced: the selection survives and nothing is reopened
        assertThat(model.selectedProperty().get().name()).isEqualTo("shop_db");
        assertThat(catalog.calls.stream().filter(c -> c.equals("browse shop_db"))).hasSize(1);

        model.selectedProperty().set(row("scratch"));
        assertThat(catalog.openFiles).containsExactly("scratch");

        model.browser().close();
        assertThat(catalog.openFiles).isEmpty();
    }
}
