package dev.berth.app.gui.look;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WindowStateStoreTest {

    @TempDir
    Path dir;

    @Test
    void givesDefaultsWhenThereIsNoFileYet() {
        assertThat(new WindowStateStore(dir.resolve("berth/window.properties")).load()).isEqualTo(WindowState.DEFAULT);
    }

    @Test
    void remembersBoundsMaximisedDividersAndTheme() throws Exception {
        WindowStateStore store = new WindowStateStore(dir.resolve("berth/window.properties"));
        WindowState state = new WindowState(40, 60, 1400, 900, true, Map.of("main", new double[] {0.2}, "center", new double[] {0.55}), ThemeMode.DARK);

        store.save(state);
        WindowState loaded = store.load();

        assertThat(loaded.x()).isEqualTo(40);
        assertThat(loaded.width()).isEqualTo(1400);
        assertThat(loaded.maximized()).isTrue();
        assertThat(loaded.theme()).isEqualTo(ThemeMode.DARK);
        assertThat(loaded.dividers().get("center")).containsExactly(0.55);
        assertThat(Files.exists(dir.resolve("berth/window.properties.tmp"))).isFalse();
    }

    @Test
    void fallsBackFieldByFieldOnADamagedFile() throws Exception {
        Path file = dir.resolve("window.properties");
        Files.writeString(file, "width=abc\nheight=20\ntheme=PURPLE\ndivider.main=0.3,oops\nx=5\ny=6\n");

        WindowState loaded = new WindowStateStore(file).load();

        assertThat(loaded.width()).isEqualTo(WindowState.DEFAULT.width());
        assertThat(loaded.height()).isEqualTo(WindowState.DEFAULT.height());
        assertThat(loaded.theme()).isEqualTo(ThemeMode.SYSTEM);
        assertThat(loaded.dividers()).doesNotContainKey("main");
        assertThat(loaded.hasPosition()).isTrue();
    }
}
