package dev.berth.app.gui.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.gui.look.Theme;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.api.model.ContainerConfig;
import dev.berth.engine.api.model.ContainerCreateRequest;
import dev.berth.testkit.RequiresEngine;
import dev.berth.testkit.TestEngine;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Fault 11 of the reliability campaign (docs/RELIABILITY.md), masking: the inspect view of a real container whose
 * environment holds a password, an API key, a token and a secret. Their values are in no text node of the scene
 * graph (cells, labels, the search field) until "Reveal secrets" is pressed; the names and the harmless variables
 * stay visible; a search for a masked value finds nothing; "Copy value" copies the mask. Screenshots in
 * target/screenshots/inspect-secrets-{masked,revealed}.png.
 */
@RequiresEngine
@ExtendWith(ApplicationExtension.class)
class SecretMaskingIT {

    private static final String PASSWORD = "pg-" + UUID.randomUUID().toString().substring(0, 10);
    private static final String API_KEY = "ak-" + UUID.randomUUID().toString().substring(0, 10);
    private static final String TOKEN = "tk-" + UUID.randomUUID().toString().substring(0, 10);
    private static final String SECRET = "sc-" + UUID.randomUUID().toString().substring(0, 10);
    private static final List<String> SECRETS = List.of(PASSWORD, API_KEY, TOKEN, SECRET);

    static EngineClient engine;
    static String containerId;
    static Map<String, Object> document;

    private final InspectViewModel model = new InspectViewModel();
    private InspectView view;
    private Stage stage;

    @BeforeAll
    static void createContainer() {
        engine = EngineClient.connect(new EngineEndpoint.Unix(TestEngine.socket()));
        String name = "berth-mask-" + UUID.randomUUID().toString().substring(0, 8);
        containerId = engine.containers().create(name, ContainerCreateRequest.builder().config(ContainerConfig.builder()
                .image(TestEngine.BUSYBOX_IMAGE).cmd(List.of("sleep", "3600"))
                .env(List.of("POSTGRES_PASSWORD=" + PASSWORD, "API_KEY=" + API_KEY, "GITHUB_TOKEN=" + TOKEN, "app.secret=" + SECRET,
                        "SHOP_ENV=production", "MONKEY=banana"))
                .labels(Map.of("dev.berth.test", "secret-masking")).build()).build()).id();
        document = engine.containers().inspectDocument(containerId);
    }

