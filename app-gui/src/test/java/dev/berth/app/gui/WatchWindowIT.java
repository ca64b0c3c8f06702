package dev.berth.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.gui.engine.TestProjects;
import dev.berth.app.gui.feed.EngineConnection;
import dev.berth.app.gui.main.ProjectPanes;
import dev.berth.engine.api.ContainersApi;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EngineEndpoint;
import dev.berth.testkit.RequiresEngine;
import dev.berth.testkit.TestEngine;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ToggleButton;
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
 * The toolbar's Watch toggle in the real window on the real engine: on, a file saved on the host reaches the
 * service's container and the sync shows in the logs as a line from "watch"; off, the toggle and the feed
 * agree. Writes target/screenshots/watch.png.
 */
@RequiresEngine
@ExtendWith(ApplicationExtension.class)
class WatchWindowIT {

    @TempDir
    static Path home;

    private final String project = "watchwin" + UUID.randomUUID().toString().substring(0, 6);
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
        TestProjects.remove(project);
    }

    @Test
    void theWatchToggleSyncsAndTheLogsSaySo(FxRobot robot) throws Exception {
        Path dir = Files.createDirectories(home.resolve(project));
        Files.createDirectories(dir.resolve("site"));
        Files.writeString(dir.resolve("compose.yaml"), """
                name: %s
                services:
                  web:
                    image: %s
                    command: ["sh", "-c", "echo serving /srv/site; exec sleep 3600"]
                    stop_grace_period: 1s
                    develop:
                      watch:
                        - action: sync
                          path: ./site
                          target: /srv/site
                """.formatted(project, TestEngine.BUSYBOX_IMAGE));
        TestProjects.up(dir);
        ProjectPanes panes = app.panes();
        waitFor(20, () -> panes.connectionProperty().get().kind() == EngineConnection.Kind.CONNECTED);
        robot.interact(() -> app.window().opened(dir.resolve("compose.yaml").toFile()));
        waitFor(20, () -> panes.graph().node("web").isPresent());

        ToggleButton watch = robot.lookup("#project-watch").queryAs(ToggleButton.class);
        waitFor(20, () -> !watch.isDisabled());
        robot.clickOn(watch);
        waitFor(20, () -> panes.watchedProjects().contains(project));
        assertThat(watch.isSelected()).isTrue();

        Files.writeString(dir.resolve("site/index.html"), "<h1>watched</h1>\n");
        waitFor(20, () -> panes.logs().lines().stream().anyMatch(l -> l.source().equals("watch") && l.text().startsWith("Synced 1 file")));
        try (EngineClient client = EngineClient.connect(new EngineEndpoint.Unix(TestEngine.socket()))) {
            String web = client.containers().list(ContainersApi.ListOptions.running()).stream()
                    .filter(c -> c.names().contains("/" + project + "-web-1")).findFirst().orElseThrow().id();
            assertThat(client.exec().run(web, List.of("cat", "/srv/site/index.html")).stdout()).isEqualTo("<h1>watched</h1>\n");
        }
        Thread.sleep(800);
        snapshot(Path.of("target", "screenshots", "watch.png"));

        robot.clickOn(watch);
        waitFor(20, () -> !panes.watchedProjects().contains(project));
        assertThat(watch.isSelected()).isFalse();
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
