package dev.berth.app.gui.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.gui.fx.FxUiScheduler;
import dev.berth.app.gui.inspect.InspectNode;
import dev.berth.app.resources.EngineResourceCatalog;
import dev.berth.app.resources.ImageInfo;
import dev.berth.app.resources.ImageLayers;
import dev.berth.app.resources.NetworkInfo;
import dev.berth.app.resources.VolumeInfo;
import dev.berth.engine.api.ContainersApi;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.api.Filters;
import dev.berth.engine.api.ImagesApi;
import dev.berth.engine.api.Progress;
import dev.berth.engine.api.model.ContainerConfig;
import dev.berth.engine.api.model.ContainerCreateRequest;
import dev.berth.engine.api.model.HostConfig;
import dev.berth.engine.api.model.Mount;
import dev.berth.engine.api.model.VolumeCreateRequest;
import dev.berth.testkit.RequiresEngine;
import dev.berth.testkit.TestEngine;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.animation.AnimationTimer;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Resources area on the real engine, headless: a volume written by busybox shows up, its files are
 * browsed and a file previewed, removal is refused while a container uses it and goes through once it is
 * free; networks and images list the engine's own.
 */
@RequiresEngine
@ExtendWith(ApplicationExtension.class)
class ResourcesViewIT {

    private final String run = "resfx-" + UUID.randomUUID().toString().substring(0, 8);
    private final EngineClient engine = EngineClient.connect(new EngineEndpoint.Unix(TestEngine.socket()));
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private final ScriptedConfirmations confirmations = new ScriptedConfirmations();
    private final String volume = run + "-data";
    private ResourcesArea area;
    private ThreadCheckingCatalog catalog;

    @Start
    void start(Stage stage) {
        catalog = new ThreadCheckingCatalog(new EngineResourceCatalog(() -> engine));
        area = new ResourcesArea(catalog, new FxUiScheduler(), background, confirmations);
        stage.setScene(new Scene(area.around(new Label("project"), new SimpleStringProperty(null)), 1280, 800));
        stage.show();
    }

    @AfterEach
    void cleanUp() {
        assertThat(catalog.calls).isNotEmpty();
        assertThat(catalog.onFxThread).as("engine calls made on the FX thread").isEmpty();
        area.close();
        for (var container : engine.containers().list(ContainersApi.ListOptions.allContainers()
                .withFilters(Filters.none().label("berth.test=" + run)))) {
            engine.containers().remove(container.id(), true, false);
        }
        try {
            engine.volumes().remove(volume, true);
        } catch (RuntimeException ignored) {
            // removed by the test
        }
        background.shutdownNow();
        engine.close();
    }

    private String container(String name, List<String> cmd) {
        ContainerConfig config = ContainerConfig.builder().image(TestEngine.BUSYBOX_IMAGE).cmd(cmd).labels(Map.of("berth.test", run)).build();
        HostConfig host = HostConfig.builder().mounts(List.of(Mount.builder().type("volume").source(volume).target("/data").build())).build();
        return engine.containers().create(run + "-" + name, ContainerCreateRequest.builder().config(config).hostConfig(host).build()).id();
    }

    private void prepareVolume() {
        engine.volumes().create(VolumeCreateRequest.builder().name(volume).labels(Map.of("berth.test", run)).build());
        String writer = container("writer", List.of("sh", "-c", "mkdir -p /data/conf && echo hello > /data/conf/app.ini && echo 1 > /data/version"));
        engine.containers().start(writer);
        engine.containers().waitFor(writer, "not-running");
        engine.containers().remove(writer, true, false);
    }

