package dev.berth.bench;

import dev.berth.app.gui.BerthApplication;
import dev.berth.app.gui.containers.ContainerRow;
import dev.berth.app.gui.feed.EngineConnection;
import dev.berth.app.gui.feed.ProjectSummary;
import dev.berth.app.gui.main.ProjectPanes;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.compose.ContainerState;
import dev.berth.testkit.PrivateEngine;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * The real window (BerthApplication, as {@code ./berth} starts it) on the scale scenario's private engine:
 * time to the sidebar's ten projects and to the 1,000-row containers tab (cold, and warm when the project is
 * selected again), one container started → its row says running, 100 started at once (the event storm),
 * scrolling the table; FX pulse gaps through each. Screenshot to {@code docs/screenshots/scale-containers-1000.png}.
 */
final class ScaleWindowBench {

    private static BerthApplication app;
    private static Stage stage;

    private ScaleWindowBench() {}

    static BerthApplication app() {
        return app;
    }

    static Stage stage() {
        return stage;
    }

    static void run(PrivateEngine engine, EngineClient client, List<ScaleProjects.Made> made) throws Exception {
        System.setProperty("berth.host", engine.host());
        System.setProperty("berth.config.dir", Files.createTempDirectory("berth-scale-config").toString());
        CountDownLatch up = new CountDownLatch(1);
        Platform.startup(up::countDown);
        up.await();
        Platform.setImplicitExit(false);

        Map<String, Long> seen = new ConcurrentHashMap<>(); // when the FX thread first saw a milestone
        long start = System.nanoTime();
        FxPulses.onFx(() -> {
            stage = new Stage();
            app = new BerthApplication(List.of());
            app.start(stage);
            stage.setWidth(1440);
            stage.setHeight(900);
            ProjectPanes panes = app.panes();
            panes.projects().projects().addListener((ListChangeListener<ProjectSummary>) c -> {
                if (panes.projects().projects().size() >= 10) {
                    seen.putIfAbsent("sidebar", System.nanoTime());
                }
            });
            panes.containers().rows().addListener((ListChangeListener<ContainerRow>) c -> {
                if (panes.containers().totalRows() >= 1000) {
                    seen.putIfAbsent("rows", System.nanoTime());
                }
            });
            // The Containers tab is selected from the start, so its first 1,000 rows are built as they arrive.
            TabPane tabs = (TabPane) stage.getScene().lookup("#detail-tabs");
            tabs.getTabs().stream().filter(t -> "tab-containers".equals(t.getId())).findFirst().ifPresent(t -> tabs.getSelectionModel().select(t));
            return null;
        });
        Scene scene = FxPulses.onFx(stage::getScene);
        FxPulses cold = new FxPulses(scene).start();
        ProjectPanes panes = app.panes();
        FxPulses.waitUntil(120, "ten projects in the sidebar", () -> seen.containsKey("sidebar"));
        FxPulses.waitUntil(120, "1,000 rows", () -> seen.containsKey("rows"));
        long rowsDrawn = FxPulses.onFx(() -> FxPulses.nextPulse(scene)).get(10, TimeUnit.SECONDS);
        Thread.sleep(2_000);
        cold.stop();
        System.out.printf("%nwindow on the private engine (cold JVM, Containers tab selected from the start), load average %s%n", ScaleBench.loadAverage());
        System.out.printf("  start → sidebar lists 10 projects       %6.0f ms%n", ms(seen.get("sidebar") - start));
        System.out.printf("  start → containers table has 1,000 rows %6.0f ms (next pulse drawn %.0f ms after start)%n",
                ms(seen.get("rows") - start), ms(rowsDrawn - start));
        System.out.println("  pulses from start to 2 s after the rows: " + cold.summary());
        System.out.println("  connection: " + FxPulses.onFx(() -> panes.connectionProperty().get().kind()));

        // Warm: another project, then the big one again.
        for (int round = 0; round < 3; round++) {
            select(panes, "scale-p1");
            FxPulses.waitUntil(60, "scale-p1's 50 rows", () -> panes.containers().totalRows() == 50);
            Thread.sleep(1_000);
            FxPulses warm = new FxPulses(scene).start();
            AtomicLong rowsAt = new AtomicLong();
            long selected = System.nanoTime();
            select(panes, ScaleProjects.BIG);
            FxPulses.waitUntil(60, "1,000 rows again", () -> {
                if (panes.containers().totalRows() >= 1000) {
                    rowsAt.compareAndSet(0, System.nanoTime());
                    return true;
                }
                return false;
            });
            long drawn = FxPulses.onFx(() -> FxPulses.nextPulse(scene)).get(10, TimeUnit.SECONDS);
            Thread.sleep(1_000);
            warm.stop();
            System.out.printf("  select scale-big again → 1,000 rows %5.0f ms, drawn %5.0f ms; %s%n",
                    ms(rowsAt.get() - selected), ms(drawn - selected), warm.summary());
        }
        System.out.println("  " + EngineMemory.describe(engine) + "; this JVM (window) RSS " + EngineMemory.rssKb(ProcessHandle.current().pid()) / 1024 + " MiB");

        // One container started → its row reads running.
        List<ScaleProjects.Made> idle = made.stream().filter(m -> m.createdOnly() && m.project().equals(ScaleProjects.BIG)).toList();
        Map<String, Long> running = new ConcurrentHashMap<>();
        FxPulses.onFx(() -> {
            panes.containers().rows().addListener((ListChangeListener<ContainerRow>) c -> {
                long now = System.nanoTime();
                while (c.next()) {
                    for (ContainerRow row : c.getAddedSubList()) {
                        if (row.state() == ContainerState.RUNNING) {
                            running.putIfAbsent(row.id(), now);
                        }
                    }
                }
            });
            return null;
        });
        List<Double> latencies = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ScaleProjects.Made one = idle.get(i);
            long t = System.nanoTime();
            client.containers().start(one.id());
            long returned = System.nanoTime();
            FxPulses.waitUntil(30, "row of " + one.name() + " running", () -> running.containsKey(one.id()));
            latencies.add(ms(running.get(one.id()) - t));
            System.out.printf("    start %s: the call returned after %.0f ms, the row said running %.0f ms after the call%n",
                    one.name(), ms(returned - t), ms(running.get(one.id()) - t));
            Thread.sleep(500);
        }
        System.out.printf("  one container started → its row running: median %.0f ms (10 runs: %s)%n", BenchProcesses.median(latencies),
                latencies.stream().map(Math::round).toList());

