package dev.berth.app.gui.main;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.gui.BerthApplication;
import dev.berth.app.gui.editor.EditorWindow;
import dev.berth.app.gui.feed.EngineConnection;
import dev.berth.compose.ComposeLoader;
import dev.berth.compose.ProjectOptions;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.compose.ComposeEngine;
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
 * Ctrl+E on the real window and engine opens the selected project's own compose files: those it was opened
 * from, or, for a project started by another client, those its {@code config_files} label names; when
 * those are gone it says so instead of opening an empty file named after the sidebar's tag.
 */
@RequiresEngine
@ExtendWith(ApplicationExtension.class)
class EditComposeFilesIT {

    @TempDir
    static Path home;

    private final String project = "edit-it-" + UUID.randomUUID().toString().substring(0, 8);
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
        WaitForAsyncUtils.asyncFx(() -> {
            app.window().editorWindows().forEach(editor -> editor.stage().close());
            app.stop();
        }).get(10, TimeUnit.SECONDS);
        try (EngineClient client = client()) {
            new ComposeEngine(client).down(project, null, new DownOptions(true, DownOptions.RemoveImages.NONE, true, Duration.ZERO),
                    ProgressListener.NONE);
        }
    }

    @Test
    void ctrlEOpensTheFileAProjectWasOpenedFrom(FxRobot robot) throws Exception {
        Path dir = projectDir("opened");
        waitFor(15, this::connected);
        robot.interact(() -> app.window().opened(dir.toFile()));
        waitFor(15, () -> project.equals(selected()));

        EditorWindow editor = pressCtrlE(robot);

        assertThat(editor.view().model().documents()).extracting(d -> d.path()).containsExactly(dir.resolve("compose.yaml"));
        assertThat(text(editor)).isEqualTo(Files.readString(dir.resolve("compose.yaml")));
    }

    @Test
    void ctrlEOpensTheFilesOfAProjectStartedElsewhereFromItsLabels(FxRobot robot) throws Exception {
        Path dir = projectDir("outside");
        waitFor(15, this::connected);
        upElsewhere(dir);
        selectOnceListed(robot);

        EditorWindow editor = pressCtrlE(robot);

        assertThat(editor.view().model().documents()).extracting(d -> d.path()).containsExactly(dir.resolve("compose.yaml"));
        assertThat(text(editor)).isEqualTo(Files.readString(dir.resolve("compose.yaml")));
        assertThat(editor.stage().getTitle()).contains("compose.yaml");
    }

    @Test
    void ctrlESaysWhyWhenTheLabelledFilesAreGoneAndCreatesNothing(FxRobot robot) throws Exception {
        Path dir = projectDir("gone");
        waitFor(15, this::connected);
        upElsewhere(dir);
        Files.delete(dir.resolve("compose.yaml"));
        selectOnceListed(robot);

        robot.press(KeyCode.CONTROL, KeyCode.E).release(KeyCode.E, KeyCode.CONTROL);
        waitFor(10, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());

        DialogPane dialog = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertThat(dialog.getHeaderText()).isEqualTo("Cannot edit the compose files of " + project);
        assertThat(dialog.getContentText()).contains(dir.resolve("compose.yaml").toString()).contains("not readable");
        assertThat(app.window().editorWindows()).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).isEmpty();
        }
        robot.interact(() -> ((Stage) dialog.getScene().getWindow()).close());
    }

    private Path projectDir(String name) throws Exception {
        Path dir = Files.createDirectories(home.resolve(project + "-" + name));
        Files.writeString(dir.resolve("compose.yaml"), """
                # the project's own file
                name: %s
                services:
                  web:
                    image: %s
                    command: ["sleep", "3600"]
                """.formatted(project, TestEngine.BUSYBOX_IMAGE));
        return dir;
    }

    /** Up by another client (the orchestrator, not the window): the engine knows the files only from the labels. */
    private void upElsewhere(Path dir) {
        var definition = ComposeLoader.load(ProjectOptions.in(dir).withComposeFiles(List.of(dir.resolve("compose.yaml")))
                .withEnvironment(Map.of())).orThrow();
        try (EngineClient client = client()) {
            new ComposeEngine(client).up(definition, UpOptions.defaults(), ProgressListener.NONE);
        }
    }

    private void selectOnceListed(FxRobot robot) throws Exception {
        var projects = app.panes().projects();
        waitFor(20, () -> projects.projects().stream().anyMatch(p -> p.name().equals(project)));
        robot.interact(() -> projects.projects().stream().filter(p -> p.name().equals(project)).findFirst()
                .ifPresent(projects.selectedProperty()::set));
        robot.interact(() -> app.window().root().requestFocus());
    }

    private EditorWindow pressCtrlE(FxRobot robot) throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.E).release(KeyCode.E, KeyCode.CONTROL);
        waitFor(15, () -> app.window().editorWindows().size() == 1
                && !app.window().editorWindows().getFirst().view().model().documents().isEmpty());
        return app.window().editorWindows().getFirst();
    }

    private static String text(EditorWindow editor) {
        return editor.view().editors().getFirst().area().getText();
    }

    private boolean connected() {
        return app.panes().connectionProperty().get().kind() == EngineConnection.Kind.CONNECTED;
    }

    private String selected() {
        var selected = app.panes().projects().selectedProperty().get();
        return selected == null ? null : selected.name();
    }

    private static EngineClient client() {
        return EngineClient.connect(new EngineEndpoint.Unix(TestEngine.socket()));
    }

    private static void waitFor(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
    }
}
