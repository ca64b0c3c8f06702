package dev.berth.app.gui.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.app.gui.fx.FxUiScheduler;
import dev.berth.app.workspace.ProjectInvocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A file longer than the window: it opens at its first line, and completion shows even where the caret was scrolled away. */
@ExtendWith(ApplicationExtension.class)
class EditorLongFileTest {

    @TempDir
    static Path dir;

    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private EditorWindow window;
    private EditorViewModel model;

    @Start
    void start(Stage stage) throws Exception {
        Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        StringBuilder yaml = new StringBuilder("services:\n");
        for (int i = 0; i < 60; i++) {
            yaml.append("  s").append(i).append(":\n    image: berth-test/busybox:latest\n");
        }
        Path project = Files.createTempDirectory(dir, "long");
        Files.writeString(project.resolve("compose.yaml"), yaml.toString());
        model = new EditorViewModel(ProjectInvocation.ofPath(project.resolve("compose.yaml")), Map.of(), new FxUiScheduler(), background,
                new ValidationService(Duration.ofMillis(50)), new RecoveryStore(project.resolve("recovery")), Optional::empty);
        window = EditorWindow.show(stage, model);
        model.open();
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages();
        WaitForAsyncUtils.asyncFx(window::dispose).get();
        background.shutdownNow();
    }

    private CodeArea area() {
        await().atMost(Duration.ofSeconds(10)).until(() -> window.view().editor("compose.yaml").isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        return window.view().editor("compose.yaml").orElseThrow().area();
    }

    @Test
    void opensScrolledToTheTopWithTheCaretOnLineOne() throws Exception {
        CodeArea area = area();
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        int first = WaitForAsyncUtils.asyncFx(() -> area.firstVisibleParToAllParIndex()).get();
        assertThat(first).isZero();
        assertThat(area.getCurrentParagraph()).isZero();
        assertThat(area.getCaretColumn()).isZero();
    }

    @Test
    void ctrlSpaceWithTheCaretScrolledOutOfViewBringsItBackAndShowsTheList(FxRobot robot) {
        CodeArea area = area();
        robot.interact(() -> {
            area.requestFocus();
            area.showParagraphAtTop(100);
            area.moveTo(1, area.getParagraph(1).length());
            area.insertText(area.getCaretPosition(), "\n    ");
        });
        robot.press(KeyCode.CONTROL).press(KeyCode.SPACE).release(KeyCode.SPACE).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(window.view().editor("compose.yaml").orElseThrow().isCompletionShowing()).isTrue();
        assertThat(area.getCaretBoundsOnScreen(area.getCaretSelectionBind().getUnderlyingCaret())).isPresent();
    }
}
