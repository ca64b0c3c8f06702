package dev.berth.app.gui.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.gui.BerthApplication;
import dev.berth.app.gui.resources.ResourcesArea;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.api.Filters;
import dev.berth.engine.stack.Stacks;
import dev.berth.engine.swarm.Swarm;
import dev.berth.engine.swarm.SwarmService;
import dev.berth.testkit.RequiresEngine;
import dev.berth.testkit.TestEngine;
import java.awt.image.BufferedImage;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
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
 * "Deploy as stack…" from the real window on the real engine made a single-node swarm (under the machine-wide
 * swarm test lock; left afterwards): the Project menu item opens the preview, which lists both services as
 * create and the swarm-ignored {@code depends_on} with its position; Deploy creates the stack and the Swarm
 * tab shows it from the engine's events; after a change of the file a second preview lists the update with
 * the changed field. Saves {@code stack-deploy-preview*.png}.
 */
@RequiresEngine
@ExtendWith(ApplicationExtension.class)
class StackDeployIT {

    private static final Path LOCK = Path.of(System.getProperty("java.io.tmpdir"), "berth-swarm-tests.lock");
    private static final String STACK = "berthdeploy" + UUID.randomUUID().toString().substring(0, 6);

    @TempDir
    static Path home;

    private static FileChannel lockFile;
    private static FileLock lock;
    private static EngineClient engine;
    private static Swarm swarm;
    private static boolean created;
    private static boolean gatewayExisted;

    private Stage stage;
    private BerthApplication app;

    @BeforeAll
    static void makeSwarm() throws Exception {
        lockFile = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        lock = lockFile.lock();
        engine = EngineClient.connect(new EngineEndpoint.Unix(TestEngine.socket()));
        swarm = new Swarm(engine);
        gatewayExisted = !engine.networks().list(Filters.none().name("docker_gwbridge")).isEmpty();
        if (!swarm.swarm().state().active()) {
            swarm.swarm().init("127.0.0.1", "127.0.0.1:2377");
            created = true;
        }
    }

    @AfterAll
    static void removeStackAndLeave() throws Exception {
        try {
            if (!new Stacks(engine).services(STACK).isEmpty()) {
                new Stacks(engine).remove(STACK, Duration.ofSeconds(60), line -> { });
            }
            if (created) {
                swarm.swarm().leave(true);
                if (!gatewayExisted) {
                    try {
                        engine.networks().remove("docker_gwbridge");
                    } catch (RuntimeException e) {
                        // still in use by someone else's container
                    }
                }
            }
        } finally {
            engine.close();
            lock.release();
            lockFile.close();
        }
    }

