package dev.berth.app.gui.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.app.gui.fx.FxUiScheduler;
import dev.berth.app.workspace.ProjectInvocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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

/** The editor as a user drives it, headless: live validation, squiggles, problems, completion, navigation. */
@ExtendWith(ApplicationExtension.class)
class EditorViewTest {

    static final String COMPOSE = """
            services:
              web:
                image: berth-test/busybox:latest
                environment:
                  FOO: a
              db:
                image: berth-test/busybox:latest
                depends_on:
                  - web
            """;

    @TempDir
    static Path dir;

    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private EditorWindow window;
    private EditorViewModel model;

    @Start
    void start(Stage stage) throws Exception {
        Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        Path project = Files.createTempDirectory(dir, "p");
        Files.writeString(project.resolve("compose.yaml"), COMPOSE);
        model = new EditorViewModel(ProjectInvocation.ofPath(project.resolve("compose.yaml")), Map.of(), new FxUiScheduler(), background,
                new ValidationService(Duration.ofMillis(150)), new RecoveryStore(project.resolve("recovery")), Optional::empty);
        window = EditorWindow.show(stage, model);
        model.open();
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages();
        WaitForAsyncUtils.asyncFx(window::dispose).get();
        background.shutdownNow();
    }

    private CodeArea area(FxRobot robot) {
        await().atMost(Duration.ofSeconds(10)).until(() -> window.view().editor("compose.yaml").isPresent());
        await().atMost(Duration.ofSeconds(10)).until(() -> model.validationsProperty().get() > 0);
        CodeArea area = window.view().editor("compose.yaml").orElseThrow().area();
        robot.interact(area::requestFocus);
        return area;
    }

