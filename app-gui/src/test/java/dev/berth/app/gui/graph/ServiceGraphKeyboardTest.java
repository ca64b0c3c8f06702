package dev.berth.app.gui.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.BorderStroke;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The service graph without a mouse: Tab reaches every card, the focused card is selected and shows it, Enter opens its actions. */
@ExtendWith(ApplicationExtension.class)
class ServiceGraphKeyboardTest {

    private final ServiceGraphViewModel model = new ServiceGraphViewModel();
    private final List<ContextMenuEvent> menus = new ArrayList<>();
    private ServiceGraphView view;
    private Button before;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        model.setGraph(new ProjectGraph(List.of(GraphNode.service("web", ServiceState.RUNNING, "1/1"),
                GraphNode.service("db", ServiceState.HEALTHY, "1/1")), List.of(new GraphEdge("web", "db", "service_healthy"))));
        view = new ServiceGraphView(model);
        view.setOnContextMenuRequested(menus::add);
        before = new Button("before");
        Scene scene = new Scene(new BorderPane(view, before, null, null, null), 800, 500);
        scene.getStylesheets().add(ServiceGraphView.class.getResource("/dev/berth/app/gui/berth.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    private Node focusOwner() {
        return view.getScene().getFocusOwner();
    }

    @Test
    void tabReachesEveryCardAndTheFocusedCardIsSelectedAndVisiblyFocused(FxRobot robot) {
        robot.interact(before::requestFocus);
        List<String> reached = new ArrayList<>();
        for (int i = 0; i < 8 && reached.size() < 2; i++) {
            robot.type(KeyCode.TAB);
            if (focusOwner() instanceof GraphCard card) {
                reached.add(card.node().id());
                assertThat(model.selectedNodeProperty().get()).isEqualTo(card.node().id());
                assertThat(card.getEffect()).as("focus ring on " + card.node().id()).isNotNull();
            }
        }
        assertThat(reached).containsExactlyInAnyOrder("web", "db");
    }

    @Test
    void enterOnAFocusedCardOpensItsActionsForThatService(FxRobot robot) {
        robot.interact(() -> view.card("db").requestFocus());
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(model.selectedNodeProperty().get()).isEqualTo("db");
        assertThat(menus).singleElement().satisfies(event -> assertThat(event.isKeyboardTrigger()).isTrue());

        robot.press(KeyCode.SHIFT, KeyCode.F10).release(KeyCode.F10, KeyCode.SHIFT);
        assertThat(menus).hasSize(2);
    }

    @Test
    void aButtonFocusedByTheKeyboardShowsAnAccentRingThatDoesNotResizeIt(FxRobot robot) {
        robot.interact(() -> view.card("db").requestFocus());
        double width = before.getWidth();
        assertThat(before.getBorder() == null || before.getBorder().getStrokes().stream().allMatch(s -> s.getWidths().getTop() < 2)).isTrue();

        // Reached with the keyboard (Shift+Tab from the first card goes back to the button).
        for (int i = 0; i < 8 && !before.isFocused(); i++) {
            robot.press(KeyCode.SHIFT, KeyCode.TAB).release(KeyCode.TAB, KeyCode.SHIFT);
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(before.isFocused()).isTrue();

        BorderStroke ring = before.getBorder().getStrokes().getLast();
        assertThat(ring.getWidths().getTop()).isEqualTo(2);
        assertThat(before.getWidth()).isEqualTo(width);
    }
}
