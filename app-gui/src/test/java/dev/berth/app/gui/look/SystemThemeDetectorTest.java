package dev.berth.app.gui.look;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SystemThemeDetectorTest {

    private final List<List<String>> commands = new ArrayList<>();

    private SystemThemeDetector.CommandRunner answering(String colorScheme, String gtkTheme) {
        return (command, timeout) -> {
            commands.add(command);
            String key = command.getLast();
            String answer = key.equals("color-scheme") ? colorScheme : gtkTheme;
            return Optional.ofNullable(answer);
        };
    }

    @Test
    void aDarkGtkThemeVariableWinsWithoutRunningAnything() {
        SystemThemeDetector detector = new SystemThemeDetector(Map.of("GTK_THEME", "Adwaita:dark"), answering("'prefer-light'", null));

        assertThat(detector.prefersDark()).isTrue();
        assertThat(commands).isEmpty();
    }

    @Test
    void aLightGtkThemeVariableMeansLight() {
        assertThat(new SystemThemeDetector(Map.of("GTK_THEME", "Adwaita"), answering("'prefer-dark'", null)).prefersDark()).isFalse();
    }

    @Test
    void readsGnomesColorScheme() {
        assertThat(new SystemThemeDetector(Map.of(), answering("'prefer-dark'", null)).prefersDark()).isTrue();
        assertThat(new SystemThemeDetector(Map.of(), answering("'prefer-light'", "'Adwaita-dark'")).prefersDark()).isFalse();
    }

    @Test
    void fallsBackToTheGtkThemeNameWhenTheSchemeIsDefault() {
        assertThat(new SystemThemeDetector(Map.of(), answering("'default'", "'Yaru-dark'")).prefersDark()).isTrue();
    }

    @Test
    void meansLightWhenNothingCanBeAsked() {
        assertThat(new SystemThemeDetector(Map.of(), (command, timeout) -> Optional.empty()).prefersDark()).isFalse();
    }
}
