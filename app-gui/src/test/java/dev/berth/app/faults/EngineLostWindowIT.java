package dev.berth.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.app.cli.BerthCli;
import dev.berth.app.gui.BerthApplication;
import dev.berth.app.gui.feed.EngineConnection;
import dev.berth.app.gui.graph.ServiceState;
import dev.berth.app.gui.logs.LogLine;
import dev.berth.app.gui.main.ProjectPanes;
import dev.berth.app.gui.stats.ContainerStatsRow;
import dev.berth.app.gui.stats.StatsSample;
import dev.berth.testkit.PrivateEngine;
import dev.berth.testkit.RequiresEngine;
import dev.berth.testkit.TestEngine;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
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
 * Fault 1's GUI half (docs/RELIABILITY.md): the real window on a private engine with live-restore whose dockerd
 * is killed (SIGKILL by pid) and started again. While it is away the window says so and keeps the last state,
 * greyed, its actions disabled; it reconnects by itself, and the logs go on where they stopped: a container that
 * printed a counter every 100 ms through the outage shows every number exactly once, in order. Stats come back,
 * and a container that died while the engine was away shows as exited. Writes target/screenshots/engine-lost.png.
 */
@RequiresEngine
@ExtendWith(ApplicationExtension.class)
class EngineLostWindowIT {

    static {
        // On a loaded machine (8 builds on 2 cores) the first window of a JVM took over TestFX's 30 s once.
        System.setProperty("testfx.setup.timeout", System.getProperty("testfx.setup.timeout", "120000"));
    }

    private static PrivateEngine engine;

    @TempDir
    static Path home;

    private final String project = "lost" + UUID.randomUUID().toString().substring(0, 6);
    private BerthApplication app;
    private Stage stage;

    @BeforeAll
    static void startPrivateEngine() throws Exception {
        assumeTrue(PrivateEngine.available(), "needs root and dockerd for a private engine");
        engine = PrivateEngine.startWithLiveRestore();
        engine.loadImage(TestEngine.BUSYBOX_IMAGE);
    }