    @Start
    void start(Stage primary) {
        stage = primary;
        System.setProperty("berth.config.dir", home.resolve("config").toString());
        System.setProperty("berth.host", "unix://" + TestEngine.socket());
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            WaitForAsyncUtils.asyncFx(() -> {
                if (app.window().stackDeployWindow() != null) {
                    app.window().stackDeployWindow().stage().close();
                }
                app.stop();
                return null;
            }).get(10, TimeUnit.SECONDS);
        }
    }

    private static final String COMPOSE = """
            name: %1$s
            services:
              web:
                image: %2$s
                command: ["sleep", "3600"]
                stop_grace_period: 1s
                depends_on: [worker]
            %3$s
              worker:
                image: %2$s
                command: ["sleep", "3600"]
                stop_grace_period: 1s
                deploy:
                  replicas: 2
            """;

    @Test
    void deploysTheOpenedProjectAsAStackAfterItsPreview(FxRobot robot) throws Exception {
        Path dir = Files.createDirectories(home.resolve(STACK));
        Path file = dir.resolve("compose.yaml");
        Files.writeString(file, COMPOSE.formatted(STACK, TestEngine.BUSYBOX_IMAGE, ""));
        app = new BerthApplication(List.of(dir.toString()));
        robot.interact(() -> app.start(stage));
        ResourcesArea area = app.resources();
        waitFor(60, () -> area.swarm().managerProperty().get() && app.panes().projects().selectedProperty().get() != null
                && app.panes().projects().selectedProperty().get().name().equals(STACK));

        MenuItem item = menuItem("action-deploy-stack");
        waitFor(10, () -> !item.isDisable());
        robot.interact(item::fire);
        waitFor(60, () -> app.window().stackDeployWindow() != null && preview() != null);
        StackPreview first = preview();
        assertThat(first.stack()).isEqualTo(STACK);
        assertThat(first.row("web").action()).isEqualTo("create");
        assertThat(first.row("worker").action()).isEqualTo("create");
        assertThat(first.row("network " + STACK + "_default").action()).isEqualTo("create");
        assertThat(first.warnings()).anySatisfy(w -> assertThat(w).contains("compose.yaml:7:").contains("depends_on"));
        Scene window = app.window().stackDeployWindow().stage().getScene();
        assertThat(window.lookup("#stack-plan-row-web")).isNotNull();
        Thread.sleep(300);
        save(robot, window, "stack-deploy-preview");

        robot.interact(() -> ((Button) window.lookup("#stack-deploy")).fire());
        // DEPLOYED lasts only until the window re-plans: the outcome line (or an error) says it is over.
        waitFor(120, () -> model().progress().contains("Deployed stack " + STACK + ".") || !model().errorProperty().get().isEmpty());
        assertThat(model().errorProperty().get()).isEmpty();
        assertThat(model().progress()).contains("Creating service " + STACK + "_web", "Creating service " + STACK + "_worker",
                "Deployed stack " + STACK + ".");
        assertThat(swarm.services().list(Stacks.ofStack(STACK))).extracting(SwarmService::name)
                .containsExactlyInAnyOrder(STACK + "_web", STACK + "_worker");
        // After the deploy the window re-plans: nothing left to do.
        try {
            waitFor(60, () -> preview() != null && preview().changesNothing());
        } finally {
            System.out.println("after the deploy: " + model().phaseProperty().get() + " " + preview() + " " + model().errorProperty().get());
        }

        // The Swarm tab shows the stack from the engine's events (nobody refreshes it here).
        robot.interact(() -> app.window().stackDeployWindow().stage().close());
        robot.interact(() -> area.select(4));
        TreeTableView<SwarmSnapshot.ServiceRow> services = robot.lookup("#swarm-services").queryAs(TreeTableView.class);
        waitFor(120, () -> services.getRoot() != null && services.getRoot().getChildren().stream()
                .filter(s -> s.getValue().name().equals(STACK)).flatMap(s -> s.getChildren().stream()).map(TreeItem::getValue)
                .filter(s -> s.running() == s.desired() && s.desired() > 0).count() == 2);

        // The file changes: the second preview lists the update with the field.
        Files.writeString(file, COMPOSE.formatted(STACK, TestEngine.BUSYBOX_IMAGE, "    environment:\n      MODE: two"));
        robot.interact(item::fire);
        waitFor(60, () -> app.window().stackDeployWindow() != null && app.window().stackDeployWindow().stage().isShowing()
                && preview() != null && !preview().changesNothing());
        StackPreview second = preview();
        assertThat(second.row("worker").action()).isEqualTo("unchanged");
        assertThat(second.row("web").action()).isEqualTo("update");
        assertThat(second.row("web").details()).anySatisfy(d -> assertThat(d).contains("Env").contains("MODE=two"));
        Thread.sleep(300);
        save(robot, app.window().stackDeployWindow().stage().getScene(), "stack-deploy-preview-update");
    }

    private StackDeployViewModel model() {
        return app.window().stackDeployWindow().model();
    }

    private StackPreview preview() {
        return app.window().stackDeployWindow() == null ? null : model().previewProperty().get();
    }

    private MenuItem menuItem(String id) {
        MenuBar bar = (MenuBar) stage.getScene().lookup(".menu-bar");
        return bar.getMenus().stream().flatMap(m -> items(m).stream()).filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
    }

    private static List<MenuItem> items(Menu menu) {
        return menu.getItems().stream().flatMap(i -> i instanceof Menu sub ? items(sub).stream() : Stream.of(i)).toList();
    }

    private static void waitFor(int seconds, Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get(5, TimeUnit.SECONDS));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void save(FxRobot robot, Scene scene, String name) throws Exception {
        WritableImage[] out = new WritableImage[1];
        robot.interact(() -> out[0] = scene.snapshot(null));
        WritableImage image = out[0];
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        int[] argb = new int[width * height];
        image.getPixelReader().getPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
        BufferedImage png = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        png.setRGB(0, 0, width, height, argb, 0, width);
        Path dir = Path.of(System.getProperty("berth.screenshots", "target/screenshots")).toAbsolutePath();
        Files.createDirectories(dir);
        ImageIO.write(png, "png", dir.resolve(name + ".png").toFile());
        System.out.println("wrote " + dir.resolve(name + ".png"));
    }
}