    private void waitForValidation(long before) {
        await().atMost(Duration.ofSeconds(10)).until(() -> model.validationsProperty().get() > before
                && !"Validating…".equals(model.statusProperty().get()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aTypoedKeyShowsASquiggleOnItsLineAndADidYouMeanProblemThatFixingClears(FxRobot robot) {
        CodeArea area = area(robot);
        assertThat(model.statusProperty().get()).isEqualTo("Valid");

        long before = model.validationsProperty().get();
        robot.interact(() -> area.moveTo(2, area.getParagraph(2).length()));
        robot.type(KeyCode.ENTER).write("helthcheck: {}");
        waitForValidation(before);

        assertThat(area.getParagraph(3).getText()).isEqualTo("    helthcheck: {}");
        assertThat(area.getStyleOfChar(3, 6)).contains("squiggle-error");
        assertThat(area.getStyleOfChar(2, 6)).doesNotContain("squiggle-error");
        assertThat(model.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.text()).contains("did you mean 'healthcheck'?");
        });
        assertThat(robot.lookup("#problems").queryListView().getItems()).hasSize(1);
        assertThat(model.statusProperty().get()).isEqualTo("1 error, 0 warnings");

        before = model.validationsProperty().get();
        robot.interact(() -> area.moveTo(3, 4 + "he".length()));
        robot.write("a");
        waitForValidation(before);

        assertThat(area.getParagraph(3).getText()).isEqualTo("    healthcheck: {}");
        assertThat(model.problems()).isEmpty();
        assertThat(area.getStyleOfChar(3, 6)).doesNotContain("squiggle-error");
        assertThat(model.statusProperty().get()).isEqualTo("Valid");
    }

    @Test
    void completionUnderAServiceOffersHealthcheck(FxRobot robot) {
        CodeArea area = area(robot);
        robot.interact(() -> area.moveTo(2, area.getParagraph(2).length()));
        robot.type(KeyCode.ENTER).write("heal");
        WaitForAsyncUtils.waitForFxEvents();

        CodeEditor editor = window.view().editor("compose.yaml").orElseThrow();
        assertThat(editor.isCompletionShowing()).isTrue();
        assertThat(editor.completionList().getItems()).extracting(CompletionItem::label).containsExactly("healthcheck");

        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(area.getParagraph(3).getText()).isEqualTo("    healthcheck: ");
        assertThat(editor.isCompletionShowing()).isFalse();
    }

    @Test
    void ctrlSpaceOffersOtherServicesInDependsOn(FxRobot robot) {
        CodeArea area = area(robot);
        robot.interact(() -> area.moveTo(8, area.getParagraph(8).length()));
        robot.type(KeyCode.ENTER).write("- ");
        robot.press(KeyCode.CONTROL).press(KeyCode.SPACE).release(KeyCode.SPACE).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        CodeEditor editor = window.view().editor("compose.yaml").orElseThrow();
        assertThat(editor.completionList().getItems()).extracting(CompletionItem::label).containsExactly("web");
    }

    @Test
    void enterIndentsAfterAKeyTabInsertsSpacesAndCtrlSlashTogglesComments(FxRobot robot) {
        CodeArea area = area(robot);
        robot.interact(() -> area.moveTo(3, area.getParagraph(3).length()));
        robot.type(KeyCode.ENTER);
        assertThat(area.getParagraph(4).getText()).isEqualTo("      ");
        robot.type(KeyCode.TAB);
        assertThat(area.getParagraph(4).getText()).isEqualTo("        ");

        robot.interact(() -> area.moveTo(2, 0));
        robot.press(KeyCode.CONTROL).press(KeyCode.SLASH).release(KeyCode.SLASH).release(KeyCode.CONTROL);
        assertThat(area.getParagraph(2).getText()).isEqualTo("    # image: berth-test/busybox:latest");
        robot.press(KeyCode.CONTROL).press(KeyCode.Z).release(KeyCode.Z).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(area.getParagraph(2).getText()).isEqualTo("    image: berth-test/busybox:latest");
        robot.press(KeyCode.CONTROL).press(KeyCode.SLASH).release(KeyCode.SLASH).release(KeyCode.CONTROL);
        robot.press(KeyCode.CONTROL).press(KeyCode.SLASH).release(KeyCode.SLASH).release(KeyCode.CONTROL);
        assertThat(area.getParagraph(2).getText()).isEqualTo("    image: berth-test/busybox:latest");
    }

    @Test
    void theOutlineFollowsTheCaretAndOpenServiceJumpsToTheDefinition(FxRobot robot) {
        CodeArea area = area(robot);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.view().outline().getRoot().getChildren()).extracting(i -> i.getValue().label()).containsExactly("services");
        assertThat(window.view().outline().getRoot().getChildren().getFirst().getChildren())
                .extracting(i -> i.getValue().label()).containsExactly("web", "db");

        robot.interact(() -> window.view().openService("db"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(area.getCurrentParagraph()).isEqualTo(5);
        assertThat(window.view().outline().getSelectionModel().getSelectedItem().getValue().label()).isEqualTo("db");

        robot.interact(() -> area.moveTo(2, 3));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.view().outline().getSelectionModel().getSelectedItem().getValue().label()).isEqualTo("web");
    }

    @Test
    void findAndGoToLine(FxRobot robot) {
        CodeArea area = area(robot);
        robot.press(KeyCode.CONTROL).press(KeyCode.L).release(KeyCode.L).release(KeyCode.CONTROL);
        robot.write("6").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(area.getCurrentParagraph()).isEqualTo(5);

        robot.press(KeyCode.CONTROL).press(KeyCode.F).release(KeyCode.F).release(KeyCode.CONTROL);
        robot.write("depends").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(area.getSelectedText()).isEqualTo("depends");
        assertThat(area.getCurrentParagraph()).isEqualTo(7);
    }

    @Test
    void closingWithUnsavedChangesAsksAndSaveWritesTheFile(FxRobot robot) throws Exception {
        CodeArea area = area(robot);
        robot.interact(() -> area.moveTo(0, 0));
        robot.write("# mine").type(KeyCode.ENTER);
        List<EditorWindow.CloseChoice> asked = new ArrayList<>();
        window.setUnsavedPrompt(() -> {
            asked.add(EditorWindow.CloseChoice.CANCEL);
            return EditorWindow.CloseChoice.CANCEL;
        });
        assertThat(robot.interact(() -> { }).targetWindow(window.stage())).isNotNull();
        boolean[] closed = new boolean[1];
        robot.interact(() -> closed[0] = window.confirmClose());
        assertThat(closed[0]).isFalse();
        assertThat(asked).hasSize(1);

        window.setUnsavedPrompt(() -> EditorWindow.CloseChoice.SAVE);
        robot.interact(() -> closed[0] = window.confirmClose());
        assertThat(closed[0]).isTrue();
        Path file = model.documents().getFirst().path();
        assertThat(Files.readString(file)).startsWith("# mine\nservices:");
    }

    @Test
    void theFirstCtrlSpacePopupHasTheFirstProposalSelectedAndEnterInsertsIt(FxRobot robot) {
        CodeArea area = area(robot);
        robot.interact(() -> area.moveTo(2, area.getParagraph(2).length()));
        robot.type(KeyCode.ENTER);
        robot.press(KeyCode.CONTROL).press(KeyCode.SPACE).release(KeyCode.SPACE).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();

        CodeEditor editor = window.view().editor("compose.yaml").orElseThrow();
        assertThat(editor.isCompletionShowing()).isTrue();
        CompletionItem first = editor.completionList().getItems().getFirst();
        assertThat(editor.completionList().getSelectionModel().getSelectedIndex()).isZero();
        assertThat(editor.completionList().getFocusModel().getFocusedIndex()).isZero();

        // Pressed again (or repeated by the keyboard) while the list shows: a ListView's own Ctrl+Space toggles
        // the focused row's selection, which left nothing selected for Enter.
        robot.press(KeyCode.CONTROL).press(KeyCode.SPACE).release(KeyCode.SPACE).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(editor.isCompletionShowing()).isTrue();
        assertThat(editor.completionList().getSelectionModel().getSelectedIndex()).isZero();

        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(area.getParagraph(3).getText()).isEqualTo("    " + first.insert());
    }

    @Test
    void completingAnExistingKeyDoesNotDoubleItsColon(FxRobot robot) {
        CodeArea area = area(robot);
        robot.interact(() -> {
            area.moveTo(2, area.getParagraph(2).length());
            area.insertText(area.getCaretPosition(), "\n    rest: on-failure");
            area.moveTo(3, "    rest".length());
        });
        robot.press(KeyCode.CONTROL).press(KeyCode.SPACE).release(KeyCode.SPACE).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        CodeEditor editor = window.view().editor("compose.yaml").orElseThrow();
        assertThat(editor.completionList().getItems()).extracting(CompletionItem::label).startsWith("restart");

        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(area.getParagraph(3).getText()).isEqualTo("    restart: on-failure");
        assertThat(area.getCaretColumn()).isEqualTo("    restart: ".length());
    }

    @Test
    void f1ListsTheEditorsKeysOverTheEditorAndEscapeGivesTheTextBackItsFocus(FxRobot robot) {
        CodeArea area = area(robot);
        assertThat(window.help().isVisible()).isFalse();

        robot.type(KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.help().isVisible()).isTrue();
        assertThat(window.help().rows()).extracting(row -> row.keys())
                .containsAll(EditorKeys.all().stream().map(key -> key.keysText()).toList())
                .contains("Ctrl+Space", "Ctrl+Enter", "Ctrl+S", "Ctrl+Click", "F1");
        assertThat(robot.lookup("Complete the key or value at the caret").tryQuery()).isPresent();
        assertThat(area.getText()).isEqualTo(COMPOSE); // F1 typed nothing

        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.help().isVisible()).isFalse();
        assertThat(area.isFocused()).isTrue();

        robot.type(KeyCode.F1);
        robot.type(KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.help().isVisible()).as("F1 again closes it").isFalse();
    }
}
