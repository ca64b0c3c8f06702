package dev.berth.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.gui.containers.ContainerRow;
import dev.berth.app.gui.feed.EngineConnection;
import dev.berth.app.gui.graph.ServiceState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Side;
import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;

/**
 * "Open port" on a desktop that cannot open web addresses, from both places it is offered — the service card's
 * menu and a container row's menu: instead of nothing happening, a dialog says why and shows the address to copy.
 * The real window, menus and {@code UrlOpener} (it runs the program it finds); demo data stands in for the engine.
 */
@ExtendWith(ApplicationExtension.class)
class OpenPortTest {

    @TempDir
    static Path config;
    @TempDir
    static Path bin;

    private BerthApplication app;

    @Start
    void start(Stage stage) throws Exception {
        System.setProperty("berth.config.dir", config.toString());
        System.setProperty("berth.demo", "true");
        Files.deleteIfExists(bin.resolve("xdg-open"));
        try {
            // A desktop session whose PATH holds only what a test puts there: no xdg-open to begin with.
            app = new BerthApplication(List.of(), Map.of("DISPLAY", ":0", "PATH", bin.toString()));
            app.start(stage);
        } finally {
            System.clearProperty("berth.demo");
        }
        stage.setWidth(1280);
        stage.setHeight(800);
        // The demo feed never says "connected"; the menus offer engine actions only when connected.
        app.panes().connection(new EngineConnection(EngineConnection.Kind.CONNECTED, "Engine: demo", ""));
    }

    @AfterEach
    void stop(FxRobot robot) throws Exception {
        robot.interact(() -> Window.getWindows().stream().filter(w -> w.getScene() != null
                && w.getScene().getRoot() instanceof DialogPane).toList().forEach(Window::hide));
        WaitForAsyncUtils.asyncFx(app::stop).get();
    }

    private void waitForRunningProxy() throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.panes().graph().node("proxy")
                .map(n -> n.stateProperty().get().kind() == ServiceState.Kind.RUNNING).orElse(false)
                && app.panes().containers().rows().stream().anyMatch(r -> r.service().equals("proxy") && !r.ports().isEmpty()));
    }

    private TextField addressShown(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#address-to-copy").tryQuery().isPresent());
        return robot.lookup("#address-to-copy").queryAs(TextField.class);
    }

    @Test
    void theServiceCardsOpenPortWithoutAnyUrlHandlerShowsTheAddressToCopy(FxRobot robot) throws Exception {
        waitForRunningProxy();
        Node card = robot.lookup(".graph-node-name").match(LabeledMatchers.hasText("proxy")).query().getParent();
        robot.clickOn(card).type(KeyCode.ENTER); // Enter on a card opens its menu (a right-click does too)
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("Open port");

        TextField address = addressShown(robot);
        assertThat(address.getText()).isEqualTo("http://127.0.0.1:8080");
        DialogPane dialog = (DialogPane) address.getScene().getRoot();
        assertThat(dialog.getHeaderText()).isEqualTo("Cannot open http://127.0.0.1:8080 in a browser");
        assertThat(robot.from(dialog).lookup(".label").queryAllAs(Label.class).stream()
                .map(Label::getText).toList()).anySatisfy(text -> assertThat(text).contains("xdg-open is not installed"));
    }

    @Test
    void aContainerRowsOpenPortWhoseHandlerFailsSaysWhyAndShowsTheAddress(FxRobot robot) throws Exception {
        // A handler that is there but fails, as xdg-open does when no browser is configured.
        Path handler = Files.writeString(bin.resolve("xdg-open"), "#!/bin/sh\necho 'xdg-open: no method available for opening' \"$1\"\nexit 3\n");
        Files.setPosixFilePermissions(handler, PosixFilePermissions.fromString("rwxr-xr-x"));
        waitForRunningProxy();
        robot.interact(() -> robot.lookup("#detail-tabs").queryAs(TabPane.class).getSelectionModel().select(4));
        WaitForAsyncUtils.waitForFxEvents();
        // The row's own menu, where a right-click opens it (Monocle's robot sends no context-menu event).
        // Found and shown in one FX turn: the table refreshes and may hand the row another container.
        robot.interact(() -> {
            TableRow<?> row = robot.lookup(".table-row-cell").match((TableRow<?> r) -> r.getItem() instanceof ContainerRow c
                    && c.service().equals("proxy")).query();
            row.getContextMenu().show(row, Side.BOTTOM, 40, 0);
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("Open http://127.0.0.1:8080");

        TextField address = addressShown(robot);
        assertThat(address.getText()).isEqualTo("http://127.0.0.1:8080");
        DialogPane dialog = (DialogPane) address.getScene().getRoot();
        assertThat(robot.from(dialog).lookup(".label").queryAllAs(Label.class).stream()
                .map(Label::getText).toList())
                .anySatisfy(text -> assertThat(text).contains("could not open it (exit code 3): xdg-open: no method available"));
    }
}
