package dev.berth.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.app.gui.BerthApplication;
import dev.berth.app.gui.engine.TestProjects;
import dev.berth.app.gui.feed.EngineConnection;
import dev.berth.app.gui.main.ProjectPanes;
import dev.berth.testkit.RequiresEngine;
import dev.berth.testkit.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.stage.Window;
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
 * Fault 11, the window's half of the credentials: Up in the GUI on an image of an htpasswd registry (see
 * {@link AuthRegistry}) with a wrong password in {@code config.json} ({@code berth.docker.config} names the folder,
 * as {@code docker --config}). The failure dialog says the registry refused; no text of any open window (the dialog's
 * header, content and details, the main window) holds the password, {@code user:password} in base64 or the
 * {@code X-Registry-Auth} value.
 */
@RequiresEngine
@ExtendWith(ApplicationExtension.class)
class RegistryCredentialsGuiIT {

    private static final String SECRET = "s3cr3t-" + UUID.randomUUID().toString().substring(0, 12);
    private static final String WRONG = "wr0ng-" + UUID.randomUUID().toString().substring(0, 12);

    @TempDir
    static Path home;

    private final String project = "gui-creds-" + UUID.randomUUID().toString().substring(0, 8);
    private BerthApplication app;
    private static AuthRegistry registry;

    /** Off the FX thread: starting the registry and pushing to it takes longer than TestFX gives a @Start. */
    @BeforeAll
    static void startRegistry() throws Exception {
        assumeTrue(Files.isExecutable(AuthRegistry.BINARY) || TestEngine.underCi(), "docker-registry is not installed");
        registry = new AuthRegistry(Files.createDirectories(home.resolve("registry")), RegistryCredentialsIT.USER, SECRET);
        Path config = Files.createDirectories(home.resolve("docker-config"));
        Files.writeString(config.resolve("config.json"), "{\"auths\": {\"%s\": {\"auth\": \"%s\"}}}"
                .formatted(registry.address(), basic(WRONG)));
        System.setProperty("berth.docker.config", config.toString());
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        System.clearProperty("berth.docker.config");
        if (registry != null) {
            registry.close();
        }
    }

    @Start
    void start(Stage stage) {
        System.setProperty("berth.config.dir", home.resolve("config").toString());
        System.setProperty("berth.host", "unix://" + TestEngine.socket());
        app = new BerthApplication();
        app.start(stage);
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            WaitForAsyncUtils.asyncFx(app::stop).get(10, TimeUnit.SECONDS);
        }
        TestProjects.remove(project);
    }

    @Test
    void aRefusedPullIsShownWithoutTheCredentials(FxRobot robot) throws Exception {
        Path dir = Files.createDirectories(home.resolve(project));
        Files.writeString(dir.resolve("compose.yaml"), """
                name: %s
                services:
                  app:
                    image: %s
                    command: ["sleep", "3600"]
                """.formatted(project, registry.image()));
        ProjectPanes panes = app.panes();
        waitFor(15, () -> panes.connectionProperty().get().kind() == EngineConnection.Kind.CONNECTED);
        robot.interact(() -> app.window().opened(dir.toFile()));
        waitFor(15, () -> {
            var selected = panes.projects().selectedProperty().get();
            return selected != null && project.equals(selected.name()) && panes.graph().node("app").isPresent();
        });

        robot.press(KeyCode.F5).release(KeyCode.F5);

        waitFor(90, () -> robot.lookup("#failure-details").tryQuery().isPresent());
        String details = robot.lookup("#failure-details").queryAs(TextArea.class).getText();
        System.out.println("fault 11 (GUI): " + details.replace("\n", " | "));
        assertThat(details).containsIgnoringCase("unauthorized").contains(registry.image());
        List<String> texts = WaitForAsyncUtils.asyncFx(() -> {
            List<String> all = new ArrayList<>();
            for (Window window : Window.getWindows()) {
                if (window.getScene() != null) {
                    collect(window.getScene().getRoot(), all);
                }
            }
            return all;
        }).get(10, TimeUnit.SECONDS);
        assertThat(String.join("\n", texts)).contains("unauthorized");
        for (String form : RegistryCredentialsIT.forms(WRONG, registry.address())) {
            assertThat(texts).as("no text of any window holds the credentials").noneMatch(text -> text.contains(form));
        }
        assertThat(registry.pulled()).isFalse();
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
    }

    private static String basic(String password) {
        return RegistryCredentialsIT.basic(password);
    }

    private static void collect(Node node, List<String> all) {
        if (node instanceof Text text && text.getText() != null) {
            all.add(text.getText());
        }
        if (node instanceof Labeled labeled && labeled.getText() != null) {
            all.add(labeled.getText());
        }
        if (node instanceof TextInputControl input && input.getText() != null) {
            all.add(input.getText());
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                collect(child, all);
            }
        }
    }

    private static void waitFor(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get(5, TimeUnit.SECONDS));
    }
}
