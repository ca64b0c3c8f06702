package dev.berth.app.gui.controls;

import atlantafx.base.theme.Styles;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Small factories for the icon buttons every pane's toolbar uses. */
public final class Icons {

    private Icons() {}

    public static FontIcon icon(Feather feather) {
        return new FontIcon(feather);
    }

    public static Button button(Feather feather, String tooltip) {
        return decorate(new Button(null, icon(feather)), tooltip);
    }

    public static ToggleButton toggle(Feather feather, String tooltip) {
        return decorate(new ToggleButton(null, icon(feather)), tooltip);
    }

    private static <B extends ButtonBase> B decorate(B button, String tooltip) {
        button.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        button.setTooltip(new Tooltip(tooltip));
        button.setAccessibleText(tooltip);
        return button;
    }
}
