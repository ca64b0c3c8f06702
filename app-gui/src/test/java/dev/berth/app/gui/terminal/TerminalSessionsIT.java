package dev.berth.app.gui.terminal;

import static dev.berth.app.gui.terminal.TerminalDriver.await;
import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import dev.berth.app.gui.fx.FxUiScheduler;
import dev.berth.engine.api.ContainersApi;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.api.Filters;
import dev.berth.engine.api.ImagesApi;
import dev.berth.engine.api.Progress;
import dev.berth.engine.api.model.ContainerConfig;
import dev.berth.engine.api.model.ContainerCreateRequest;
import dev.berth.engine.api.model.HostConfig;
import dev.berth.testkit.RequiresEngine;
import dev.berth.testkit.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javafx.application.Application;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.TabPane;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 20 item 1 on the real engine: "Open shell" picks bash or falls back to sh, "Attach" reaches the main
 * process and detaching leaves the container running, copy and paste go through JavaFX's clipboard.
 */
@RequiresEngine
@ExtendWith(ApplicationExtension.class)
class TerminalSessionsIT {

    private final String run = "terms-" + UUID.randomUUID().toString().substring(0, 8);
    private final EngineClient engine = EngineClient.connect(new EngineEndpoint.Unix(TestEngine.socket()));
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private final List<TerminalTab> tabs = new ArrayList<>();
    private final List<String> images = new ArrayList<>();
    private TabPane pane;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        pane = new TabPane();
        stage.setScene(new Scene(pane, 900, 520));
        stage.show();
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (TerminalTab tab : tabs) {
            WaitForAsyncUtils.asyncFx(tab::close).get(10, TimeUnit.SECONDS);
        }
        for (var c : engine.containers().list(ContainersApi.ListOptions.allContainers().withFilters(Filters.none().label("berth.test=" + run)))) {
            engine.containers().remove(c.id(), true, false);
        }
        for (String image : images) {
            engine.images().remove(image, true, false);
        }
        background.shutdownNow();
        engine.close();
    }

    private String container(String image, ContainerConfig.Builder config) {
        String id = engine.containers().create(run + "-" + tabs.size() + "-" + UUID.randomUUID().toString().substring(0, 4),
                ContainerCreateRequest.builder().config(config.image(image).labels(Map.of("berth.test", run)).build())
                        .hostConfig(HostConfig.builder().build()).build()).id();
        engine.containers().start(id);
        return id;
    }

    private TerminalTab open(FxRobot robot, String container, String name, TerminalTarget target) {
        TerminalTab[] opened = new TerminalTab[1];
        robot.interact(() -> {
            opened[0] = TerminalTab.open(() -> engine, container, name, target, new FxUiScheduler(), background);
            pane.getTabs().add(opened[0]);
            pane.getSelectionModel().select(opened[0]);
        });
        tabs.add(opened[0]);
        return opened[0];
    }

    private boolean running(String container) {
        return Boolean.TRUE.equals(engine.containers().inspect(container).state().running());
    }

    @Test
    void openShellFallsBackToShWhereThereIsNoBash(FxRobot robot) throws Exception {
        String container = container(TestEngine.BUSYBOX_IMAGE, ContainerConfig.builder().cmd(List.of("sleep", "300")));
        TerminalTab tab = open(robot, container, "busybox", TerminalTarget.shell());
        TerminalDriver terminal = new TerminalDriver(tab);
        await(() -> tab.connector() != null && terminal.screen().contains("/ #"));
        assertThat(tab.command()).containsExactly("sh");
        assertThat(tab.status()).contains("sh in busybox (no bash in the container)");
        terminal.typeLine(robot, "echo $((6*7)) $0");
        await(() -> Pattern.compile("(?m)^42 sh\\s*$").matcher(terminal.screen()).find());
        TerminalDriver.screenshot(robot, stage.getScene(), "terminal-sh-fallback");
    }

    /**
     * An image whose {@code bash} is a stand-in (busybox has no bash applet, and no registry is reachable to pull
     * a real one): a script that marks its prompt and runs busybox's shell. The probe and the terminal run it as
     * they would run bash; {@code $BERTH_BASH} in the answer shows the terminal runs it and not sh.
     */
    @Test
    void openShellRunsBashWhenTheContainerHasIt(FxRobot robot, @TempDir Path context) throws Exception {
        String image = "berth-test/fake-bash:" + run;
        Files.writeString(context.resolve("bash"), "#!/bin/sh\nexport BERTH_BASH=yes PS1='bash-5.2# '\nexec /bin/sh \"$@\"\n");
        Files.writeString(context.resolve("Dockerfile"), "FROM " + TestEngine.BUSYBOX_IMAGE + "\nCOPY bash /bin/bash\n"
                + "RUN chmod 755 /bin/bash\nLABEL berth.test=" + run + "\n");
        images.add(image);
        Progress.await(engine.images().build(ImagesApi.BuildOptions.of(context, image)), "build", m -> { });
        String container = container(image, ContainerConfig.builder().cmd(List.of("sleep", "300")));

        TerminalTab tab = open(robot, container, "with-bash", TerminalTarget.shell());
        TerminalDriver terminal = new TerminalDriver(tab);
        await(() -> tab.connector() != null && terminal.screen().contains("bash-5.2#"));
        assertThat(tab.command()).containsExactly("bash");
        assertThat(tab.status()).startsWith("bash in with-bash — TTY");
        terminal.typeLine(robot, "echo bash=$BERTH_BASH");
        await(() -> Pattern.compile("(?m)^bash=yes\\s*$").matcher(terminal.screen()).find());
        TerminalDriver.screenshot(robot, stage.getScene(), "terminal-bash");

        // "Open shell with…": exactly the command given, here sh in the same container.
        TerminalTab sh = open(robot, container, "with-bash", TerminalTarget.command(ShellChoice.words("sh -c 'echo chosen-$((1+1)); exec sh'")));
        TerminalDriver second = new TerminalDriver(sh);
        await(() -> sh.connector() != null && Pattern.compile("(?m)^chosen-2\\s*$").matcher(second.screen()).find());
        assertThat(sh.command()).containsExactly("sh", "-c", "echo chosen-$((1+1)); exec sh");
    }

    @Test
    void attachReachesTheMainProcessAndDetachingLeavesTheContainerRunning(FxRobot robot) throws Exception {
        String container = container(TestEngine.BUSYBOX_IMAGE, ContainerConfig.builder().cmd(List.of("sh")).tty(true).openStdin(true));
        TerminalTab tab = open(robot, container, "main", TerminalTarget.attach());
        TerminalDriver terminal = new TerminalDriver(tab);
        await(() -> tab.connector() != null);
        assertThat(tab.getText()).isEqualTo("main (attach)");
        assertThat(tab.status()).startsWith("Attached to the main process of main — TTY");
        terminal.typeLine(robot, "echo $((6*7))");
        try {
            await(() -> Pattern.compile("(?m)^42\\s*$").matcher(terminal.screen()).find());
        } finally {
            System.out.println("attach screen:\n" + terminal.screen());
        }
        terminal.typeLine(robot, "echo pid=$$");
        await(() -> Pattern.compile("(?m)^pid=1\\s*$").matcher(terminal.screen()).find()); // the main process itself
        TerminalDriver.screenshot(robot, stage.getScene(), "terminal-attach");

        robot.interact(tab::close);
        Thread.sleep(1500); // a detach that ended the process would show by now
        assertThat(running(container)).as("the container still runs after the tab closed").isTrue();
        // And the same shell is still there: a second attach reads what it answers.
        TerminalTab again = open(robot, container, "main", TerminalTarget.attach());
        TerminalDriver second = new TerminalDriver(again);
        await(() -> again.connector() != null);
        second.typeLine(robot, "echo again-$((2*21))");
        await(() -> Pattern.compile("(?m)^again-42\\s*$").matcher(second.screen()).find());
    }

    @Test
    void attachToAContainerWithoutTtyShowsItsOutputLineByLine(FxRobot robot) throws Exception {
        String container = container(TestEngine.BUSYBOX_IMAGE, ContainerConfig.builder()
                .cmd(List.of("sh", "-c", "i=0; while true; do echo line-$i; i=$((i+1)); sleep 0.2; done")));
        TerminalTab tab = open(robot, container, "plain", TerminalTarget.attach());
        TerminalDriver terminal = new TerminalDriver(tab);
        await(() -> tab.connector() != null && Pattern.compile("(?m)^line-\\d+\\s*\\n^line-\\d+").matcher(terminal.screen()).find());
        assertThat(tab.status()).contains("no TTY, no stdin: output only");
        assertThat(tab.connector().acceptsInput()).isFalse();
        robot.interact(tab::close);
        Thread.sleep(500);
        assertThat(running(container)).isTrue();
    }

    @Test
    void copyAndPasteGoThroughJavaFxsClipboard(FxRobot robot) throws Exception {
        String container = container(TestEngine.BUSYBOX_IMAGE, ContainerConfig.builder().cmd(List.of("sleep", "300")));
        TerminalTab tab = open(robot, container, "clip", TerminalTarget.shell());
        TerminalDriver terminal = new TerminalDriver(tab);
        await(() -> tab.connector() != null && terminal.screen().contains("/ #"));
        terminal.typeLine(robot, "echo copy-me-$((40+2))");
        await(() -> Pattern.compile("(?m)^copy-me-42\\s*$").matcher(terminal.screen()).find());

        // Select the answer's line with the mouse, as a user drags across it.
        List<String> lines = terminal.screen().lines().toList();
        int row = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("copy-me-42")) {
                row = i;
            }
        }
        assertThat(row).isGreaterThanOrEqualTo(0);
        Canvas canvas = (Canvas) tab.keyTarget();
        int columns = tab.widget().getTerminalTextBuffer().getWidth();
        int rows = tab.widget().getTerminalTextBuffer().getHeight();
        Bounds screenBounds = WaitForAsyncUtils.asyncFx(() -> canvas.localToScreen(canvas.getBoundsInLocal())).get();
        double cellWidth = screenBounds.getWidth() / columns;
        double cellHeight = screenBounds.getHeight() / rows;
        double y = screenBounds.getMinY() + (row + 0.5) * cellHeight;
        robot.moveTo(new Point2D(screenBounds.getMinX() + 0.3 * cellWidth, y));
        robot.press(MouseButton.PRIMARY);
        robot.moveTo(new Point2D(screenBounds.getMinX() + 5.5 * cellWidth, y));
        robot.moveTo(new Point2D(screenBounds.getMinX() + 9.6 * cellWidth, y));
        robot.release(MouseButton.PRIMARY);
        robot.interact(() -> {
            ClipboardContent empty = new ClipboardContent();
            empty.putString("nothing copied");
            Clipboard.getSystemClipboard().setContent(empty);
        });
        Node target = tab.keyTarget();
        robot.interact(() -> TerminalDriver.chord(target, KeyCode.C, true, true)); // Ctrl+Shift+C
        String copied = WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()).get();
        assertThat(copied).isEqualTo("copy-me-42");

        // Paste: the clipboard's text typed into the shell, which runs it.
        robot.interact(() -> {
            ClipboardContent content = new ClipboardContent();
            content.putString("echo pasted-$((5*5))");
            Clipboard.getSystemClipboard().setContent(content);
        });
        robot.interact(() -> TerminalDriver.chord(target, KeyCode.V, true, true)); // Ctrl+Shift+V
        await(() -> terminal.screen().contains("/ # echo pasted-$((5*5))"));
        robot.interact(() -> TerminalDriver.pressEnter(target));
        await(() -> Pattern.compile("(?m)^pasted-25\\s*$").matcher(terminal.screen()).find());
    }
}
