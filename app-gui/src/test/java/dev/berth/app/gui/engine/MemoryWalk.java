package dev.berth.app.gui.engine;

import dev.berth.app.gui.graph.ServiceState;
import dev.berth.app.gui.main.ProjectPanes;
import dev.berth.app.gui.shots.ScreenshotDriver;
import dev.berth.testkit.TestEngine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TabPane;
import javafx.stage.Window;
import javax.management.ObjectName;

/**
 * Issue 12, defect 16: the real window used for a while, as a user would, then its RSS and heap histogram.
 * Brings the sample shop project up through the window, then cycles: select each service (logs filter,
 * inspect), every detail tab, the Volumes tab, the compose editor (opened and closed); prints {@code VmRSS}
 * every minute and {@code GC.class_histogram} at the end, then Down. Run it under Xvfb with the launcher's
 * GUI options: {@code java $JVM_OPTS -cp app-gui/target/test-classes:testkit/target/classes:packaging/target/dist/lib/*
 * dev.berth.app.gui.engine.MemoryWalk MINUTES}.
 */
public final class MemoryWalk {

    private MemoryWalk() {}

    public static void main(String[] args) throws Exception {
        Duration length = Duration.ofMinutes(args.length > 0 ? Long.parseLong(args[0]) : 10);
        String project = "memwalk" + Long.toHexString(System.nanoTime() & 0xffffL);
        Path dir = TestProjects.sample(Files.createTempDirectory("berth-memwalk"), project);
        System.setProperty("berth.host", "unix://" + TestEngine.socket());
        long started = System.nanoTime();
        try (ScreenshotDriver driver = ScreenshotDriver.launch(1280, 800, Files.createTempDirectory("berth-memwalk-shots"))) {
            ProjectPanes panes = driver.app().panes();
            driver.fx(() -> driver.app().window().opened(dir.toFile()));
            driver.waitUntil("the graph", () -> panes.graph().node("proxy").isPresent(), Duration.ofSeconds(60));
            driver.fx(() -> driver.<Button>lookup("#button-up").fire());
            driver.waitUntil("proxy running", () -> panes.graph().node("proxy").map(n -> n.stateProperty().get().kind()
                    == ServiceState.Kind.RUNNING).orElse(false), Duration.ofMinutes(3));
            System.out.println("up after " + seconds(started) + " s; RSS " + rss() + " MB");
            List<String> services = List.of("proxy", "web", "api", "worker", "db", "cache", "migrate");
            long nextReport = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            for (int step = 0; System.nanoTime() - started < length.toNanos(); step++) {
                String service = services.get(step % services.size());
                int tab = step % 5;
                driver.fx(() -> {
                    panes.graph().selectedNodeProperty().set(service);
                    driver.<TabPane>lookup("#detail-tabs").getSelectionModel().select(tab);
                });
                if (step % 6 == 3) {
                    driver.fx(() -> driver.<TabPane>lookup("#resources-tabs").getSelectionModel().select(1));
                    Thread.sleep(2_000);
                    driver.fx(() -> driver.<TabPane>lookup("#resources-tabs").getSelectionModel().select(0));
                }
                if (step % 12 == 6) {
                    driver.fx(() -> editMenuItem(driver).fire());
                    Thread.sleep(3_000);
                    driver.fx(() -> Window.getWindows().stream().filter(w -> w.isShowing() && w.getScene() != null
                            && w != driver.<Node>lookup("#detail-tabs").getScene().getWindow()).toList()
                            .forEach(Window::hide));
                }
                Thread.sleep(2_500);
                if (System.nanoTime() > nextReport) {
                    System.out.println("at " + seconds(started) + " s: RSS " + rss() + " MB, heap used "
                            + (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1_000_000 + " MB of "
                            + Runtime.getRuntime().totalMemory() / 1_000_000 + " MB committed, log lines kept " + driver.fx(() -> panes.logs().keptLines()));
                    nextReport += Duration.ofMinutes(1).toNanos();
                }
            }
            System.out.println("after " + seconds(started) + " s of use: RSS " + rss() + " MB");
            String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "gcClassHistogram", new Object[] {null}, new String[] {String[].class.getName()});
            histogram.lines().limit(30).forEach(System.out::println);
            System.out.println("after the histogram's full GC: RSS " + rss() + " MB");
            if (ManagementFactory.getRuntimeMXBean().getInputArguments().stream().anyMatch(a -> a.startsWith("-XX:NativeMemoryTracking"))) {
                System.out.println((String) ManagementFactory.getPlatformMBeanServer().invoke(
                        new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
                        new Object[] {new String[] {"summary", "scale=MB"}}, new String[] {String[].class.getName()}));
            }
            driver.fx(() -> driver.<Button>lookup("#button-down").fire());
            driver.waitUntil("down", () -> panes.containers().totalRows() == 0, Duration.ofMinutes(2));
        } finally {
            TestProjects.remove(project);
        }
        System.exit(0);
    }

    private static MenuItem editMenuItem(ScreenshotDriver driver) {
        MenuBar bar = driver.lookup(".menu-bar");
        return bar.getMenus().stream().flatMap(m -> m.getItems().stream())
                .filter(i -> i.getText() != null && i.getText().startsWith("Edit compose files")).findFirst().orElseThrow();
    }

    private static long seconds(long since) {
        return (System.nanoTime() - since) / 1_000_000_000L;
    }

    private static long rss() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
            }
        }
        return -1;
    }
}