    private static void await(BooleanSupplier condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void browsesARealVolumeRefusesRemovalWhileInUseAndRemovesItOnceFree(FxRobot robot) throws TimeoutException {
        prepareVolume();
        String holder = container("holder", List.of("sleep", "60"));

        robot.interact(() -> area.select(1));
        TableView<VolumeInfo> table = robot.lookup("#volumes-table").queryAs(TableView.class);
        await(() -> table.getItems().stream().anyMatch(v -> v.name().equals(volume)));
        VolumeInfo row = table.getItems().stream().filter(v -> v.name().equals(volume)).findFirst().orElseThrow();
        assertThat(row.usedBy()).containsExactly(run + "-holder");

        robot.clickOn(volume);
        TreeTableView<VolumeTree> tree = robot.lookup("#volume-tree").queryAs(TreeTableView.class);
        await(() -> tree.getRoot() != null && tree.getRoot().getChildren().size() == 2);
        assertThat(tree.getRoot().getChildren()).extracting(item -> item.getValue().name()).containsExactly("conf", "version");
        assertThat(robot.lookup("#volume-summary").queryAs(Label.class).getText()).startsWith("2 files, 1 directory");

        TreeItem<VolumeTree> conf = tree.getRoot().getChildren().getFirst();
        robot.interact(() -> conf.setExpanded(true));
        robot.clickOn("app.ini");
        TextArea preview = robot.lookup("#volume-preview").queryAs(TextArea.class);
        await(() -> "hello\n".equals(preview.getText()));
        assertThat(robot.lookup("#volume-preview-title").queryAs(Label.class).getText()).isEqualTo("conf/app.ini — 6 B");

        robot.clickOn("#volumes-remove");
        Label notice = robot.lookup("#volumes-notice").queryAs(Label.class);
        await(() -> notice.getText().contains("in use"));
        assertThat(notice.getText()).isEqualTo("Volume " + volume + " is in use by " + run + "-holder. Stop and remove that container first.");
        assertThat(confirmations.asked).isEmpty();

        engine.containers().remove(holder, true, false);
        robot.interact(() -> area.volumes().refresh());
        await(() -> table.getItems().stream().anyMatch(v -> v.name().equals(volume) && !v.inUse()));
        robot.interact(() -> area.volumes().selectedProperty().set(
                table.getItems().stream().filter(v -> v.name().equals(volume)).findFirst().orElseThrow()));
        robot.clickOn("#volumes-remove");
        try {
            await(() -> notice.getText().equals("Removed volume " + volume + "."));
        } catch (TimeoutException e) {
            throw new AssertionError("The notice says: " + notice.getText(), e);
        }
        await(() -> table.getItems().stream().noneMatch(v -> v.name().equals(volume)));
        assertThat(confirmations.asked).hasSize(1);
    }

    @Test
    void browsingAVolumeOfFiveThousandFilesNeverStallsTheFxThread(FxRobot robot) throws TimeoutException {
        engine.volumes().create(VolumeCreateRequest.builder().name(volume).labels(Map.of("berth.test", run)).build());
        String writer = container("writer", List.of("sh", "-c", "i=0; while [ $i -lt 50 ]; do mkdir -p /data/d$i; j=0;"
                + " while [ $j -lt 100 ]; do echo $i $j > /data/d$i/f$j.txt; j=$((j+1)); done; i=$((i+1)); done"));
        engine.containers().start(writer);
        engine.containers().waitFor(writer, "not-running");
        engine.containers().remove(writer, true, false);

        robot.interact(() -> area.select(1));
        TableView<VolumeInfo> table = robot.lookup("#volumes-table").queryAs(TableView.class);
        await(() -> table.getItems().stream().anyMatch(v -> v.name().equals(volume)));
        PulseGaps gaps = new PulseGaps();
        robot.interact(gaps::start);
        WaitForAsyncUtils.sleep(1, TimeUnit.SECONDS);
        long idle = gaps.takeLongest();

        robot.interact(() -> area.volumes().selectedProperty().set(
                table.getItems().stream().filter(v -> v.name().equals(volume)).findFirst().orElseThrow()));
        TreeTableView<VolumeTree> tree = robot.lookup("#volume-tree").queryAs(TreeTableView.class);
        await(() -> tree.getRoot() != null && tree.getRoot().getChildren().size() == 50);
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        long loading = gaps.takeLongest();
        robot.interact(() -> tree.getRoot().getChildren().getFirst().setExpanded(true));
        robot.interact(() -> tree.scrollTo(60));
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        long expanding = gaps.takeLongest();
        robot.interact(gaps::stop);

        assertThat(robot.lookup("#volume-summary").queryAs(Label.class).getText()).startsWith("5000 files, 50 directories");
        // Figures only: on this shared 2-core machine a pulse gap measures the load as much as Berth. What
        // must hold is checked after each test: no engine call ran on the FX thread.
        System.out.printf("Browsing 5,050 entries — longest gap between FX pulses: idle %.0f ms, while listing %.0f ms, "
                + "expanding a folder of 100 %.0f ms%n", idle / 1e6, loading / 1e6, expanding / 1e6);
    }

    /** The longest time between two FX pulses while running: how long the FX thread was kept from rendering. */
    private static final class PulseGaps extends AnimationTimer {
        private volatile long last;
        private volatile long longest;

        @Override
        public void handle(long now) {
            if (last != 0) {
                longest = Math.max(longest, now - last);
            }
            last = now;
        }

        long takeLongest() {
            long value = longest;
            longest = 0;
            return value;
        }
    }

    @Test
    void listsTheEnginesNetworksAndImagesWithTheirInspectDocuments(FxRobot robot) throws TimeoutException {
        robot.interact(() -> area.select(2));
        TableView<NetworkInfo> networks = robot.lookup("#networks-table").queryAs(TableView.class);
        await(() -> networks.getItems().stream().anyMatch(n -> n.name().equals("bridge")));
        // Click the bridge network's row (other networks have "bridge" as their driver: not a text lookup).
        robot.clickOn(robot.lookup("#networks-table .table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(row -> row.getItem() instanceof NetworkInfo network && network.name().equals("bridge"))
                .findFirst().orElseThrow());
        // Both lists have an inspect tree; the networks' one shows the bridge network's document.
        await(() -> robot.lookup("#inspect-tree").queryAllAs(TreeTableView.class).stream()
                .anyMatch(tree -> tree.getRoot() != null && "bridge".equals(((InspectNode) tree.getRoot().getValue()).key())));
        assertThat(area.networks().inspect().search("com.docker.network.bridge.default_bridge").matches()).isNotEmpty();

        robot.interact(() -> area.select(3));
        TableView<ImageInfo> images = robot.lookup("#images-table").queryAs(TableView.class);
        await(() -> images.getItems().stream().anyMatch(i -> TestEngine.BUSYBOX_IMAGE.equals(i.tag())));
    }

    /**
     * The Layers tab of a locally built child image: its steps oldest first (busybox's, the parent's COPY and
     * RUN, the child's RUN), the empty ENV/LABEL steps marked, the parent's layers shared, base = the parent.
     */
    @Test
    void showsTheLayersOfTheSelectedImage(FxRobot robot, @TempDir Path context) throws Exception {
        String parent = "berth-test/" + run + ":base";
        String child = "berth-test/" + run + ":app";
        try {
            Files.writeString(context.resolve("app.txt"), "app " + run + "\n");
            Files.writeString(context.resolve("Dockerfile"), "FROM %s\nCOPY app.txt /app.txt\nRUN head -c 300000 /dev/urandom > /blob\nENV MODE=prod\n"
                    .formatted(TestEngine.BUSYBOX_IMAGE));
            Progress.await(engine.images().build(ImagesApi.BuildOptions.of(context, parent)), "build", m -> { });
            Files.writeString(context.resolve("Dockerfile"), "FROM %s\nRUN echo %s > /child\nCMD [\"sh\"]\n".formatted(parent, run));
            Progress.await(engine.images().build(ImagesApi.BuildOptions.of(context, child)), "build", m -> { });

            robot.interact(() -> area.select(3));
            TableView<ImageInfo> images = robot.lookup("#images-table").queryAs(TableView.class);
            await(() -> images.getItems().stream().anyMatch(i -> child.equals(i.tag())));
            robot.interact(() -> images.getSelectionModel().select(images.getItems().stream()
                    .filter(i -> child.equals(i.tag())).findFirst().orElseThrow()));
            TableView<ImageLayers.Step> layers = robot.lookup("#image-layers-table").queryAs(TableView.class);
            await(() -> layers.getItems().stream().anyMatch(s -> s.command().contains("echo " + run)));

            List<ImageLayers.Step> steps = List.copyOf(layers.getItems());
            assertThat(steps.getLast().command()).contains("CMD");
            assertThat(steps.getLast().empty()).isTrue();
            assertThat(steps).filteredOn(s -> s.command().contains("ENV MODE=prod")).singleElement()
                    .satisfies(s -> assertThat(s.empty()).isTrue());
            assertThat(steps).filteredOn(s -> s.command().contains("/blob")).singleElement()
                    .satisfies(s -> assertThat(s.sharedWith()).contains(parent));
            assertThat(steps).filteredOn(s -> s.command().contains("echo " + run)).singleElement()
                    .satisfies(s -> assertThat(s.sharedWith()).isEmpty());
            Label summary = robot.lookup("#image-layers-summary").queryAs(Label.class);
            assertThat(summary.getText()).contains("base " + parent).contains("unique");
            assertThat(layers.getItems().size()).isEqualTo(engine.images().history(child).size());
            robot.interact(() -> layers.scrollTo(layers.getItems().size() - 1));
            WaitForAsyncUtils.waitForFxEvents();
            Thread.sleep(300);
            snapshot(robot, Path.of("target", "screenshots", "image-layers.png"));
        } finally {
            for (String tag : List.of(child, parent)) {
                try {
                    engine.images().remove(tag, true, false);
                } catch (RuntimeException ignored) {
                    // not built
                }
            }
        }
    }

    private static void snapshot(FxRobot robot, Path file) throws IOException {
        WritableImage[] image = new WritableImage[1];
        robot.interact(() -> image[0] = robot.listTargetWindows().getFirst().getScene().snapshot(null));
        int width = (int) image[0].getWidth();
        int height = (int) image[0].getHeight();
        int[] argb = new int[width * height];
        image[0].getPixelReader().getPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
        BufferedImage png = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        png.setRGB(0, 0, width, height, argb, 0, width);
        Files.createDirectories(file.getParent());
        ImageIO.write(png, "png", file.toFile());
    }
}
