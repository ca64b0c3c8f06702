package dev.berth.app.gui.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.gui.controls.Confirmations;
import dev.berth.app.gui.fx.DirectUiScheduler;
import dev.berth.app.resources.ImageInfo;
import dev.berth.app.resources.ImageLayers;
import dev.berth.app.resources.NetworkInfo;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class NetworksAndImagesViewModelTest {

    private final FakeCatalog catalog = new FakeCatalog();
    private final ScriptedConfirmations confirmations = new ScriptedConfirmations();

    private NetworksViewModel networks() {
        catalog.networks.addAll(List.of(
                new NetworkInfo("n-bridge", "bridge", "bridge", "local", List.of("172.17.0.0/16"), List.of(), null, false),
                new NetworkInfo("n-shop", "shop_default", "bridge", "local", List.of("172.20.0.0/16"), List.of("shop-web-1"), "shop", false),
                new NetworkInfo("n-old", "old_default", "bridge", "local", List.of(), List.of(), "old", false)));
        NetworksViewModel model = new NetworksViewModel(catalog, new DirectUiScheduler(), Runnable::run, confirmations);
        model.refresh();
        return model;
    }

    private static <R> R row(ResourceListViewModel<R> model, Predicate<R> which) {
        return model.allRows().stream().filter(which).findFirst().orElseThrow();
    }

    @Test
    void refusesThePredefinedNetworksAndThoseWithContainersSayingWhy() {
        NetworksViewModel model = networks();

        model.remove(row(model, n -> n.name().equals("bridge")));
        assertThat(model.noticeProperty().get().text()).contains("predefined").contains("cannot be removed");

        model.remove(row(model, n -> n.name().equals("shop_default")));
        assertThat(model.noticeProperty().get().text()).isEqualTo("Network shop_default is used by shop-web-1. "
                + "Remove that container or disconnect it first.");
        assertThat(confirmations.asked).isEmpty();
        assertThat(catalog.calls).noneMatch(c -> c.startsWith("removeNetwork"));
    }

    @Test
    void removesAnUnusedNetworkAfterConfirmation() {
        NetworksViewModel model = networks();

        model.remove(row(model, n -> n.name().equals("old_default")));

        assertThat(catalog.calls).contains("removeNetwork old_default");
        assertThat(model.rows()).extracting(NetworkInfo::name).containsExactly("bridge", "shop_default");
    }

    @Test
    void selectingANetworkShowsItsInspectDocument() {
        NetworksViewModel model = networks();

        model.selectedProperty().set(row(model, n -> n.name().equals("shop_default")));

        assertThat(model.inspect().titleProperty().get()).isEqualTo("shop_default");
        assertThat(model.inspect().rootProperty().get().children()).extracting(n -> n.key()).contains("Id", "Driver");
        model.selectedProperty().set(null);
        assertThat(model.inspect().rootProperty().get()).isNull();
    }

    @Test
    void selectingAnImageShowsItsLayersAndTheirSummary() {
        ImagesViewModel model = images();
        catalog.layers.put("sha256:0123456789abcdef", ImageLayers.of("sha256:0123456789abcdef", "shop/web:1.2", List.of(
                        new ImageLayers.HistoryEntry("/bin/sh -c #(nop)  CMD [\"web\"]", 0, Instant.parse("2026-11-01T00:00:00Z"), ""),
                        new ImageLayers.HistoryEntry("/bin/sh -c #(nop) COPY file:a in /web ", 3 * 1024 * 1024, Instant.parse("2026-11-01T00:00:00Z"), ""),
                        new ImageLayers.HistoryEntry("/bin/sh -c #(nop) COPY file:b in /bin/busybox ", 2 * 1024 * 1024, Instant.parse("2026-10-01T00:00:00Z"), "")),
                List.of("d1", "d2"), List.of(new ImageLayers.LocalImage("sha256:bb", "busybox:latest", List.of("d1"))), -1));

        model.selectedProperty().set(row(model, i -> "shop/web:1.2".equals(i.tag())));

        ImageLayers shown = model.layersProperty().get();
        assertThat(shown.steps()).extracting(ImageLayers.Step::empty).containsExactly(false, false, true);
        assertThat(ImagesViewModel.summary(shown)).isEqualTo("2 layers (1 shared), 1 empty step · 5.0 MiB, 3.0 MiB unique · base busybox:latest");
        model.selectedProperty().set(null);
        assertThat(model.layersProperty().get()).isNull();
    }

    private ImagesViewModel images() {
        catalog.images.addAll(List.of(
                new ImageInfo("sha256:0123456789abcdef", "shop/web:1.2", List.of("shop/web:1.2"), 50_000_000, Instant.parse("2026-11-01T00:00:00Z"), List.of("shop-web-1")),
                new ImageInfo("sha256:fedcba9876543210", null, List.of(), 1_000, Instant.parse("2026-10-01T00:00:00Z"), List.of())));
        ImagesViewModel model = new ImagesViewModel(catalog, new DirectUiScheduler(), Runnable::run, confirmations);
        model.refresh();
        return model;
    }

    @Test
    void removingAnImagePassesTheForceChoiceAndShowsTheEnginesRefusal() {
        ImagesViewModel model = images();
        ImageInfo web = row(model, i -> i.displayName().equals("shop/web:1.2"));
        catalog.refuseImageRemoval = FakeCatalog.refused("Image shop/web:1.2 is used by container shop-web-1.");

        model.remove(web);
        assertThat(confirmations.asked.getFirst().option()).startsWith("Force");
        assertThat(catalog.calls).contains("removeImage shop/web:1.2");
        assertThat(model.noticeProperty().get()).isEqualTo(Notice.error("Image shop/web:1.2 is used by container shop-web-1."));

        catalog.refuseImageRemoval = null;
        confirmations.answer = new Confirmations.Answer(true, true);
        model.remove(web);
        assertThat(catalog.calls).contains("removeImage shop/web:1.2 force");
        assertThat(model.noticeProperty().get()).isEqualTo(Notice.success("Removed image shop/web:1.2 (forced)."));
    }

    @Test
    void showsDanglingImagesLikeDockerAndPrunesThem() {
        ImagesViewModel model = images();

        assertThat(model.rows()).extracting(ImageInfo::displayName).contains("<none>:<none>");
        assertThat(row(model, ImageInfo::dangling).shortId()).isEqualTo("fedcba987654");

        model.prune();
        assertThat(confirmations.asked.getFirst().message()).contains("1 image");
        assertThat(model.noticeProperty().get()).isEqualTo(Notice.success("Pruned 2 images, reclaimed 2.0 KiB."));
    }
}
