package dev.berth.app.gui.shots;

import dev.berth.app.gui.inspect.InspectNode;
import dev.berth.app.gui.resources.VolumeTree;
import dev.berth.app.resources.ImageInfo;
import dev.berth.app.resources.NetworkInfo;
import dev.berth.app.resources.VolumeInfo;
import dev.berth.engine.api.ContainersApi.ListOptions;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.api.Filters;
import dev.berth.engine.api.model.ContainerConfig;
import dev.berth.engine.api.model.ContainerCreateRequest;
import dev.berth.engine.api.model.HostConfig;
import dev.berth.engine.api.model.Mount;
import dev.berth.engine.api.model.NetworkCreateRequest;
import dev.berth.engine.api.model.VolumeCreateRequest;
import dev.berth.engine.compose.ComposeLabels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;

/**
 * Screenshots of the Volumes, Networks and Images tabs with real data: sets up a small "shop" project on
 * the engine (two volumes with files, a network, two containers, an image tag), drives the real window
 * through {@link ScreenshotDriver}, then removes exactly what it created.
 *
 * <p>Run with {@code tools/screenshots} (under Xvfb); argument: the output directory.
 */
public final class ResourceScreenshots {

    private static final String PROJECT = "shop";
    private static final String MARK = "berth.screenshots";
    private static final String IMAGE = "berth-test/busybox:latest";
    private static final String WEB_IMAGE = "shop/web:1.4";
    private static final String DB_VOLUME = "shop_db-data";
    private static final String UPLOADS_VOLUME = "shop_uploads";
    private static final String CACHE_VOLUME = "shop_cache";
    private static final String NETWORK = "shop_default";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final String SEED_DB = """
            mkdir -p /v/conf /v/data /v/logs /v/backup
            printf '# shop database\\nlisten = 0.0.0.0:5432\\nmax_connections = 100\\nshared_buffers = 128MB\\n\\n[logging]\\nlevel = info\\nfile = /var/lib/data/logs/db.log\\n' > /v/conf/db.conf
            printf 'replica = false\\nwal_level = minimal\\n' > /v/conf/replication.conf
            head -c 3145728 /dev/urandom > /v/data/pages.db
            head -c 262144 /dev/urandom > /v/data/wal-000001
            i=1; while [ $i -le 60 ]; do echo "2026-11-23T10:$((i % 60)):00Z INFO checkpoint $i complete ($((i * 17)) pages)" >> /v/logs/db.log; i=$((i + 1)); done
            printf 'CREATE TABLE orders (id BIGINT PRIMARY KEY, customer TEXT, total NUMERIC);\\nINSERT INTO orders VALUES (1, '"'"'ada'"'"', 42.00);\\n' > /v/backup/dump.sql
            """;
    private static final String SEED_UPLOADS = """
            mkdir -p /v/images/2026/11 /v/tmp
            for n in cart hero logo; do head -c 48000 /dev/urandom > /v/images/2026/11/$n.png; done
            echo '{"uploads": 3}' > /v/index.json
            """;

