package dev.berth.app.gui.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.gui.fx.DirectUiScheduler;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The words of the resource tabs: counts agree with their number, empty inspectors name what to select. */
@ExtendWith(ApplicationExtension.class)
class ResourceTextsTest {

    @Start
    void start(Stage stage) {
        FakeCatalog catalog = new FakeCatalog();
        NetworksView networks = new NetworksView(new NetworksViewModel(catalog, new DirectUiScheduler(), Runnable::run, new ScriptedConfirmations()));
        ImagesView images = new ImagesView(new ImagesViewModel(catalog, new DirectUiScheduler(), Runnable::run, new ScriptedConfirmations()));
        networks.setId("networks");
        images.setId("images");
        stage.setScene(new Scene(new HBox(networks, images), 1400, 500));
        stage.show();
    }

    @Test
    void oneOfAKindIsSingular() {
        assertThat(ResourceViews.countText(1, 1, "volumes")).isEqualTo("1 volume");
        assertThat(ResourceViews.countText(3, 3, "volumes")).isEqualTo("3 volumes");
        assertThat(ResourceViews.countText(0, 0, "images")).isEqualTo("0 images");
        assertThat(ResourceViews.countText(1, 3, "networks")).isEqualTo("1 of 3 networks");
    }

    @Test
    void theNetworksAndImagesInspectorsSayWhatToSelect(FxRobot robot) {
        List<String> networks = robot.from(robot.lookup("#networks").queryParent()).lookup(".pane-placeholder").queryAllAs(Label.class)
                .stream().map(Label::getText).toList();
        List<String> images = robot.from(robot.lookup("#images").queryParent()).lookup(".pane-placeholder").queryAllAs(Label.class)
                .stream().map(Label::getText).toList();

        assertThat(networks).anyMatch(t -> t.startsWith("Select a network")).noneMatch(t -> t.contains("container to inspect"));
        assertThat(images).anyMatch(t -> t.startsWith("Select an image")).noneMatch(t -> t.contains("container to inspect"));
    }
}
