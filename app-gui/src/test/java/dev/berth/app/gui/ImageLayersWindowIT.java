package dev.berth.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.gui.feed.EngineConnection;
import dev.berth.app.resources.ImageInfo;
import dev.berth.app.resources.ImageLayers;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.api.ImagesApi;
import dev.berth.engine.api.Progress;
import dev.berth.testkit.RequiresEngine;
import dev.berth.testkit.TestEngine;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
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
 * The Images tab's Layers in the real window (theme and stylesheet applied): a locally built image FROM a
 * locally built base, its empty steps marked, the shared layers named. Writes target/screenshots/image-layers-window.png.
 */
@RequiresEngine
@ExtendWith(ApplicationExtension.class)
class ImageLayersWindowIT {

    @TempDir
    static Path home;

    private final String run = "layerswin" + UUID.randomUUID().toString().substring(0, 6);
    private BerthApplication app;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        System.setProperty("berth.config.dir", home.resolve("config").toString());
        System.setProperty("berth.host", "unix://" + TestEngine.socket());
        app = new BerthApplication();
        app.start(stage);
        stage.setWidth(1280);
        stage.setHeight(800);
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> app.stop()).get(10, TimeUnit.SECONDS);
        try (EngineClient client = EngineClient.connect(new EngineEndpoint.Unix(TestEngine.socket()))) {
            for (String tag : List.of("berth-test/" + run + ":app", "berth-test/" + run + ":base")) {
                try {
                    client.images().remove(tag, true, false);
                } catch (RuntimeException ignored) {
                    // not built
                }
            }
        }
    }

    @Test
    void showsTheLayersOfALocallyBuiltImage(FxRobot robot) throws Exception {
        String base = "berth-test/" + run + ":base";
        String child = "berth-test/" + run + ":app";
        Path context = Files.createDirectories(home.resolve(run));
        try (EngineClient client = EngineClient.connect(new EngineEndpoint.Unix(TestEngine.socket()))) {
            Files.writeString(context.resolve("app.txt"), "app " + run + "\n");
            Files.writeString(context.resolve("Dockerfile"), "FROM %s\nCOPY app.txt /app.txt\nRUN head -c 300000 /dev/urandom > /blob\nENV MODE=prod\n"
                    .formatted(TestEngine.BUSYBOX_IMAGE));
            Progress.await(client.images().build(ImagesApi.BuildOptions.of(context, base)), "build", m -> { });
            Files.writeString(context.resolve("Dockerfile"), "FROM %s\nRUN echo %s > /child\nCMD [\"sh\"]\n".formatted(base, run));
            Progress.await(client.images().build(ImagesApi.BuildOptions.of(context, child)), "build", m -> { });
        }
        waitFor(20, () -> app.panes().connectionProperty().get().kind() == EngineConnection.Kind.CONNECTED);
        robot.interact(() -> robot.lookup("#resources-tabs").queryAs(TabPane.class).getSelectionModel().select(3));
        TableView<ImageInfo> images = robot.lookup("#images-table").queryAs(TableView.class);
        waitFor(20, () -> images.getItems().stream().anyMatch(i -> child.equals(i.tag())));
        robot.interact(() -> images.getSelectionModel().select(images.getItems().stream()
                .filter(i -> child.equals(i.tag())).findFirst().orElseThrow()));
        TableView<ImageLayers.Step> layers = robot.lookup("#image-layers-table").queryAs(TableView.class);
        waitFor(20, () -> layers.getItems().stream().anyMatch(s -> s.command().contains("echo " + run)));
        assertThat(layers.getItems()).filteredOn(ImageLayers.Step::empty).extracting(ImageLayers.Step::command)
                .anyMatch(c -> c.contains("ENV MODE=prod"));
        Thread.sleep(800);
        snapshot(Path.of("target", "screenshots", "image-layers-window.png"));
    }

    private void snapshot(Path file) throws Exception {
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null)).get(10, TimeUnit.SECONDS);
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        int[] argb = new int[width * height];
        image.getPixelReader().getPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
        BufferedImage png = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        png.setRGB(0, 0, width, height, argb, 0, width);
        Files.createDirectories(file.getParent());
        ImageIO.write(png, "png", file.toFile());
    }

    private static void waitFor(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get(5, TimeUnit.SECONDS));
    }
}
