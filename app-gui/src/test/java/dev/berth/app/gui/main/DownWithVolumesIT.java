package dev.berth.app.gui.main;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.gui.BerthApplication;
import dev.berth.app.gui.feed.EngineConnection;
import dev.berth.compose.ComposeLoader;
import dev.berth.compose.ProjectOptions;
import dev.berth.engine.api.ContainersApi.ListOptions;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.api.Filters;
import dev.berth.engine.compose.ComposeEngine;
import dev.berth.engine.compose.ComposeLabels;
import dev.berth.engine.compose.DownOptions;
import dev.berth.engine.compose.UpOptions;
import dev.berth.engine.compose.progress.ProgressListener;
import dev.berth.testkit.RequiresEngine;
import dev.berth.testkit.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.input.KeyCode;
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
 * "Down and remove volumes…" on the real window and engine: the question names the project's volume and its
 * size, Enter answers Cancel and removes nothing, and only the explicit button deletes the volume.
 */
@RequiresEngine
@ExtendWith(ApplicationExtension.class)
class DownWithVolumesIT {

    @TempDir
    static Path home;

    private final String project = "downv-it-" + UUID.randomUUID().toString().substring(0, 8);
    private BerthApplication app;

    @Start
    void start(Stage stage) {
        System.setProperty("berth.config.dir", home.resolve("config").toString());
        System.setProperty("berth.host", "unix://" + TestEngine.socket());
        app = new BerthApplication();
        app.start(stage);
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(app::stop).get(10, TimeUnit.SECONDS);
        try (EngineClient client = client()) {
            new ComposeEngine(client).down(project, null, new DownOptions(true, DownOptions.RemoveImages.NONE, true, Duration.ZERO),
                    ProgressListener.NONE);
        }
    }

    @Test
    void enterOnTheQuestionRemovesNothingAndTheButtonRemovesTheNamedVolume(FxRobot robot) throws Exception {
        Path dir = Files.createDirectories(home.resolve(project));
        Files.writeString(dir.resolve("compose.yaml"), """
                name: %s
                services:
                  db:
                    image: %s
                    command: ["sh", "-c", "echo precious > /data/file; sleep 3600"]
                    volumes: ["data:/data"]
                volumes:
                  data: {}
                """.formatted(project, TestEngine.BUSYBOX_IMAGE));
        waitFor(15, () -> app.panes().connectionProperty().get().kind() == EngineConnection.Kind.CONNECTED);
        var definition = ComposeLoader.load(ProjectOptions.in(dir).withComposeFiles(List.of(dir.resolve("compose.yaml")))
                .withEnvironment(Map.of())).orThrow();
        try (EngineClient client = client()) {
            new ComposeEngine(client).up(definition, UpOptions.defaults(), ProgressListener.NONE);
        }
        robot.interact(() -> app.window().opened(dir.toFile()));
        waitFor(20, () -> app.panes().projects().selectedProperty().get() != null
                && project.equals(app.panes().projects().selectedProperty().get().name()));
        String volume = project + "_data";
        assertThat(volumeExists(volume)).isTrue();

        openDownWithVolumes(robot);
        DialogPane dialog = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertThat(dialog.getHeaderText()).isEqualTo("Remove " + project + " and its volumes?");
        String message = robot.from(dialog).lookup(".label").queryAllAs(Label.class).stream()
                .map(Label::getText).filter(t -> t != null && t.contains("cannot be undone")).findFirst().orElseThrow();
        assertThat(message).contains("deletes its volume with all the data in it").containsPattern(volume + " {4}\\d+(\\.\\d)? (B|KiB)");

        robot.type(KeyCode.ENTER);
        waitFor(5, () -> robot.lookup(".dialog-pane").tryQuery().isEmpty());
        Thread.sleep(1500); // a down that wrongly started would have removed the container by now
        assertThat(volumeExists(volume)).isTrue();
        assertThat(containers()).isEqualTo(1);

        openDownWithVolumes(robot);
        robot.clickOn("Remove volumes");
        waitFor(60, () -> !volumeExists(volume) && containers() == 0);
    }

    private void openDownWithVolumes(FxRobot robot) throws Exception {
        MenuButton more = robot.lookup(".menu-button").match((MenuButton m) -> m.getTooltip() != null
                && m.getTooltip().getText().equals("More project actions")).queryAs(MenuButton.class);
        waitFor(10, () -> !more.isDisabled());
        robot.clickOn(more);
        robot.clickOn("Down and remove volumes…");
        waitFor(15, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
    }

    private boolean volumeExists(String name) {
        try (EngineClient client = client()) {
            return client.volumes().list(Filters.none()).stream().anyMatch(v -> v.name().equals(name));
        }
    }

    private int containers() {
        try (EngineClient client = client()) {
            return client.containers().list(ListOptions.allContainers().withFilters(Filters.none().label(ComposeLabels.projectFilter(project)))).size();
        }
    }

    private static EngineClient client() {
        return EngineClient.connect(new EngineEndpoint.Unix(TestEngine.socket()));
    }

    private static void waitFor(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
    }
}
