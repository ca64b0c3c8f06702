package dev.berth.app.gui.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.gui.fx.DirectUiScheduler;
import java.time.ZoneOffset;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The "only web ×" chip is readable in the light theme (it was white text on the near-white tool bar). */
@ExtendWith(ApplicationExtension.class)
class LogsViewLookTest {

    private final LogsViewModel model = new LogsViewModel(new DirectUiScheduler(), Runnable::run, 100, ZoneOffset.UTC);

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        Scene scene = new Scene(new LogsView(model), 1000, 400);
        scene.getStylesheets().add(LogsView.class.getResource("/dev/berth/app/gui/berth.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void theServiceFilterChipHasReadableContrastInTheLightTheme(FxRobot robot) {
        robot.interact(() -> model.sourceFilterProperty().set("web"));
        WaitForAsyncUtils.waitForFxEvents();
        Button chip = robot.lookup("#logs-source-filter").queryButton();

        Color text = (Color) chip.getTextFill();
        Color background = chip.getBackground().getFills().stream().map(BackgroundFill::getFill).filter(Color.class::isInstance)
                .map(Color.class::cast).filter(c -> c.getOpacity() > 0.9).reduce((first, second) -> second).orElse(Color.WHITE);

        assertThat(contrast(text, background)).as("contrast of %s on %s", text, background).isGreaterThanOrEqualTo(4.5);
    }

    /** WCAG contrast ratio. */
    private static double contrast(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(Color c) {
        return 0.2126 * channel(c.getRed()) + 0.7152 * channel(c.getGreen()) + 0.0722 * channel(c.getBlue());
    }

    private static double channel(double v) {
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }
}
