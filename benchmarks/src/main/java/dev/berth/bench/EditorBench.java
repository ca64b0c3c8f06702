package dev.berth.bench;

import dev.berth.app.gui.editor.CodeEditor;
import dev.berth.app.gui.editor.EditorViewModel;
import dev.berth.app.gui.editor.EditorWindow;
import dev.berth.app.gui.editor.RecoveryStore;
import dev.berth.app.gui.editor.ValidationService;
import dev.berth.app.gui.fx.FxUiScheduler;
import dev.berth.app.workspace.ProjectInvocation;
import dev.berth.compose.ProjectOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;

/**
 * The editor on a 2,000-line compose file in a real window (run it under Xvfb):
 * <ol>
 *   <li>validation of the whole project, warm (the same load the editor runs), median and p95;</li>
 *   <li>keystroke to paint: a key typed into the editor until the end of the next pulse's layout,
 *       with live validation on and off, typing faster than the debounce so validations overlap typing;</li>
 *   <li>last keystroke to problems shown: a typo typed, until the problems list has it.</li>
 * </ol>
 * Run: {@code xvfb-run -a benchmarks/run EditorBench [keystrokes]}.
 */
public final class EditorBench {

    public static void main(String[] args) throws Exception {
        int keystrokes = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        Path dir = Files.createTempDirectory("berth-editor-bench");
        Path file = GeneratedCompose.write(dir, EditorValidationBenchmark.SERVICES_FOR_2000_LINES);
        String text = Files.readString(file);
        System.out.printf("project: %s, %d lines; load average before: %s%n", file, text.split("\n", -1).length - 1,
                Files.readString(Path.of("/proc/loadavg")).strip());

        // 1. Validation, warm.
        ProjectOptions options = ProjectOptions.ofFiles(file).withEnvironment(Map.of());
        List<Long> loads = new ArrayList<>();
        List<Long> loadCpu = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            String edited = text.replace("com.example.index: \"5\"", "com.example.index: \"5" + (i % 10) + "\"");
            long c0 = CPU.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            ValidationService.load(options, Map.of(file, edited));
            if (i >= 30) {
                loads.add(System.nanoTime() - t0);
                loadCpu.add(CPU.getCurrentThreadCpuTime() - c0);
            }
        }
        report("validation of the 2,000-line project (warm), wall clock", loads);
        report("validation of the 2,000-line project (warm), CPU time of the validating thread", loadCpu);

        // 2 and 3: in a window.
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        var background = Executors.newVirtualThreadPerTaskExecutor();
        EditorViewModel model = new EditorViewModel(ProjectInvocation.ofPath(file), Map.of(), new FxUiScheduler(), background,
                new ValidationService(EditorWindow.DEBOUNCE), new RecoveryStore(dir.resolve("recovery")), Optional::empty);
        CompletableFuture<EditorWindow> shown = new CompletableFuture<>();
        Platform.runLater(() -> {
            Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
            shown.complete(EditorWindow.show(new Stage(), model));
        });
        EditorWindow window = shown.get();
        model.open().get();
        waitUntil(() -> model.validationsProperty().get() > 0 && window.view().editor("compose.yaml").isPresent());
        CodeEditor editor = onFx(() -> window.view().editor("compose.yaml").orElseThrow());
        CodeArea area = editor.area();
        // Type inside a label value in the middle of the file: the file stays valid, completion stays quiet.
        int line = onFx(() -> {
            for (int p = 1000; p < area.getParagraphs().size(); p++) {
                if (area.getParagraph(p).getText().contains("com.example.index")) {
                    return p;
                }
            }
            return 1000;
        });

