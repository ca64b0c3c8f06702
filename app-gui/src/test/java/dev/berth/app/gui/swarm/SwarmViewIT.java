package dev.berth.app.gui.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.gui.controls.Confirmations;
import dev.berth.app.gui.fx.FxUiScheduler;
import dev.berth.app.gui.resources.ResourcesArea;
import dev.berth.app.resources.EngineResourceCatalog;
import dev.berth.compose.ComposeLoader;
import dev.berth.compose.LoadResult;
import dev.berth.compose.ProjectOptions;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.api.Filters;
import dev.berth.engine.api.SystemApi.EventsOptions;
import dev.berth.engine.api.model.EngineEvent;
import dev.berth.engine.stack.StackDeployer;
import dev.berth.engine.stack.StackSpecMapper;
import dev.berth.engine.stack.Stacks;
import dev.berth.engine.stream.EngineStream;
import dev.berth.engine.swarm.Swarm;
import dev.berth.engine.swarm.SwarmTask;
import dev.berth.testkit.RequiresEngine;
import dev.berth.testkit.TestEngine;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.Spinner;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Swarm tab on the real engine made a single-node swarm (under the machine-wide swarm test lock engine-core's
 * SwarmSession holds; left afterwards): the tab appears because the engine is a manager, lists the node and the
 * deployed stack's services and tasks, and Scale changes the service — the tab catching up from the engine's
 * events alone (the test pumps the real event stream into the area, as the app's session does). Saves
 * {@code swarm-tab.png} for docs/screenshots.
 */
@RequiresEngine
@ExtendWith(ApplicationExtension.class)
class SwarmViewIT {

    private static final Path LOCK = Path.of(System.getProperty("java.io.tmpdir"), "berth-swarm-tests.lock");
    private static final String STACK = "berthgui" + UUID.randomUUID().toString().substring(0, 6);

    private static FileChannel lockFile;
    private static FileLock lock;
    private static EngineClient engine;
    private static Swarm swarm;
    private static boolean created;
    private static boolean gatewayExisted;

    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private ResourcesArea area;
    private Stage stage;
    private EngineStream<EngineEvent> events;

    @BeforeAll
    static void makeSwarmAndDeploy() throws IOException {
        lockFile = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        lock = lockFile.lock();
        engine = EngineClient.connect(new EngineEndpoint.Unix(TestEngine.socket()));
        swarm = new Swarm(engine);
        gatewayExisted = !engine.networks().list(Filters.none().name("docker_gwbridge")).isEmpty();
        if (!swarm.swarm().state().active()) {
            swarm.swarm().init("127.0.0.1", "127.0.0.1:2377");
            created = true;
        }
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path dir = Files.createTempDirectory("berth-swarm-gui");
        Files.writeString(dir.resolve("compose.yaml"), """
                services:
                  web:
                    image: %1$s
                    command: ["httpd", "-f", "-p", "80", "-h", "/"]
                    stop_grace_period: 1s
                    ports:
                      - target: 80
                        published: %2$d
                        mode: host
                    deploy:
                      replicas: 1
                      endpoint_mode: dnsrr
                  worker:
                    image: %1$s
                    command: ["sleep", "3600"]
                    stop_grace_period: 1s
                    deploy:
                      replicas: 2
                      endpoint_mode: dnsrr
                  broken:
                    image: %1$s
                    command: ["sh", "-c", "echo no config; exit 3"]
                    deploy:
                      replicas: 1
                      endpoint_mode: dnsrr
                      restart_policy:
                        condition: none
                """.formatted(TestEngine.BUSYBOX_IMAGE, port));
        LoadResult loaded = ComposeLoader.load(ProjectOptions.ofFiles(dir.resolve("compose.yaml")).withProjectName(STACK));
        new StackDeployer(engine, line -> { }).deploy(StackSpecMapper.map(loaded.project().orElseThrow(), STACK),
                new StackDeployer.Options(false, StackDeployer.ResolveImage.NEVER, false));
    }

    @AfterAll
    static void removeStackAndLeave() throws IOException {
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
    void start(Stage stage) {
        this.stage = stage;
        SwarmViewModel model = new SwarmViewModel(new EngineSwarmSource(() -> engine), new FxUiScheduler(), background);
        area = new ResourcesArea(new EngineResourceCatalog(() -> engine), new FxUiScheduler(), background,
                request -> Confirmations.Answer.NO, model);
        stage.setScene(new Scene(area.around(new Label("project"), new SimpleStringProperty(null)), 1180, 720));
        stage.show();
        events = engine.system().events(EventsOptions.fromNow());
        Thread.ofVirtual().start(() -> {
            for (EngineEvent event = events.next(); event != null; event = events.next()) {
                area.engineEvent(event);
            }
        });
    }

    private static void await(String what, BooleanSupplier condition) throws TimeoutException {
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (TimeoutException e) {
            throw new TimeoutException("waited 60 s for " + what);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static List<SwarmTask> running(String service) {
        return swarm.tasks().list(Filters.none().with("service", STACK + "_" + service).with("desired-state", "running")).stream()
                .filter(SwarmTask::running).toList();
    }

    @Test
    void showsNodesStacksServicesAndTasksAndScalesFromTheTab(FxRobot robot) throws Exception {
        try {
            TabPane tabs = robot.lookup("#resources-tabs").queryAs(TabPane.class);
            robot.interact(() -> area.swarm().refresh());
            await("the Swarm tab", () -> tabs.getTabs().stream().anyMatch(t -> "resources-tab-swarm".equals(t.getId())));
            robot.interact(() -> area.select(4));
            TreeTableView<SwarmSnapshot.ServiceRow> services = robot.lookup("#swarm-services").queryAs(TreeTableView.class);
            await("the stack's services running", () -> service(services, "worker") != null && service(services, "worker").running() == 2
                    && service(services, "web") != null && service(services, "web").running() == 1);

            TableView<SwarmSnapshot.NodeRow> nodes = robot.lookup("#swarm-nodes").queryAs(TableView.class);
            assertThat(nodes.getItems()).singleElement().satisfies(n -> {
                assertThat(n.role()).isEqualTo("manager");
                assertThat(n.leader()).isTrue();
            });
            TreeItem<SwarmSnapshot.ServiceRow> stack = services.getRoot().getChildren().stream()
                    .filter(i -> i.getValue().name().equals(STACK)).findFirst().orElseThrow();
            assertThat(stack.getChildren()).extracting(i -> i.getValue().name())
                    .containsExactly(STACK + "_broken", STACK + "_web", STACK + "_worker");
            assertThat(service(services, "web").ports()).matches("\\*:\\d+->80/tcp");
            assertThat(robot.lookup("#swarm-status").queryAs(Label.class).getText()).startsWith("Swarm manager · 1 node");

            // The broken service's task: its state and error as the engine tells them.
            select(robot, "broken");
            TableView<SwarmSnapshot.TaskRow> tasks = robot.lookup("#swarm-tasks").queryAs(TableView.class);
            await("the broken task failed", () -> tasks.getItems().stream().anyMatch(t -> "failed".equals(t.state())));
            assertThat(tasks.getItems()).anySatisfy(t -> assertThat(t.error()).contains("non-zero exit (3)"));
            // Its task logs, from /services/{id}/logs, prefixed with the task as docker service logs does.
            await("the broken service's logs", () -> area.swarm().logs().lines().stream().anyMatch(l -> l.text().equals("no config")));
            assertThat(area.swarm().logs().lines()).allSatisfy(l -> assertThat(l.source()).matches("broken\\.1@.+"));

            select(robot, "worker");
            // The selection moved on: the broken service's stream is closed and its lines gone from the view.
            await("the worker's (empty) logs", () -> area.swarm().logs().lines().isEmpty() && area.swarm().followingLogs());
            await("the worker's tasks", () -> tasks.getItems().stream().filter(t -> "running".equals(t.state())).count() == 2);
            Spinner<Integer> replicas = robot.lookup("#swarm-scale-replicas").queryAs(Spinner.class);
            assertThat(replicas.getValue()).isEqualTo(2);
            robot.interact(() -> replicas.getValueFactory().setValue(3));
            robot.clickOn("#swarm-scale");

            // No refresh from the test: the service and task-container events bring the new counts.
            await("3 workers in the tab", () -> service(services, "worker").running() == 3
                    && tasks.getItems().stream().filter(t -> "running".equals(t.state())).count() == 3);
            assertThat(running("worker")).hasSize(3);
            assertThat(robot.lookup("#swarm-notice").queryAs(Label.class).getText()).isEqualTo("Scaled " + STACK + "_worker to 3.");
            Thread.sleep(500);
            save(robot, "swarm-tab");
            // A change made elsewhere (the API directly, as `berth service scale` would): only events can bring it.
            swarm.services().scale(STACK + "_worker", 1);
            await("1 worker in the tab, from the events alone", () -> service(services, "worker").running() == 1
                    && service(services, "worker").desired() == 1);

            select(robot, "broken");
            await("the broken service's tasks", () -> tasks.getItems().stream().anyMatch(t -> "failed".equals(t.state())));
            assertThat(robot.lookup((Node n) -> n instanceof Labeled l && "broken.1".equals(l.getText())).tryQuery())
                    .as("task names without the stack prefix").isPresent();
            Thread.sleep(300);
            save(robot, "swarm-tab-task-error");
        } finally {
            events.close();
            area.close();
            background.shutdownNow();
        }
    }

    /**
     * Clicks the service's row until the tab has it selected: the tree is rebuilt on every snapshot (events of
     * the scale just made), and a click landing on a row being replaced is lost.
     */
    private void select(FxRobot robot, String key) throws TimeoutException {
        for (int attempt = 0; attempt < 5; attempt++) {
            robot.clickOn(key);
            WaitForAsyncUtils.waitForFxEvents();
            SwarmSnapshot.ServiceRow selected = area.swarm().selectedProperty().get();
            if (selected != null && selected.name().equals(STACK + "_" + key)) {
                return;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new TimeoutException("could not select " + key + " in the tab");
    }

    private static SwarmSnapshot.ServiceRow service(TreeTableView<SwarmSnapshot.ServiceRow> services, String key) {
        if (services.getRoot() == null) {
            return null;
        }
        return services.getRoot().getChildren().stream().flatMap(s -> s.getChildren().stream()).map(TreeItem::getValue)
                .filter(s -> s.name().equals(STACK + "_" + key)).findFirst().orElse(null);
    }

    private void save(FxRobot robot, String name) throws Exception {
        WritableImage image = snapshot(robot);
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

    private WritableImage snapshot(FxRobot robot) throws Exception {
        WritableImage[] out = new WritableImage[1];
        robot.interact(() -> out[0] = stage.getScene().snapshot(null));
        return out[0];
    }
}
