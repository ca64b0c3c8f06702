package dev.berth.app.gui.shots;

import dev.berth.app.gui.BerthApplication;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;

/**
 * Drives the real Berth window for screenshots: starts JavaFX and {@link BerthApplication} (real engine
 * session, real views), lets a script look nodes up by CSS id, act on the FX thread, wait for background
 * loads, and save the window's scene as a PNG. Meant to run under Xvfb ({@code tools/screenshots}); any
 * pane's screenshot script can reuse it.
 */
public final class ScreenshotDriver implements AutoCloseable {

    private final Path outDir;
    private final BerthApplication app = new BerthApplication();
    private Stage stage;

    private ScreenshotDriver(Path outDir) {
        this.outDir = outDir;
    }

    /** Opens the window at {@code width}×{@code height}; window state goes to a temporary directory. */
    public static ScreenshotDriver launch(int width, int height, Path outDir) throws Exception {
        Files.createDirectories(outDir);
        System.setProperty("berth.config.dir", Files.createTempDirectory("berth-shots").toString());
        ScreenshotDriver driver = new ScreenshotDriver(outDir);
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        driver.fx(() -> {
            driver.stage = new Stage();
            driver.app.start(driver.stage);
            driver.stage.setWidth(width);
            driver.stage.setHeight(height);
            driver.stage.setX(0);
            driver.stage.setY(0);
        });
        return driver;
    }

    /** The application, for its view-models ({@code app().panes()}). */
    public BerthApplication app() {
        return app;
    }

    /** Runs {@code action} on the FX thread and waits for it. */
    public void fx(Runnable action) throws Exception {
        fx(() -> {
            action.run();
            return null;
        });
    }

    public <T> T fx(Callable<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(action.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(30, TimeUnit.SECONDS);
    }

    /** The node with this CSS selector in the window (call on the FX thread, or through {@link #fx}). */
    @SuppressWarnings("unchecked")
    public <T extends Node> T lookup(String selector) {
        Node node = stage.getScene().getRoot().lookup(selector);
        if (node == null) {
            throw new IllegalStateException("No node matches " + selector);
        }
        return (T) node;
    }

    /** Waits until a node matches {@code selector} (tab views are built when first shown) and returns it. */
    public <T extends Node> T await(String selector, Duration timeout) throws Exception {
        waitUntil(selector, () -> stage.getScene().getRoot().lookup(selector) != null, timeout);
        return fx(() -> this.<T>lookup(selector));
    }

    /** Polls {@code condition} on the FX thread until it holds. */
    public void waitUntil(String what, BooleanSupplier condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!fx(condition::getAsBoolean)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    /** Lets layout and a few pulses settle, then writes the scene to {@code name}.png. */
    public Path save(String name) throws Exception {
        Thread.sleep(600);
        return write(name, fx(() -> stage.getScene().snapshot(null)));
    }

    private Path write(String name, WritableImage image) throws IOException {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        int[] argb = new int[width * height];
        image.getPixelReader().getPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
        BufferedImage png = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        png.setRGB(0, 0, width, height, argb, 0, width);
        Path file = outDir.resolve(name + ".png");
        try {
            ImageIO.write(png, "png", file.toFile());
        } catch (IOException e) {
            throw new IOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
        System.out.println("wrote " + file + " (" + width + "x" + height + ")");
        return file;
    }

    /**
     * Waits for a dialog (a second showing window) to open, saves its scene as {@code name}.png and closes
     * it without answering (a confirmation closed this way counts as "cancel").
     */
    public Path saveDialog(String name) throws Exception {
        waitUntil("a dialog", () -> dialog() != null, Duration.ofSeconds(10));
        Thread.sleep(600);
        Path file = write(name, fx(() -> dialog().getScene().snapshot(null)));
        fx(() -> dialog().hide());
        return file;
    }

    private Window dialog() {
        return Window.getWindows().stream().filter(w -> w != stage && w.isShowing()).findFirst().orElse(null);
    }

    @Override
    public void close() throws Exception {
        fx(() -> {
            stage.close();
            try {
                app.stop();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Platform.exit();
    }
}