    @AfterAll
    static void stopPrivateEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        System.setProperty("berth.config.dir", home.resolve("config").toString());
        System.setProperty("berth.host", engine.host());
        app = new BerthApplication();
        app.start(stage);
        stage.setWidth(1280);
        stage.setHeight(800);
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> app.stop()).get(10, TimeUnit.SECONDS);
        System.clearProperty("berth.host");
    }

    @Test
    void theWindowGreysTheLastStateReconnectsAndGoesOnWithoutAGapOrARepeat(FxRobot robot) throws Exception {
        Path file = Files.createDirectories(home.resolve(project)).resolve("compose.yaml");
        Files.writeString(file, """
                name: %s
                services:
                  counter:
                    image: %s
                    command: ["sh", "-c", "i=0; while true; do echo $$i; i=$$((i+1)); sleep 0.1; done"]
                    network_mode: none
                    stop_grace_period: 1s
                  doomed:
                    image: %s
                    command: ["sleep", "3600"]
                    network_mode: none
                    stop_grace_period: 1s
                """.formatted(project, TestEngine.BUSYBOX_IMAGE, TestEngine.BUSYBOX_IMAGE));
        assertThat(berth(file, "up", "-d")).isZero();
        ProjectPanes panes = app.panes();
        waitFor(30, () -> panes.connectionProperty().get().kind() == EngineConnection.Kind.CONNECTED);
        robot.interact(() -> app.window().opened(file.toFile()));
        waitFor(30, () -> counted(panes).size() >= 15 && panes.graph().node("doomed").map(n -> n.stateProperty().get().kind()
                == ServiceState.Kind.RUNNING).orElse(false) && statsOf(panes, "counter") != null);
        robot.interact(() -> robot.lookup("#detail-tabs").queryAs(TabPane.class).getSelectionModel().select(0));

        long doomedPid = Long.parseLong(engine.docker("inspect", "-f", "{{.State.Pid}}", project + "-doomed-1").strip());
        engine.kill();
        waitFor(20, () -> panes.connectionProperty().get().kind() == EngineConnection.Kind.LOST);
        int shownBeforeTheLoss = counted(panes).size();
        Node banner = robot.lookup("#engine-lost-banner").query();
        Button up = robot.lookup("#button-up").queryAs(Button.class);
        Node graph = robot.lookup("#detail-tabs").query();
        waitFor(5, () -> banner.isVisible() && up.isDisabled() && graph.getOpacity() < 1);
        assertThat(robot.lookup("#engine-lost").queryAs(Label.class).getText()).contains("reconnects by itself");
        assertThat(panes.graph().node("counter")).as("the last state stays").isPresent();
        assertThat(counted(panes)).as("the logs stay").hasSize(shownBeforeTheLoss);
        Thread.sleep(500);
        snapshot(Path.of("target", "screenshots", "engine-lost.png"));

        // While no engine listens: one container dies (its process killed), the counter goes on into the log pipe.
        ProcessHandle.of(doomedPid).ifPresent(ProcessHandle::destroyForcibly);
        Thread.sleep(3000);
        Instant restarted = Instant.now();
        engine.restart();

        waitFor(60, () -> panes.connectionProperty().get().kind() == EngineConnection.Kind.CONNECTED);
        waitFor(5, () -> !banner.isVisible() && !up.isDisabled() && graph.getOpacity() == 1.0);
        int outage = 30; // about 3.5 s at ten lines a second while the engine was away
        waitFor(30, () -> counted(panes).size() >= shownBeforeTheLoss + outage + 20);
        List<Integer> numbers = counted(panes);
        int first = numbers.getFirst();
        for (int i = 0; i < numbers.size(); i++) {
            assertThat(numbers.get(i)).as("line %d of the counter's log (no gap, no repeat across the outage)", i).isEqualTo(first + i);
        }
        waitFor(20, () -> panes.graph().node("doomed").map(n -> n.stateProperty().get().kind() == ServiceState.Kind.EXITED).orElse(false));
        waitFor(20, () -> {
            StatsSample latest = statsOf(panes, "counter");
            return latest != null && latest.time().isAfter(restarted);
        });
        assertThat(berth(file, "down", "-t", "0")).isZero();
    }

    /** The counter's numbers as the window's log ring holds them, in order. */
    private List<Integer> counted(ProjectPanes panes) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> List.copyOf(panes.logs().lines())).get(5, TimeUnit.SECONDS).stream()
                .filter(line -> line.source().equals("counter")).map(LogLine::text).map(String::strip)
                .map(Integer::parseInt).toList();
    }

    private StatsSample statsOf(ProjectPanes panes, String service) {
        return panes.stats().rows().stream().filter(row -> row.name().equals(project + "-" + service + "-1")).findFirst()
                .map(ContainerStatsRow::latestProperty).map(p -> p.get()).orElse(null);
    }

    private int berth(Path file, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 4];
        all[0] = "-H";
        all[1] = engine.host();
        all[2] = "-f";
        all[3] = file.toString();
        System.arraycopy(args, 0, all, 4, args.length);
        int code = BerthCli.run(new PrintWriter(out, true), new PrintWriter(err, true), all);
        if (code != 0) {
            System.out.println("berth " + String.join(" ", args) + ": " + err);
        }
        return code;
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

    private void waitFor(int seconds, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get(5, TimeUnit.SECONDS));
        } catch (TimeoutException e) {
            throw new AssertionError("timed out; the window shows: " + WaitForAsyncUtils.asyncFx(this::shown).get(5, TimeUnit.SECONDS), e);
        }
    }

    /** What the window shows, for a failure's message. */
    private String shown() {
        ProjectPanes panes = app.panes();
        List<LogLine> lines = List.copyOf(panes.logs().lines());
        return "connection " + panes.connectionProperty().get() + "; selected " + panes.projects().selectedProperty().get()
                + "; states " + List.of("counter", "doomed").stream().map(s -> s + "=" + panes.graph().node(s)
                        .map(n -> n.stateProperty().get().toString()).orElse("absent")).toList()
                + "; stats rows " + panes.stats().rows().stream().map(ContainerStatsRow::name).toList()
                + "; " + lines.size() + " log lines, the last: " + lines.subList(Math.max(0, lines.size() - 5), lines.size());
    }
}
