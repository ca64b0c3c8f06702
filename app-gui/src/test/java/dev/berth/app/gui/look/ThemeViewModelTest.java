package dev.berth.app.gui.look;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.gui.fx.DirectUiScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ThemeViewModelTest {

    private final List<Runnable> background = new ArrayList<>();
    private final SystemThemeDetector darkDesktop = new SystemThemeDetector(Map.of("GTK_THEME", "Adwaita:dark"), (c, t) -> Optional.empty());

    @Test
    void followsTheSystemByDefaultAskingItOffTheUiThread() {
        ThemeViewModel theme = new ThemeViewModel(darkDesktop, background::add, new DirectUiScheduler());

        theme.start();
        assertThat(theme.darkProperty().get()).isFalse();
        assertThat(background).hasSize(1);

        background.removeFirst().run();
        assertThat(theme.darkProperty().get()).isTrue();
    }

    @Test
    void anExplicitChoiceAppliesAtOnceAndBeatsALateSystemAnswer() {
        ThemeViewModel theme = new ThemeViewModel(darkDesktop, background::add, new DirectUiScheduler());
        theme.start();

        theme.modeProperty().set(ThemeMode.LIGHT);
        background.removeFirst().run(); // the system's answer arrives after the user chose

        assertThat(theme.darkProperty().get()).isFalse();
        theme.modeProperty().set(ThemeMode.DARK);
        assertThat(theme.darkProperty().get()).isTrue();
    }
}
