package dev.berth.app.gui.terminal;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javax.imageio.ImageIO;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Drives a {@link TerminalTab} in tests as a keyboard would, and reads its screen. */
final class TerminalDriver {

    private final TerminalTab tab;

    TerminalDriver(TerminalTab tab) {
        this.tab = tab;
    }

    static void await(BooleanSupplier condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The visible lines, as the terminal's buffer holds them. */
    String screen() {
        var buffer = tab.widget().getTerminalTextBuffer();
        buffer.lock();
        try {
            return buffer.getScreenLines();
        } finally {
            buffer.unlock();
        }
    }

    /** Types {@code text} as key events to the terminal's focus node, then Enter. */
    void typeLine(FxRobot robot, String text) {
        robot.interact(() -> {
            Node target = tab.keyTarget();
            for (char c : text.toCharArray()) {
                typed(target, String.valueOf(c));
            }
        });
        robot.interact(() -> pressEnter(tab.keyTarget()));
    }

    /**
     * A character as a keyboard sends it: a press carrying the character's text (a printable press the
     * terminal leaves to the typed event), then the typed event. JediTermFX ignores typed events after a
     * press it handled itself (Enter, or a press with no text, which it sends as NUL) until the next press.
     */
    static void typed(Node target, String character) {
        Event.fireEvent(target, new KeyEvent(KeyEvent.KEY_PRESSED, character, character, KeyCode.UNDEFINED, false, false, false, false));
        Event.fireEvent(target, new KeyEvent(KeyEvent.KEY_TYPED, character, character, KeyCode.UNDEFINED, false, false, false, false));
        Event.fireEvent(target, new KeyEvent(KeyEvent.KEY_RELEASED, character, character, KeyCode.UNDEFINED, false, false, false, false));
    }

    static void pressEnter(Node target) {
        Event.fireEvent(target, new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.ENTER, false, false, false, false));
        Event.fireEvent(target, new KeyEvent(KeyEvent.KEY_TYPED, "\r", "\r", KeyCode.UNDEFINED, false, false, false, false));
        Event.fireEvent(target, new KeyEvent(KeyEvent.KEY_RELEASED, "", "", KeyCode.ENTER, false, false, false, false));
    }

    /**
     * A key with modifiers as JavaFX on Linux sends it (press, release): for Ctrl+letter the press carries the
     * control character as its text (glass maps 'c' with Ctrl to U+0003), which is what JediTermFX sends to the
     * process; with Shift too (Ctrl+Shift+C, the copy action) the text is the capital letter.
     */
    static void chord(Node target, KeyCode code, boolean shift, boolean control) {
        String letter = code.getChar();
        String text = control && !shift && letter.length() == 1 && Character.isLetter(letter.charAt(0))
                ? String.valueOf((char) (Character.toUpperCase(letter.charAt(0)) - '@')) : shift ? letter.toUpperCase() : letter.toLowerCase();
        Event.fireEvent(target, new KeyEvent(KeyEvent.KEY_PRESSED, text, text, code, shift, control, false, false));
        Event.fireEvent(target, new KeyEvent(KeyEvent.KEY_RELEASED, text, text, code, shift, control, false, false));
    }

    static void screenshot(FxRobot robot, Scene scene, String name) throws Exception {
        WritableImage[] shot = new WritableImage[1];
        robot.interact(() -> shot[0] = scene.snapshot(null));
        int width = (int) shot[0].getWidth();
        int height = (int) shot[0].getHeight();
        int[] argb = new int[width * height];
        shot[0].getPixelReader().getPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
        BufferedImage png = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        png.setRGB(0, 0, width, height, argb, 0, width);
        Path out = Path.of("target/screenshots");
        Files.createDirectories(out);
        ImageIO.write(png, "png", out.resolve(name + ".png").toFile());
    }
}
