package dev.berth.app.gui;

import dev.berth.app.gui.editor.EditorWindow;
import dev.berth.app.gui.engine.TestProjects;
import dev.berth.app.gui.feed.EngineConnection;
import dev.berth.app.gui.graph.GraphNodeModel;
import dev.berth.app.gui.graph.ServiceState;
import dev.berth.app.gui.main.ProjectPanes;
import dev.berth.testkit.RequiresEngine;
import dev.berth.testkit.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.MenuButton;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A walk through the window as a new user, keyboard first, with screenshots of the whole X screen (popups,
 * menus and dialogs included) to look at: focus on the toolbar and the cards, a card's menu from the
 * keyboard, F1, Ctrl+E, completion, Apply, the down-with-volumes question, small and large windows. Runs
 * only when {@code berth.walk} names the output folder, under Xvfb with the glass robot:
 * {@code xvfb-run -a -s "-screen 0 1440x900x24" ./mvnw -o -q -pl app-gui -am verify -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=WindowWalkIT -Dfailsafe.failIfNoSpecifiedTests=false
 * -Dheadless.fx="-Dprism.order=sw -Dtestfx.robot=glass" -Dberth.walk=/tmp/walk}.
 */
@RequiresEngine
@EnabledIfSystemProperty(named = "berth.walk", matches = ".+")
@ExtendWith(ApplicationExtension.class)
class WindowWalkIT {

    @TempDir
    static Path home;

