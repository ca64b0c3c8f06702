package dev.berth.app.gui.engines;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.stage.PopupWindow;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** What the engine GUI tests share: dead sockets, clicking a menu item, screenshots with popups. */
final class GuiEngineSupport {

    private GuiEngineSupport() {}

    /** A unix socket file nobody listens on (bound, then closed): connecting is refused. */
    static void deadSocket(Path path) throws Exception {
        Files.deleteIfExists(path);
        try (ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.bind(UnixDomainSocketAddress.of(path));
        }
    }

    /** Clicks the menu item's label in its open popup, as a user would. */
    static void clickItem(FxRobot robot, MenuItem item) {
        String text = item.getText();
        WaitForAsyncUtils.waitForFxEvents();
        Node label = robot.lookup((Node n) -> n instanceof Label l && text.equals(l.getText()) && n.isVisible()).query();
        robot.clickOn(label);
    }

    /**
     * The window with its open menus: the scene's snapshot with every showing popup's drawn where it is on screen
     * (headless Monocle cannot capture the screen itself).
     */
    static void capture(FxRobot robot, Stage stage, String name) throws Exception {
        BufferedImage[] out = new BufferedImage[1];
        robot.interact(() -> {
            Scene scene = stage.getScene();
            BufferedImage png = toImage(scene.snapshot(null));
            Graphics2D g = png.createGraphics();
            double originX = stage.getX() + scene.getX();
            double originY = stage.getY() + scene.getY();
            for (Window window : Window.getWindows()) {
                if (window instanceof PopupWindow popup && popup.isShowing() && popup.getScene() != null) {
                    g.drawImage(toImage(popup.getScene().snapshot(null)), (int) (popup.getX() - originX), (int) (popup.getY() - originY), null);
                }
            }
            g.dispose();
            out[0] = png;
        });
        Path dir = Path.of(System.getProperty("berth.screenshots", "target/screenshots")).toAbsolutePath();
        Files.createDirectories(dir);
        ImageIO.write(out[0], "png", dir.resolve(name + ".png").toFile());
    }

    private static BufferedImage toImage(Image image) {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        int[] argb = new int[width * height];
        image.getPixelReader().getPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
        BufferedImage png = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        png.setRGB(0, 0, width, height, argb, 0, width);
        return png;
    }

    static void waitFor(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
    }
}