        // The storm: 100 started at once.
        List<ScaleProjects.Made> storm = idle.subList(10, 110);
        Set<String> stormIds = ConcurrentHashMap.newKeySet();
        storm.forEach(m -> stormIds.add(m.id()));
        FxPulses stormPulses = new FxPulses(scene).start();
        long stormStart = System.nanoTime();
        ScaleProjects.startAll(client, storm);
        long startsDone = System.nanoTime();
        FxPulses.waitUntil(120, "100 storm rows running", () -> stormIds.stream().allMatch(running::containsKey));
        long lastRow = stormIds.stream().mapToLong(running::get).max().orElseThrow();
        Thread.sleep(2_000);
        stormPulses.stop();
        System.out.printf("  storm: 100 containers started (8 calls in flight): starts took %.0f ms; the last row said running %.0f ms after the first call%n",
                ms(startsDone - stormStart), ms(lastRow - stormStart));
        System.out.println("  pulses during the storm (+2 s): " + stormPulses.summary());

        // Scrolling the 1,000 rows, top to bottom and back, 60 px per pulse.
        TableView<?> table = FxPulses.onFx(() -> (TableView<?>) scene.lookup("#containers-table"));
        FxPulses scroll = new FxPulses(scene).start();
        CountDownLatch scrolled = new CountDownLatch(1);
        AtomicLong frames = new AtomicLong();
        FxPulses.onFx(() -> {
            VirtualFlow<?> flow = (VirtualFlow<?>) table.lookup(".virtual-flow");
            new AnimationTimer() {
                double direction = 1;
                int turns;

                @Override
                public void handle(long now) {
                    frames.incrementAndGet();
                    flow.scrollPixels(60 * direction);
                    double position = flow.getPosition();
                    if ((direction > 0 && position >= 1.0) || (direction < 0 && position <= 0.0)) {
                        direction = -direction;
                        if (++turns == 2) {
                            stop();
                            scrolled.countDown();
                        }
                    }
                }
            }.start();
            return null;
        });
        long scrollStart = System.nanoTime();
        scrolled.await(120, TimeUnit.SECONDS);
        double scrollMs = ms(System.nanoTime() - scrollStart);
        scroll.stop();
        System.out.printf("  scroll 1,000 rows down and up, 60 px a pulse: %d frames in %.0f ms (%.0f frames/s); %s%n",
                frames.get(), scrollMs, frames.get() / (scrollMs / 1000), scroll.summary());

        FxPulses.onFx(() -> {
            table.scrollTo(0);
            // More of the table in the screenshot: the graph of 50 label-only services gets a third.
            scene.getRoot().lookupAll(".split-pane").stream().map(SplitPane.class::cast)
                    .filter(split -> split.getOrientation() == Orientation.VERTICAL)
                    .forEach(split -> split.setDividerPositions(0.3));
            return null;
        });
        Thread.sleep(1_500);
        screenshot(scene, "scale-containers-1000");
    }

    static void select(ProjectPanes panes, String project) throws Exception {
        FxPulses.onFx(() -> {
            panes.projects().projects().stream().filter(p -> p.name().equals(project)).findFirst()
                    .ifPresent(panes.projects().selectedProperty()::set);
            return null;
        });
    }

    static void screenshot(Scene scene, String name) throws Exception {
        BufferedImage png = FxPulses.onFx(() -> {
            WritableImage image = scene.snapshot(null);
            int width = (int) image.getWidth();
            int height = (int) image.getHeight();
            int[] argb = new int[width * height];
            image.getPixelReader().getPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
            BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
            out.setRGB(0, 0, width, height, argb, 0, width);
            return out;
        });
        Path dir = Path.of(System.getProperty("berth.screenshots", "docs/screenshots"));
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".png");
        ImageIO.write(png, "png", file.toFile());
        System.out.println("  screenshot: " + file.toAbsolutePath());
    }

    static Node lookup(String selector) throws Exception {
        return FxPulses.onFx(() -> stage.getScene().lookup(selector));
    }

    static EngineConnection.Kind connection() throws Exception {
        return FxPulses.onFx(() -> app.panes().connectionProperty().get().kind());
    }

    /** Stops the window (its engine session) and the toolkit, if they were started. */
    static void exit() {
        if (app == null) {
            return;
        }
        try {
            FxPulses.onFx(() -> {
                app.stop();
                return null;
            });
        } catch (Exception e) {
            System.err.println("stopping the window: " + e);
        }
        Platform.exit();
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }
}