    private final String project = "walk-" + UUID.randomUUID().toString().substring(0, 6);
    private final Path out = Path.of(System.getProperty("berth.walk", "target/walk")).toAbsolutePath();
    private BerthApplication app;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        System.setProperty("berth.config.dir", home.resolve("config").toString());
        System.setProperty("berth.host", "unix://" + TestEngine.socket());
        System.setProperty("berth.theme", System.getProperty("berth.walk.theme", "light"));
        app = new BerthApplication();
        app.start(stage);
        stage.setWidth(1280);
        stage.setHeight(800);
        stage.setX(0);
        stage.setY(0);
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            app.window().editorWindows().forEach(editor -> editor.stage().close());
            app.stop();
        }).get(10, TimeUnit.SECONDS);
        TestProjects.remove(project);
    }

    @Test
    void walksTheWindow(FxRobot robot) throws Exception {
        Files.createDirectories(out);
        Path dir = TestProjects.sample(home, project);
        ProjectPanes panes = app.panes();
        waitFor(20, () -> panes.connectionProperty().get().kind() == EngineConnection.Kind.CONNECTED);
        robot.interact(() -> app.window().opened(dir.resolve("compose.yaml").toFile()));
        waitFor(20, () -> panes.graph().node("api").isPresent());
        robot.press(KeyCode.F5).release(KeyCode.F5);
        waitFor(120, () -> state(panes, "api") == ServiceState.Kind.HEALTHY && state(panes, "migrate") == ServiceState.Kind.EXITED);
        Thread.sleep(3_000);
        shoot("01-main");

        // Keyboard: from the toolbar's Open button onwards.
        robot.interact(() -> robot.lookup(".tool-bar .button").queryButton().requestFocus());
        shoot("02-focus-open-button");
        robot.type(KeyCode.TAB);
        shoot("03-focus-next");
        for (int i = 0; i < 30 && !(stage.getScene().getFocusOwner() != null
                && stage.getScene().getFocusOwner().getStyleClass().contains("graph-node")); i++) {
            robot.type(KeyCode.TAB);
        }
        shoot("04-focus-card");
        robot.type(KeyCode.ENTER);
        shoot("05-card-menu");
        robot.type(KeyCode.ESCAPE);

        robot.type(KeyCode.F1);
        shoot("06-help");
        robot.type(KeyCode.ESCAPE);

        // The editor, opened with Ctrl+E.
        robot.interact(() -> app.window().root().requestFocus());
        robot.press(KeyCode.CONTROL, KeyCode.E).release(KeyCode.E, KeyCode.CONTROL);
        waitFor(20, () -> app.window().editorWindows().size() == 1 && !app.window().editorWindows().getFirst().view().editors().isEmpty());
        EditorWindow editor = app.window().editorWindows().getFirst();
        robot.interact(() -> {
            editor.stage().setX(0);
            editor.stage().setY(0);
        });
        Thread.sleep(1_500);
        shoot("07-editor-opened");
        var area = editor.view().editors().getFirst().area();
        robot.interact(() -> {
            area.requestFocus();
            area.moveTo(4, area.getParagraph(4).length());
        });
        robot.type(KeyCode.ENTER);
        robot.press(KeyCode.CONTROL, KeyCode.SPACE).release(KeyCode.SPACE, KeyCode.CONTROL);
        shoot("08-completion");
        robot.type(KeyCode.ESCAPE);
        robot.interact(() -> area.replaceText(area.getText().replace("sleep 1.3", "sleep 1.4")));
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        waitFor(30, () -> robot.lookup("#run-up").tryQuery().isPresent());
        shoot("09-apply-preview");
        robot.type(KeyCode.ESCAPE);
        robot.interact(() -> editor.view().model().documents().forEach(editor.view().model()::discard));
        robot.interact(() -> editor.stage().close());

        // Down and remove volumes: the question, answered with Escape.
        MenuButton more = robot.lookup(".menu-button").match((MenuButton m) -> m.getTooltip() != null
                && m.getTooltip().getText().equals("More project actions")).queryAs(MenuButton.class);
        robot.interact(() -> stage.toFront());
        robot.clickOn(more);
        shoot("09b-more-menu");
        robot.clickOn("Down and remove volumes…");
        waitFor(60, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        shoot("10-down-volumes");
        robot.type(KeyCode.ESCAPE);
        waitFor(10, () -> robot.lookup(".dialog-pane").tryQuery().isEmpty());

        // A port link on a desktop without a URL handler (this machine has no xdg-open).
        robot.interact(() -> robot.lookup("#detail-tabs").queryAs(TabPane.class).getSelectionModel().select(4));
        Thread.sleep(1_000);
        shoot("10a-containers");
        if (robot.lookup(".table-view .hyperlink").tryQuery().isPresent()) {
            robot.clickOn(robot.lookup(".table-view .hyperlink").queryAs(Hyperlink.class));
        } else { // the row with the port is scrolled away: the same action the link runs
            robot.interact(() -> panes.containers().rows().stream().flatMap(r -> r.ports().stream()).filter(p -> p.isWebLink())
                    .findFirst().ifPresent(panes.containers()::open));
        }
        waitFor(20, () -> robot.lookup("#address-to-copy").tryQuery().isPresent());
        shoot("10b-port-link-no-handler");
        robot.clickOn("#copy-address");
        robot.type(KeyCode.ESCAPE);
        robot.interact(() -> robot.lookup("#detail-tabs").queryAs(TabPane.class).getSelectionModel().select(0));

        // The service filter chip in the light theme, the resource tabs' words.
        robot.interact(() -> panes.graph().select("api"));
        shoot("10c-logs-filter-chip");
        robot.interact(() -> robot.lookup("#resources-tabs").queryAs(TabPane.class).getSelectionModel().select(1));
        Thread.sleep(2_000);
        shoot("10d-volumes");
        robot.interact(() -> robot.lookup("#resources-tabs").queryAs(TabPane.class).getSelectionModel().select(2));
        Thread.sleep(2_000);
        shoot("10e-networks");
        robot.interact(() -> robot.lookup("#resources-tabs").queryAs(TabPane.class).getSelectionModel().select(0));

        // Small, then large again.
        robot.interact(() -> {
            stage.setWidth(800);
            stage.setHeight(600);
        });
        shoot("11-800x600");
        robot.interact(() -> {
            stage.setWidth(1280);
            stage.setHeight(800);
        });
        shoot("12-1280x800-again");
    }

    private static ServiceState.Kind state(ProjectPanes panes, String service) {
        return panes.graph().node(service).map(GraphNodeModel::stateProperty).map(p -> p.get().kind()).orElse(ServiceState.Kind.NOT_CREATED);
    }

    /** The whole X screen (popups, menus and dialogs are windows of their own), after the window settled. */
    private void shoot(String name) throws Exception {
        Thread.sleep(1_200);
        WaitForAsyncUtils.waitForFxEvents();
        Path file = out.resolve(name + ".png");
        Process shot = new ProcessBuilder("import", "-window", "root", "-crop", "1300x820+0+0", file.toString()).inheritIO().start();
        if (!shot.waitFor(20, TimeUnit.SECONDS) || shot.exitValue() != 0) {
            throw new IllegalStateException("import failed for " + file);
        }
        System.out.println("screenshot: " + file);
    }

    private static void waitFor(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get(5, TimeUnit.SECONDS));
    }
}