    @AfterAll
    static void removeContainer() {
        if (engine != null) {
            if (containerId != null) {
                engine.containers().remove(containerId, true, true);
            }
            engine.close();
        }
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Theme.applyBase(false);
        view = new InspectView(model);
        Scene scene = new Scene(view, 1000, 640);
        Theme.attach(scene);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void secretValuesAreMaskedUntilRevealedAndNeverInTheSceneGraphBefore(FxRobot robot) throws Exception {
        fx(() -> {
            model.setDocument("/berth-mask", document);
            model.queryProperty().set("=");          // expands Config/Env: every entry holds '='
        });
        fx(() -> model.queryProperty().set(""));    // Env stays expanded
        WaitForAsyncUtils.waitForFxEvents();
        // The tree draws only the rows in view: Env's row goes to the top, asked again until its entries show (a
        // scroll asked in the pulse that rebuilt the tree used the old rows' heights, and on CI left Env's last
        // entries below the view).
        List<String> expected = List.of("SHOP_ENV=production", "MONKEY=banana");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        do {
            fx(this::scrollEnvToTheTop);
            WaitForAsyncUtils.waitForFxEvents();
        } while (!fx(() -> texts(stage.getScene().getRoot())).containsAll(expected) && System.nanoTime() < deadline && sleep());

        List<String> texts = fx(() -> texts(stage.getScene().getRoot()));
        assertThat(texts).as("the names and harmless values show").contains("POSTGRES_PASSWORD=" + SecretNames.MASK,
                "API_KEY=" + SecretNames.MASK, "GITHUB_TOKEN=" + SecretNames.MASK, "app.secret=" + SecretNames.MASK,
                "SHOP_ENV=production", "MONKEY=banana");
        for (String secret : SECRETS) {
            assertThat(texts).as("no text node holds a masked value").noneMatch(text -> text.contains(secret));
        }
        snapshot(Path.of("target", "screenshots", "inspect-secrets-masked.png"));

        assertThat(fx(() -> model.search(PASSWORD).matches())).as("a masked value is not found by its text").isEmpty();

        copySelectedRow(robot, "POSTGRES_PASSWORD=");
        assertThat(fx(() -> Clipboard.getSystemClipboard().getString())).as("copying a masked value copies the mask")
                .isEqualTo("POSTGRES_PASSWORD=" + SecretNames.MASK);

        robot.clickOn("#inspect-reveal");
        WaitForAsyncUtils.waitForFxEvents();
        List<String> revealed = fx(() -> texts(stage.getScene().getRoot()));
        assertThat(revealed).contains("POSTGRES_PASSWORD=" + PASSWORD, "API_KEY=" + API_KEY, "GITHUB_TOKEN=" + TOKEN,
                "app.secret=" + SECRET, "Hide secrets");
        snapshot(Path.of("target", "screenshots", "inspect-secrets-revealed.png"));
        copySelectedRow(robot, "POSTGRES_PASSWORD=");
        assertThat(fx(() -> Clipboard.getSystemClipboard().getString())).as("revealed, the value is copied")
                .isEqualTo("POSTGRES_PASSWORD=" + PASSWORD);

        fx(() -> model.setDocument("/another", document));
        assertThat(fx(() -> ((ToggleButton) stage.getScene().lookup("#inspect-reveal")).isSelected()))
                .as("another selection starts masked again").isFalse();
        // the tree's cells and the toggle's label are redrawn at the next pulses: give them 10 s to drop the values
        long redrawn = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (fx(() -> texts(stage.getScene().getRoot())).stream().anyMatch(text -> text.equals("Hide secrets")
                || SECRETS.stream().anyMatch(text::contains)) && System.nanoTime() < redrawn) {
            Thread.sleep(100);
        }
        for (String secret : SECRETS) {
            assertThat(fx(() -> texts(stage.getScene().getRoot()))).noneMatch(text -> text.contains(secret));
        }
    }

    private void scrollEnvToTheTop() {
        for (int row = 0; row < view.tree().getExpandedItemCount(); row++) {
            if (view.tree().getTreeItem(row).getValue().key().equals("Env")) {
                view.tree().scrollTo(row);
                return;
            }
        }
    }

    private static boolean sleep() throws InterruptedException {
        Thread.sleep(100);
        return true;
    }

    /** Selects the row whose value starts with {@code prefix} and presses Ctrl+C in the tree. */
    private void copySelectedRow(FxRobot robot, String prefix) throws Exception {
        fx(() -> {
            for (int row = 0; row < view.tree().getExpandedItemCount(); row++) {
                if (view.tree().getTreeItem(row).getValue().value().startsWith(prefix)) {
                    view.tree().getSelectionModel().clearAndSelect(row);
                }
            }
            view.tree().requestFocus();
        });
        robot.push(KeyCode.CONTROL, KeyCode.C);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Every text the scene graph holds: Text nodes, labelled controls, text fields. */
    private static List<String> texts(Node node) {
        List<String> all = new ArrayList<>();
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
                all.addAll(texts(child));
            }
        }
        return all;
    }

    private static <T> T fx(Callable<T> action) throws Exception {
        return WaitForAsyncUtils.asyncFx(action).get(10, TimeUnit.SECONDS);
    }

    private static void fx(Runnable action) throws Exception {
        WaitForAsyncUtils.asyncFx(action).get(10, TimeUnit.SECONDS);
    }

    private void snapshot(Path file) throws Exception {
        WritableImage image = fx(() -> stage.getScene().snapshot(null));
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        int[] argb = new int[width * height];
        image.getPixelReader().getPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
        BufferedImage png = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        png.setRGB(0, 0, width, height, argb, 0, width);
        Files.createDirectories(file.getParent());
        ImageIO.write(png, "png", file.toFile());
    }
}
