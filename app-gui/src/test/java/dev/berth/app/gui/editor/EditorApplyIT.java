package dev.berth.app.gui.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.app.gui.fx.FxUiScheduler;
import dev.berth.app.workspace.ProjectInvocation;
import dev.berth.compose.ComposeLoader;
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
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Apply on the real engine: a running project, an environment value changed in the editor, Ctrl+Enter
 * previews "recreate web: environment.FOO a → b"; saving without Up shows drift; Run Up recreates the
 * container and the drift goes away. Only this test's project (a unique name) is touched.
 */
@RequiresEngine
@ExtendWith(ApplicationExtension.class)
class EditorApplyIT {

    private final String name = "editorit" + UUID.randomUUID().toString().substring(0, 8);
    private final EngineClient client = EngineClient.connect(new EngineEndpoint.Unix(TestEngine.socket()));
    private final ComposeEngine compose = new ComposeEngine(client);
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private EditorWindow window;
    private EditorViewModel model;

    @Start
    void start(Stage stage) throws Exception {
        Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        Path dir = Files.createTempDirectory("berth-editor-it");
        Path file = dir.resolve("compose.yaml");
        Files.writeString(file, """
                services:
                  web:
                    image: %s
                    command: ["sleep", "3600"]
                    environment:
                      FOO: a
                """.formatted(TestEngine.BUSYBOX_IMAGE));
        ProjectInvocation invocation = new ProjectInvocation(List.of(file), List.of(), List.of(), dir, name);
        compose.up(ComposeLoader.load(invocation.toOptions(Map.of())).orThrow(), UpOptions.defaults(), ProgressListener.NONE);

        model = new EditorViewModel(invocation, Map.of(), new FxUiScheduler(), background, new ValidationService(Duration.ofMillis(150)),
                new RecoveryStore(dir.resolve("recovery")), () -> Optional.of(compose));
        window = EditorWindow.show(stage, model);
        model.open();
    }

    @AfterEach
    void cleanUp() throws Exception {
        try {
            WaitForAsyncUtils.asyncFx(window::dispose).get();
            compose.down(name, null, new DownOptions(true, DownOptions.RemoveImages.NONE, true, Duration.ofSeconds(1)), ProgressListener.NONE);
        } finally {
            background.shutdownNow();
            client.close();
        }
    }

    @Test
    void applyPreviewsTheChangedEnvironmentValueThenUpRecreatesTheContainer(FxRobot robot) throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> window.view().editor("compose.yaml").isPresent()
                && model.validationsProperty().get() > 0);
        CodeArea area = window.view().editor("compose.yaml").orElseThrow().area();
        robot.interact(() -> {
            area.requestFocus();
            area.moveTo(5, area.getParagraph(5).length());
        });
        robot.type(KeyCode.BACK_SPACE).write("b");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(area.getParagraph(5).getText()).isEqualTo("      FOO: b");

        robot.press(KeyCode.CONTROL).press(KeyCode.ENTER).release(KeyCode.ENTER).release(KeyCode.CONTROL);
        await().atMost(Duration.ofSeconds(30)).until(() -> robot.lookup("#plan-row-web").tryQuery().isPresent());
        List<String> texts = robot.lookup("#plan-row-web").lookup(".label").queryAllAs(Label.class).stream().map(Label::getText).toList();
        assertThat(String.join(" ", texts)).isEqualTo("recreate web environment.FOO a → b");
        assertThat(window.view().model().preview().get().render()).contains("recreate web: environment.FOO a → b");

        // Saved but not applied: the running container no longer matches the file.
        model.save(model.documents().getFirst()).get();
        await().atMost(Duration.ofSeconds(30)).until(() -> model.driftProperty().get() != null);
        assertThat(model.driftProperty().get()).contains("web");

        robot.clickOn("#run-up");
        await().atMost(Duration.ofSeconds(60)).until(() -> "Up done".equals(model.statusProperty().get()));
        await().atMost(Duration.ofSeconds(30)).until(() -> model.driftProperty().get() == null);
        assertThat(model.preview().get().render()).contains("unchanged web");
    }

    @Test
    void runUpFromThePreviewSavesTheBufferFirstSoTheFileMatchesTheContainers(FxRobot robot) throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> window.view().editor("compose.yaml").isPresent()
                && model.validationsProperty().get() > 0);
        CodeArea area = window.view().editor("compose.yaml").orElseThrow().area();
        robot.interact(() -> {
            area.requestFocus();
            area.moveTo(5, area.getParagraph(5).length());
        });
        robot.type(KeyCode.BACK_SPACE).write("c");
        robot.press(KeyCode.CONTROL).press(KeyCode.ENTER).release(KeyCode.ENTER).release(KeyCode.CONTROL);
        await().atMost(Duration.ofSeconds(30)).until(() -> robot.lookup("#run-up").tryQuery().isPresent());
        assertThat(robot.lookup("#run-up").queryButton().getText()).isEqualTo("Save and run Up");
        assertThat(robot.lookup("#save-first-note").queryAs(Label.class).getText()).startsWith("Saves compose.yaml first");

        robot.clickOn("#run-up");
        await().atMost(Duration.ofSeconds(60)).until(() -> "Up done".equals(model.statusProperty().get()));

        Path file = model.documents().getFirst().path();
        assertThat(Files.readString(file)).isEqualTo(WaitForAsyncUtils.asyncFx(() -> area.getText()).get()).contains("FOO: c");
        assertThat(model.hasUnsavedChanges()).isFalse();
        assertThat(client.containers().inspect(name + "-web-1").config().env()).contains("FOO=c");
        await().atMost(Duration.ofSeconds(30)).until(() -> model.driftProperty().get() == null);
    }
}
