package dev.berth.app.gui.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import dev.berth.app.gui.fx.FxUiScheduler;
import dev.berth.engine.api.ContainersApi;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.api.Filters;
import dev.berth.engine.api.model.ContainerConfig;
import dev.berth.engine.api.model.ContainerCreateRequest;
import dev.berth.engine.api.model.HostConfig;
import dev.berth.testkit.RequiresEngine;
import dev.berth.testkit.TestEngine;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.application.Application;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A real terminal on a real exec session: typed input reaches the shell and its answer the terminal's
 * buffer, a resize reaches the container's TTY, and the tab notices the container stopping. Also measures
 * keystroke → echo (the key event on the FX thread until the echoed character is in the buffer).
 */
@RequiresEngine
@ExtendWith(ApplicationExtension.class)
class TerminalTabIT {

    private final String run = "term-" + UUID.randomUUID().toString().substring(0, 8);
    private final EngineClient engine = EngineClient.connect(new EngineEndpoint.Unix(TestEngine.socket()));
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private String container;
    private TerminalTab tab;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        container = engine.containers().create(run + "-shell", ContainerCreateRequest.builder()
                .config(ContainerConfig.builder().image(TestEngine.BUSYBOX_IMAGE).cmd(List.of("sleep", "300"))
                        .labels(Map.of("berth.test", run)).build())
                .hostConfig(HostConfig.builder().build()).build()).id();
        engine.containers().start(container);
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        tab = TerminalTab.open(() -> engine, container, run + "-shell", TerminalTarget.shell(), new FxUiScheduler(), background);
        TabPane tabs = new TabPane(tab);
        stage.setScene(new Scene(tabs, 900, 520));
        stage.show();
    }

    @AfterEach
    void cleanUp() throws Exception {
        // Closed as a user closes it: a terminal left open keeps its repaint timer going in this shared FX thread.
        WaitForAsyncUtils.asyncFx(tab::close).get(10, TimeUnit.SECONDS);
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

    private String screen() {
        var buffer = tab.widget().getTerminalTextBuffer();
        buffer.lock();
        try {
            return buffer.getScreenLines();
        } finally {
            buffer.unlock();
        }
    }

    /** Types {@code text} as key events to the terminal's focus node, then Enter. */
    private void typeLine(FxRobot robot, String text) {
        robot.interact(() -> {
            Node target = tab.keyTarget();
            for (char c : text.toCharArray()) {
                typed(target, String.valueOf(c));
            }
        });
        robot.interact(() -> pressEnter(tab.keyTarget()));
    }

    /**
     * A character as a keyboard sends it: a press carrying the character's text (a printable press the
     * terminal leaves to the typed event), then the typed event. JediTermFX ignores typed events after a
     * press it handled itself (Enter, or a press with no text, which it sends as NUL) until the next press.
     */
    private static void typed(Node target, String character) {
        Event.fireEvent(target, new KeyEvent(KeyEvent.KEY_PRESSED, character, character, KeyCode.UNDEFINED, false, false, false, false));
        Event.fireEvent(target, new KeyEvent(KeyEvent.KEY_TYPED, character, character, KeyCode.UNDEFINED, false, false, false, false));
        Event.fireEvent(target, new KeyEvent(KeyEvent.KEY_RELEASED, character, character, KeyCode.UNDEFINED, false, false, false, false));
    }

    private static void pressEnter(Node target) {
        Event.fireEvent(target, new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.ENTER, false, false, false, false));
        Event.fireEvent(target, new KeyEvent(KeyEvent.KEY_TYPED, "\r", "\r", KeyCode.UNDEFINED, false, false, false, false));
        Event.fireEvent(target, new KeyEvent(KeyEvent.KEY_RELEASED, "", "", KeyCode.ENTER, false, false, false, false));
    }

    @Test
    void typesIntoARealShellAndReadsTheAnswer(FxRobot robot) throws Exception {
        await(() -> tab.connector() != null && screen().contains("#"));

        assertThat(WaitForAsyncUtils.asyncFx(() -> stage.getScene().getFocusOwner() == tab.keyTarget()).get()).as("the terminal has the keyboard").isTrue();
        typeLine(robot, "echo $((6*7))");
        try {
            await(() -> Pattern.compile("(?m)^42\\s*$").matcher(screen()).find());
        } finally {
            System.out.println("screen after echo:\n" + screen());
        }

        // Keystroke → echo, 60 single characters (the line is erased with Ctrl-U every 20).
        List<Double> millis = new ArrayList<>();
        Node target = tab.keyTarget();
        int onLine = 0;
        for (int i = 0; i < 60; i++) {
            String expected = "/ # " + "x".repeat(onLine + 1);
            AtomicReference<Long> sent = new AtomicReference<>();
            robot.interact(() -> {
                sent.set(System.nanoTime());
                typed(target, "x");
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (!screen().contains(expected) && System.nanoTime() < deadline) {
                LockSupport.parkNanos(200_000); // not a hot spin: the terminal's reader needs the buffer's lock too
            }
            assertThat(screen()).as("echo of keystroke %d", i).contains(expected);
            millis.add((System.nanoTime() - sent.get()) / 1e6);
            onLine++;
            if (onLine == 20) {
                tab.connector().write(new byte[] {0x15}); // Ctrl-U: keep the line short
                await(() -> !screen().contains("/ # x"));
                onLine = 0;
            }
        }
        Collections.sort(millis);
        System.out.printf("keystroke->echo over exec TTY: median %.1f ms, p95 %.1f ms, max %.1f ms (n=%d)%n",
                millis.get(millis.size() / 2), millis.get((int) Math.ceil(millis.size() * 0.95) - 1), millis.getLast(), millis.size());

        screenshot(robot, "terminal");
    }

    @Test
    void theTabNoticesTheContainerStopping() throws Exception {
        await(() -> tab.connector() != null && screen().contains("#"));
        engine.containers().stop(container, Duration.ofSeconds(1));
        await(() -> tab.status().startsWith("Container stopped"));
        assertThat(tab.getText()).endsWith("(stopped)");
    }

    @Test
    void aResizeReachesTheContainersTty(FxRobot robot) throws Exception {
        await(() -> tab.connector() != null && screen().contains("#"));
        // A resize reaches the container's TTY.
        AtomicReference<String> resized = new AtomicReference<>();
        tab.connector().onResized((columns, rows) -> resized.set(rows + " " + columns));
        int widthBefore = tab.widget().getTerminalTextBuffer().getWidth();
        robot.interact(() -> {
            stage.setWidth(700);
            stage.setHeight(400);
        });
        try {
            await(() -> resized.get() != null);
        } finally {
            System.out.println("resize: buffer " + widthBefore + " -> " + tab.widget().getTerminalTextBuffer().getWidth()
                    + " columns, scene " + stage.getScene().getWidth() + "x" + stage.getScene().getHeight() + ", engine told " + resized.get());
        }
        Thread.sleep(300); // let a second, final size land too
        int rows = tab.widget().getTerminalTextBuffer().getHeight();
        int columns = tab.widget().getTerminalTextBuffer().getWidth();
        typeLine(robot, "stty size");
        try {
            await(() -> screen().contains(rows + " " + columns));
        } finally {
            System.out.println("buffer " + rows + "x" + columns + ", engine told " + resized.get() + ", screen after stty:\n" + screen());
        }
        Matcher size = Pattern.compile("(?m)^(\\d+) (\\d+)\\s*$").matcher(screen());
        assertThat(size.find()).isTrue();
        assertThat(size.group(1) + " " + size.group(2)).isEqualTo(rows + " " + columns);
        assertThat(columns).isLessThan(100);

    }

    private void screenshot(FxRobot robot, String name) throws Exception {
        WritableImage[] shot = new WritableImage[1];
        robot.interact(() -> shot[0] = stage.getScene().snapshot(null));
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