    private ResourceScreenshots() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        try (EngineClient engine = EngineClient.connect(new EngineEndpoint.Unix(Path.of("/var/run/docker.sock")))) {
            cleanUp(engine);
            try {
                setUp(engine);
                shoot(out);
            } finally {
                cleanUp(engine);
            }
        }
        System.exit(0);
    }

    private static Map<String, String> labels(Map<String, String> more) {
        Map<String, String> labels = new HashMap<>(more);
        labels.put(ComposeLabels.PROJECT, PROJECT);
        labels.put(MARK, "1");
        return labels;
    }

    private static void setUp(EngineClient engine) {
        engine.images().tag(IMAGE, WEB_IMAGE);
        engine.networks().create(NetworkCreateRequest.builder().name(NETWORK).driver("bridge")
                .labels(labels(Map.of(ComposeLabels.NETWORK, "default"))).build());
        for (String volume : List.of(DB_VOLUME, UPLOADS_VOLUME, CACHE_VOLUME)) {
            engine.volumes().create(VolumeCreateRequest.builder().name(volume)
                    .labels(labels(Map.of(ComposeLabels.VOLUME, volume.substring(PROJECT.length() + 1)))).build());
        }
        seed(engine, DB_VOLUME, SEED_DB);
        seed(engine, UPLOADS_VOLUME, SEED_UPLOADS);
        service(engine, "db", IMAGE, DB_VOLUME, "/var/lib/data");
        service(engine, "web", WEB_IMAGE, UPLOADS_VOLUME, "/srv/uploads");
    }

    private static void seed(EngineClient engine, String volume, String script) {
        String id = engine.containers().create("shop-seed-" + volume, ContainerCreateRequest.builder()
                .config(ContainerConfig.builder().image(IMAGE).cmd(List.of("sh", "-c", script)).labels(Map.of(MARK, "1")).build())
                .hostConfig(HostConfig.builder().mounts(List.of(Mount.builder().type("volume").source(volume).target("/v").build())).build())
                .build()).id();
        engine.containers().start(id);
        engine.containers().waitFor(id, "not-running");
        engine.containers().remove(id, true, false);
    }

    private static void service(EngineClient engine, String service, String image, String volume, String target) {
        String id = engine.containers().create(PROJECT + "-" + service + "-1", ContainerCreateRequest.builder()
                .config(ContainerConfig.builder().image(image).cmd(List.of("sleep", "3600"))
                        .labels(labels(Map.of(ComposeLabels.SERVICE, service))).build())
                .hostConfig(HostConfig.builder().networkMode(NETWORK)
                        .mounts(List.of(Mount.builder().type("volume").source(volume).target(target).build())).build())
                .build()).id();
        engine.containers().start(id);
    }

    private static void cleanUp(EngineClient engine) {
        for (var container : engine.containers().list(ListOptions.allContainers().withFilters(Filters.none().label(MARK)))) {
            quietly(() -> engine.containers().remove(container.id(), true, false));
        }
        for (var helper : engine.containers().list(ListOptions.allContainers().withFilters(Filters.none().label("dev.berth.volume-browser")))) {
            String volume = helper.labels().get("dev.berth.volume-browser");
            if (List.of(DB_VOLUME, UPLOADS_VOLUME, CACHE_VOLUME).contains(volume)) {
                quietly(() -> engine.containers().remove(helper.id(), true, false));
            }
        }
        quietly(() -> engine.volumes().remove(DB_VOLUME, true));
        quietly(() -> engine.volumes().remove(UPLOADS_VOLUME, true));
        quietly(() -> engine.volumes().remove(CACHE_VOLUME, true));
        quietly(() -> engine.networks().remove(NETWORK));
        quietly(() -> engine.images().remove(WEB_IMAGE, false, false));
    }

    private static void quietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException ignored) {
            // not there
        }
    }

    @SuppressWarnings("unchecked")
    private static void shoot(Path out) throws Exception {
        try (ScreenshotDriver window = ScreenshotDriver.launch(1440, 900, out)) {
            // Volumes: the shop project selected in the sidebar, its volumes, one browsed, a file previewed.
            var projects = window.app().panes().projects();
            window.waitUntil("the shop project in the sidebar", () -> projects.projects().stream().anyMatch(p -> p.name().equals(PROJECT)), WAIT);
            window.fx(() -> projects.selectedProperty().set(projects.projects().stream()
                    .filter(p -> p.name().equals(PROJECT)).findFirst().orElseThrow()));
            window.fx(() -> window.<TabPane>lookup("#resources-tabs").getSelectionModel().select(1));
            TableView<VolumeInfo> volumes = window.<TableView<VolumeInfo>>await("#volumes-table", WAIT);
            try {
                window.waitUntil("the shop volumes with sizes", () -> volumes.getItems().size() == 3
                        && volumes.getItems().stream().allMatch(v -> v.size() >= 0), WAIT);
            } catch (IllegalStateException e) {
                throw new IllegalStateException(e.getMessage() + "; the list shows " + window.fx(() -> List.copyOf(volumes.getItems()))
                        + "; the notice says: " + window.fx(() -> window.<Label>lookup("#volumes-notice").getText()), e);
            }
            window.fx(() -> volumes.getSelectionModel().select(volumes.getItems().stream()
                    .filter(v -> v.name().equals(DB_VOLUME)).findFirst().orElseThrow()));
            TreeTableView<VolumeTree> tree = window.fx(() -> window.<TreeTableView<VolumeTree>>lookup("#volume-tree"));
            window.waitUntil("the volume's files", () -> tree.getRoot() != null && !tree.getRoot().getChildren().isEmpty(), WAIT);
            window.fx(() -> {
                for (TreeItem<VolumeTree> item : tree.getRoot().getChildren()) {
                    item.setExpanded(List.of("conf", "logs").contains(item.getValue().name()));
                }
                TreeItem<VolumeTree> conf = tree.getRoot().getChildren().stream()
                        .filter(i -> i.getValue().name().equals("conf")).findFirst().orElseThrow();
                tree.getSelectionModel().select(conf.getChildren().getFirst());
            });
            TextArea preview = window.fx(() -> window.<TextArea>lookup("#volume-preview"));
            window.waitUntil("the file preview", () -> preview.getText().contains("max_connections"), WAIT);
            window.save("volumes");

            // The confirmation before removing an unused volume (cancelled: nothing is removed).
            window.fx(() -> volumes.getSelectionModel().select(volumes.getItems().stream()
                    .filter(v -> v.name().equals(CACHE_VOLUME)).findFirst().orElseThrow()));
            Platform.runLater(() -> window.<Button>lookup("#volumes-remove").fire());
            window.saveDialog("volumes-remove-dialog");

            // Networks: the project's network selected, its inspect document beside it.
            window.fx(() -> window.<TabPane>lookup("#resources-tabs").getSelectionModel().select(2));
            TableView<NetworkInfo> networks = window.<TableView<NetworkInfo>>await("#networks-table", WAIT);
            window.waitUntil("the networks", () -> networks.getItems().stream().anyMatch(n -> n.name().equals(NETWORK)), WAIT);
            window.fx(() -> networks.getSelectionModel().select(networks.getItems().stream()
                    .filter(n -> n.name().equals(NETWORK)).findFirst().orElseThrow()));
            window.waitUntil("the network's inspect tree", () -> inspectShows(window, NETWORK), WAIT);
            window.save("networks");

            // Images: the web image selected (used by shop-web-1).
            window.fx(() -> window.<TabPane>lookup("#resources-tabs").getSelectionModel().select(3));
            TableView<ImageInfo> images = window.<TableView<ImageInfo>>await("#images-table", WAIT);
            window.waitUntil("the images", () -> images.getItems().stream().anyMatch(i -> WEB_IMAGE.equals(i.tag())), WAIT);
            window.fx(() -> images.getSelectionModel().select(images.getItems().stream()
                    .filter(i -> WEB_IMAGE.equals(i.tag())).findFirst().orElseThrow()));
            window.waitUntil("the image's inspect tree", () -> inspectShows(window, WEB_IMAGE), WAIT);
            window.save("images");
        }
    }

    /** Whether one of the inspect trees shows the document titled {@code title}. */
    @SuppressWarnings("unchecked")
    private static boolean inspectShows(ScreenshotDriver window, String title) {
        return window.<Parent>lookup("#resources-tabs").lookupAll("#inspect-tree").stream()
                .map(node -> (TreeTableView<InspectNode>) node)
                .anyMatch(tree -> tree.getRoot() != null && title.equals(tree.getRoot().getValue().key()));
    }
}
