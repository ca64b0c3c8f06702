package dev.berth.app.gui.look;

import dev.berth.app.gui.fx.UiScheduler;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The theme choice (system, light or dark) and the theme in effect. Asking the system runs on the background
 * executor; the answer is applied on the UI thread.
 */
public final class ThemeViewModel {

    private final SystemThemeDetector detector;
    private final Executor background;
    private final UiScheduler ui;
    private final ObjectProperty<ThemeMode> mode = new SimpleObjectProperty<>(this, "mode", ThemeMode.SYSTEM);
    private final ReadOnlyBooleanWrapper dark = new ReadOnlyBooleanWrapper(this, "dark", false);

    public ThemeViewModel(SystemThemeDetector detector, Executor background, UiScheduler ui) {
        this.detector = detector;
        this.background = background;
        this.ui = ui;
        mode.addListener((obs, old, now) -> apply(now));
    }

    /** Applies the current mode (call once at start-up, after restoring the saved mode). */
    public void start() {
        apply(mode.get());
    }

    private void apply(ThemeMode now) {
        switch (now) {
            case LIGHT -> dark.set(false);
            case DARK -> dark.set(true);
            case SYSTEM -> background.execute(() -> {
                boolean prefersDark = detector.prefersDark();
                ui.execute(() -> {
                    if (mode.get() == ThemeMode.SYSTEM) { // the user may have picked one meanwhile
                        dark.set(prefersDark);
                    }
                });
            });
        }
    }

    public ObjectProperty<ThemeMode> modeProperty() {
        return mode;
    }

    public ReadOnlyBooleanProperty darkProperty() {
        return dark.getReadOnlyProperty();
    }
}
