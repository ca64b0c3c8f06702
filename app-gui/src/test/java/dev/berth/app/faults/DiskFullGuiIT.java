package dev.berth.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.app.gui.BerthApplication;
import dev.berth.app.gui.feed.EngineConnection;
import dev.berth.app.gui.main.ProjectPanes;
import dev.berth.testkit.PrivateEngine;
import dev.berth.testkit.RequiresEngine;
import dev.berth.testkit.TestEngine;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Fault 4 in the window: Up (F5) on a project whose image is built, against a private engine whose disk has
 * 16 MB left while the build's RUN writes 64 MB. The window shows the failure dialog with the engine's
 * "no space left on device" and the service named, and nothing that existed is touched: the other project's
 * container id and its volume's bytes (as {@link DiskFullIT} checks for the CLI).
 */
@RequiresEngine
@ExtendWith(ApplicationExtension.class)
class DiskFullGuiIT {

    @TempDir
    static Path home;

    private static PrivateEngine engine;
    private BerthApplication app;

    @BeforeAll
    static void startEngine() throws Exception {
        assumeTrue(PrivateEngine.available(), "needs root and dockerd for a private engine");
        engine = PrivateEngine.start(160L * 1024 * 1024);
    }

    @AfterAll
    static void stopEngine() throws Exception {
        if (engine != null) {
            engine.close();
        }
    }

    @Start
    void start(Stage stage) {
        System.setProperty("berth.config.dir", home.resolve("config").toString());
        System.setProperty("berth.host", engine.host());
        app = new BerthApplication();
        app.start(stage);
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            WaitForAsyncUtils.asyncFx(app::stop).get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void upThatBuildsOnAFullDiskShowsTheEnginesErrorAndRemovesNothing(FxRobot robot) throws Exception {
        engine.loadImage(TestEngine.BUSYBOX_IMAGE);
        DiskFullIT.Kept kept = DiskFullIT.Kept.upIn(engine, home);
        Path dir = Files.createDirectories(home.resolve("fresh"));
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("app/Dockerfile"), """
                FROM %s
                RUN dd if=/dev/zero of=/big bs=1M count=64
                """.formatted(TestEngine.BUSYBOX_IMAGE));
        Files.writeString(dir.resolve("compose.yaml"), """
                name: fresh
                services:
                  app:
                    build: ./app
                    image: fresh-app:latest
                    command: ["sleep", "3600"]
                    network_mode: none
                """);
        Path filler = engine.dataRoot().resolve("filler");
        DiskFullIT.fillLeaving(filler, 16L * 1024 * 1024);

        ProjectPanes panes = app.panes();
        waitFor(30, () -> panes.connectionProperty().get().kind() == EngineConnection.Kind.CONNECTED);
        robot.interact(() -> app.window().opened(dir.toFile()));
        waitFor(30, () -> panes.graph().node("app").isPresent());
        robot.press(KeyCode.F5).release(KeyCode.F5);

        waitFor(180, () -> robot.lookup("#failure-details").tryQuery().isPresent());
        String details = WaitForAsyncUtils.asyncFx(() -> robot.lookup("#failure-details").queryAs(TextArea.class).getText())
                .get(5, TimeUnit.SECONDS);
        String header = WaitForAsyncUtils.asyncFx(() -> robot.lookup(".dialog-pane .header-panel .label").queryAs(Label.class).getText())
                .get(5, TimeUnit.SECONDS);
        System.out.println("fault 4 (window): " + header + " | " + details.strip().replace("\n", " | "));
        assertThat(header).startsWith("Up fresh");
        assertThat(details).containsIgnoringCase("no space left on device").contains("app").doesNotContain("\tat ")
                .as("the build output's colour codes are not shown as text").doesNotContain("\u001b").doesNotContain("[91m");
        screenshot(robot, "disk-full-dialog.png");
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        kept.assertUnchanged(engine);
        assertThat(engine.docker("image", "ls", "-q", "fresh-app:latest").strip()).as("no image from the failed build").isEmpty();

        // Room again: the same Up in the window completes.
        Files.delete(filler);
        robot.press(KeyCode.F5).release(KeyCode.F5);
        waitFor(180, () -> !engine.docker("ps", "-q", "--filter", "label=com.docker.compose.project=fresh").isBlank());
        kept.assertUnchanged(engine);
    }

    /** The failure dialog's window as a PNG under target/screenshots, to look at. */
    private static void screenshot(FxRobot robot, String name) throws Exception {
        Path out = Files.createDirectories(Path.of("target", "screenshots"));
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> robot.lookup(".dialog-pane").queryAs(DialogPane.class).getScene().snapshot(null))
                .get(10, TimeUnit.SECONDS);
        BufferedImage png = new BufferedImage((int) image.getWidth(), (int) image.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < png.getHeight(); y++) {
            for (int x = 0; x < png.getWidth(); x++) {
                png.setRGB(x, y, image.getPixelReader().getArgb(x, y));
            }
        }
        ImageIO.write(png, "png", out.resolve(name).toFile());
    }

    private static void waitFor(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get(10, TimeUnit.SECONDS));
    }
}
