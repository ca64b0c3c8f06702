package dev.berth.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.gui.feed.EngineConnection;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Found walking the window: the Project menu offered Build on a project where no service has a build section. */
@ExtendWith(ApplicationExtension.class)
class ProjectMenuTest {

    @TempDir
    static Path config;

    private BerthApplication app;

    @Start
    void start(Stage stage) {
        System.setProperty("berth.config.dir", config.toString());
        System.setProperty("berth.demo", "true");
        try {
            app = new BerthApplication(List.of(), Map.of());
            app.start(stage);
        } finally {
            System.clearProperty("berth.demo");
        }
        app.panes().connection(new EngineConnection(EngineConnection.Kind.CONNECTED, "Engine: demo", ""));
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(app::stop).get();
    }

    @Test
    void buildIsOfferedOnlyWhenAServiceHasABuildSection(FxRobot robot) throws Exception {
        // the sample project's services all run published images
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !app.panes().graph().nodes().isEmpty());
        Menu project = robot.lookup(".menu-bar").queryAs(MenuBar.class).getMenus().stream()
                .filter(m -> m.getText().equals("Project")).findFirst().orElseThrow();

        robot.interact(project::show);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(item(project, "Build").isDisable()).isTrue();
        assertThat(item(project, "Up").isDisable()).isFalse();
        assertThat(item(project, "Pull").isDisable()).isFalse();
        robot.interact(project::hide);
    }

    private static MenuItem item(Menu menu, String text) {
        return menu.getItems().stream().filter(i -> text.equals(i.getText())).findFirst().orElseThrow();
    }
}