        for (boolean validation : new boolean[] {false, true, false, true}) {
            onFx(() -> {
                model.setValidationEnabled(validation);
                area.requestFocus();
                area.moveTo(line, area.getParagraph(line).length() - 1);
                return null;
            });
            long validationsBefore = model.validationsProperty().get();
            List<Long> cpu = Collections.synchronizedList(new ArrayList<>());
            List<Long> latencies = typeAndMeasure(window, area, keystrokes, 60, cpu);
            report("keystroke to paint, validation " + (validation ? "ON " : "OFF") + " (" + (model.validationsProperty().get() - validationsBefore)
                    + " validations ran while typing)", latencies);
            report("  FX-thread CPU time from key to end of layout, validation " + (validation ? "ON " : "OFF"), cpu);
        }

        // 3. Last keystroke to problems shown.
        List<Long> toProblems = new ArrayList<>();
        onFx(() -> {
            model.setValidationEnabled(true);
            return null;
        });
        for (int i = 0; i < 15; i++) {
            boolean typo = i % 2 == 0;
            long before = model.validationsProperty().get();
            AtomicLong t0 = new AtomicLong();
            onFx(() -> {
                int p = line;
                while (!area.getParagraph(p).getText().contains("labels:") && !area.getParagraph(p).getText().contains("lables:")) {
                    p--;
                }
                String current = area.getParagraph(p).getText();
                String next = typo ? current.replace("labels:", "lables:") : current.replace("lables:", "labels:");
                area.moveTo(p, 0);
                t0.set(System.nanoTime());
                area.replaceText(p, 0, p, current.length(), next);
                return null;
            });
            waitUntil(() -> model.validationsProperty().get() > before && (typo == !model.problems().isEmpty()));
            long t1 = onFx(System::nanoTime);
            toProblems.add(t1 - t0.get());
            Thread.sleep(100);
        }
        report("last keystroke to problems list updated (debounce " + EditorWindow.DEBOUNCE.toMillis() + " ms included)", toProblems);

        System.out.printf("load average after: %s%n", Files.readString(Path.of("/proc/loadavg")).strip());
        Platform.runLater(() -> {
            window.dispose();
            Platform.exit();
        });
        background.shutdownNow();
        System.exit(0);
    }

    /** Types {@code n} characters, one every {@code intervalMs}; each latency runs from the key event to the next pulse's end of layout. */
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private static List<Long> typeAndMeasure(EditorWindow window, CodeArea area, int n, long intervalMs, List<Long> cpu) throws Exception {
        List<Long> out = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < n; i++) {
            String ch = i % 2 == 0 ? "x" : "y";
            boolean delete = i % 20 == 19;
            CountDownLatch painted = new CountDownLatch(1);
            Platform.runLater(() -> {
                long t0 = System.nanoTime();
                long c0 = CPU.getCurrentThreadCpuTime();
                Runnable[] listener = new Runnable[1];
                listener[0] = () -> {
                    out.add(System.nanoTime() - t0);
                    cpu.add(CPU.getCurrentThreadCpuTime() - c0);
                    window.stage().getScene().removePostLayoutPulseListener(listener[0]);
                    painted.countDown();
                };
                window.stage().getScene().addPostLayoutPulseListener(listener[0]);
                if (delete) {
                    int caret = area.getCaretPosition();
                    area.deleteText(caret - 19, caret);
                } else {
                    Event.fireEvent(area, new KeyEvent(KeyEvent.KEY_TYPED, ch, ch, KeyCode.UNDEFINED, false, false, false, false));
                }
                Platform.requestNextPulse();
            });
            painted.await(5, TimeUnit.SECONDS);
            Thread.sleep(intervalMs);
        }
        return out;
    }

    private static void report(String what, List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        double median = sorted.get(sorted.size() / 2) / 1e6;
        double p95 = sorted.get((int) Math.min(sorted.size() - 1, Math.round(sorted.size() * 0.95))) / 1e6;
        double max = sorted.getLast() / 1e6;
        System.out.printf("%-95s n=%3d  median %7.2f ms  p95 %7.2f ms  max %7.2f ms%n", what, sorted.size(), median, p95, max);
    }

    private static <T> T onFx(Callable<T> call) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(call.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(30, TimeUnit.SECONDS);
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out");
            }
            Thread.sleep(1);
        }
    }
}
