package dev.berth.app.gui.resources;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import dev.berth.app.gui.controls.Confirmations;
import dev.berth.app.gui.fx.FxUiScheduler;
import dev.berth.app.resources.EngineContainerFiles;
import dev.berth.engine.api.ContainersApi;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.api.Filters;
import dev.berth.engine.api.model.ContainerConfig;
import dev.berth.engine.api.model.ContainerCreateRequest;
import dev.berth.engine.api.model.HostConfig;
import dev.berth.engine.files.ContainerFileEntry;
import dev.berth.testkit.RequiresEngine;
import dev.berth.testkit.TestEngine;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
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
 * A real container's file tree, headless: folders list when expanded, a file downloads, a drop uploads
 * into a folder after asking before overwriting, and an upload into a stopped container is refused.
 */
@RequiresEngine
@ExtendWith(ApplicationExtension.class)
class ContainerFilesViewIT {

    private final String run = "cfiles-" + UUID.randomUUID().toString().substring(0, 8);
    private final EngineClient engine = EngineClient.connect(new EngineEndpoint.Unix(TestEngine.socket()));
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private final ScriptedConfirmations confirmations = new ScriptedConfirmations();
    private String container;
    private ContainerFilesView view;

    @TempDir
    Path host;

    @Start
    void start(Stage stage) {
        ContainerConfig config = ContainerConfig.builder().image(TestEngine.BUSYBOX_IMAGE)
                .cmd(List.of("sh", "-c", "mkdir -p /srv/app/static && echo hello > /srv/app/hello.txt && echo body > /srv/app/static/site.css"
                        + " && touch /srv/ready && exec sleep 300"))
                .labels(Map.of("berth.test", run)).build();
        container = engine.containers().create(run + "-web", ContainerCreateRequest.builder().config(config)
                .hostConfig(HostConfig.builder().build()).build()).id();
        engine.containers().start(container);
        view = new ContainerFilesView(new ContainerFilesViewModel(new EngineContainerFiles(() -> engine), container, run + "-web",
                new FxUiScheduler(), background, confirmations));
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet()); // the app's look, for the screenshot
        Scene scene = new Scene(view, 820, 520);
        scene.getStylesheets().add(ContainerFilesView.class.getResource("/dev/berth/app/gui/berth.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void cleanUp() {
        for (var c : engine.containers().list(ContainersApi.ListOptions.allContainers().withFilters(Filters.none().label("berth.test=" + run)))) {
            engine.containers().remove(c.id(), true, false);
        }
        background.shutdownNow();
        engine.close();
    }

    private static void await(BooleanSupplier condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private TreeItem<ContainerFileEntry> expand(FxRobot robot, String path) throws TimeoutException {
        await(() -> fx(() -> view.find(path)) != null);
        TreeItem<ContainerFileEntry> item = view.find(path);
        robot.interact(() -> item.setExpanded(true));
        await(() -> !item.getChildren().isEmpty());
        return item;
    }

    private static <T> T fx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String notice(FxRobot robot) {
        return robot.lookup("#container-files-notice").queryAs(Label.class).getText();
    }

    @Test
    void browsesDownloadsAndUploadsAfterAskingAndRefusesAStoppedContainer(FxRobot robot) throws Exception {
        await(() -> engine.containers().stat(container, "/srv/ready") != null);
        TreeTableView<ContainerFileEntry> tree = view.tree();
        await(() -> tree.getRoot().getChildren().stream().anyMatch(item -> item.getValue().name().equals("srv")));
        assertThat(tree.getRoot().getChildren()).extracting(item -> item.getValue().path()).contains("/bin", "/etc", "/srv");
        assertThat(tree.getRoot().getChildren().getFirst().getValue().directory()).as("folders first").isTrue();

        expand(robot, "/srv");
        TreeItem<ContainerFileEntry> app = expand(robot, "/srv/app");
        assertThat(app.getChildren()).extracting(item -> item.getValue().name()).containsExactly("static", "hello.txt");
        expand(robot, "/srv/app/static");
        robot.interact(() -> tree.getSelectionModel().select(view.find("/srv/app/hello.txt")));
        WaitForAsyncUtils.waitForFxEvents();
        screenshot(robot, "container-files");

        // Download (what the Download… button does once a path is chosen).
        Path saved = host.resolve("hello-copy.txt");
        robot.interact(() -> viewModel().download("/srv/app/hello.txt", saved, () -> { }));
        await(() -> Files.exists(saved) && notice(robot).startsWith("Downloaded"));
        assertThat(saved).hasContent("hello");
        robot.interact(() -> viewModel().download("/srv/app", host, () -> { }));
        await(() -> Files.exists(host.resolve("app/static/site.css")));

        // A drop onto a file uploads into its folder; the existing name is asked about first.
        Path local = Files.writeString(host.resolve("hello.txt"), "replaced\n");
        Path fresh = Files.writeString(host.resolve("new.txt"), "new\n");
        robot.interact(() -> view.upload(List.of(local, fresh), view.find("/srv/app/hello.txt")));
        await(() -> notice(robot).startsWith("Uploaded"));
        assertThat(confirmations.asked).hasSize(1);
        assertThat(confirmations.asked.getFirst().title()).isEqualTo("Overwrite in /srv/app?");
        assertThat(confirmations.asked.getFirst().message()).startsWith("hello.txt already exists in /srv/app");
        assertThat(engine.exec().run(container, List.of("cat", "/srv/app/hello.txt", "/srv/app/new.txt")).stdout()).isEqualTo("replaced\nnew\n");
        await(() -> app.getChildren().stream().anyMatch(item -> item.getValue().name().equals("new.txt")));

        // Cancel keeps the container's file.
        confirmations.answer = new Confirmations.Answer(false, false);
        Files.writeString(local, "not wanted\n");
        robot.interact(() -> view.upload(List.of(local), view.find("/srv/app")));
        await(() -> notice(robot).startsWith("Upload cancelled"));
        assertThat(engine.exec().run(container, List.of("cat", "/srv/app/hello.txt")).stdout()).isEqualTo("replaced\n");

        // A stopped container: browsing still works, upload is refused before anything is asked.
        engine.containers().stop(container, Duration.ofSeconds(1));
        int asked = confirmations.asked.size();
        robot.interact(() -> view.upload(List.of(fresh), view.find("/srv")));
        await(() -> notice(robot).contains("not running"));
        assertThat(notice(robot)).isEqualTo("Container " + run + "-web is not running (exited): files can only be uploaded into a running container."
                + " Start it first.");
        assertThat(confirmations.asked).hasSize(asked);
        assertThat(engine.containers().inspect(container).state().running()).isFalse();
    }

    private ContainerFilesViewModel viewModel() {
        return view.model();
    }

    private void screenshot(FxRobot robot, String name) throws Exception {
        WritableImage[] shot = new WritableImage[1];
        robot.interact(() -> shot[0] = view.getScene().snapshot(null));
        int width = (int) shot[0].getWidth();
        int height = (int) shot[0].getHeight();
        int[] argb = new int[width * height];
        shot[0].getPixelReader().getPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
        BufferedImage png = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        png.setRGB(0, 0, width, height, argb, 0, width);
        Path out = Path.of("target/screenshots");
        Files.createDirectories(out);
        ImageIO.write(png, "png", out.resolve(name + ".png").toFile());
    }
}
