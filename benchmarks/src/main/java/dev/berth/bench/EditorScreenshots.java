package dev.berth.bench;

import dev.berth.app.gui.editor.CodeEditor;
import dev.berth.app.gui.editor.EditorViewModel;
import dev.berth.app.gui.editor.EditorWindow;
import dev.berth.app.gui.editor.RecoveryStore;
import dev.berth.app.gui.editor.ValidationService;
import dev.berth.app.gui.fx.FxUiScheduler;
import dev.berth.app.workspace.ProjectInvocation;
import dev.berth.compose.ComposeLoader;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.compose.ComposeEngine;
import dev.berth.engine.compose.DownOptions;
import dev.berth.engine.compose.UpOptions;
import dev.berth.engine.compose.progress.ProgressListener;
import dev.berth.testkit.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;

/**
 * Takes the editor's screenshots in a real window on the real engine (run under Xvfb, needs ImageMagick's
 * {@code import}): errors shown, completion open, the plan preview. Uses a project with a unique name and
 * removes it at the end. Run: {@code xvfb-run -a -s "-screen 0 1280x800x24" benchmarks/run EditorScreenshots docs/screenshots}.
 */
public final class EditorScreenshots {

    private static final String COMPOSE = """
            # The demo shop: a web front end and its database.
            x-defaults: &defaults
              restart: unless-stopped

            services:
              web:
                <<: *defaults
                image: berth-test/busybox:${TAG:-latest}
                command: ["sleep", "3600"]
                environment:
                  FOO: a
                  LOG_LEVEL: info
                depends_on:
                  db:
                    condition: service_started
              db:
                <<: *defaults
                image: berth-test/busybox:latest
                command: ["sleep", "3600"]
                volumes:
                  - data:/var/lib/data

            volumes:
              data: {}
            """;

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots").toAbsolutePath();
        Files.createDirectories(out);
        Path dir = Files.createTempDirectory("berth-shots");
        Path file = dir.resolve("compose.yaml");
        Files.writeString(file, COMPOSE);
        Files.writeString(dir.resolve(".env"), "# image tag for web\nTAG=latest\n");
        String name = "editorshots" + UUID.randomUUID().toString().substring(0, 6);
        ProjectInvocation invocation = new ProjectInvocation(List.of(file), List.of(), List.of(), dir, name);

        EngineClient client = EngineClient.connect(new EngineEndpoint.Unix(TestEngine.socket()));
        ComposeEngine compose = new ComposeEngine(client);
        compose.up(ComposeLoader.load(invocation.toOptions(Map.of())).orThrow(), UpOptions.defaults(), ProgressListener.NONE);
        try {
            CountDownLatch started = new CountDownLatch(1);
            Platform.startup(started::countDown);
            started.await();
            var background = Executors.newVirtualThreadPerTaskExecutor();
            EditorViewModel model = new EditorViewModel(invocation, Map.of(), new FxUiScheduler(), background,
                    new ValidationService(EditorWindow.DEBOUNCE), new RecoveryStore(dir.resolve("recovery")), () -> Optional.of(compose));
            EditorWindow window = onFx(() -> {
                Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
                Stage stage = new Stage();
                stage.setX(0);
                stage.setY(0);
                EditorWindow w = EditorWindow.show(stage, model);
                stage.setWidth(1280);
                stage.setHeight(800);
                return w;
            });
            model.open().get();
            waitUntil(() -> model.validationsProperty().get() > 0 && window.view().editor("compose.yaml").isPresent());
            CodeEditor editor = onFx(() -> window.view().editor("compose.yaml").orElseThrow());
            CodeArea area = editor.area();
            Thread.sleep(800);

            // 1. A typo'd key: squiggle, gutter marker, problems entry, tooltip.
            long before = model.validationsProperty().get();
            onFx(() -> {
                area.requestFocus();
                area.insertText(12, 0, "    helthcheck:\n      test: [\"CMD\", \"true\"]\n");
                return null;
            });
            waitUntil(() -> model.validationsProperty().get() > before && !model.problems().isEmpty());
            Thread.sleep(300);
            onFx(() -> {
                area.moveTo(12, 8);
                Bounds b = area.getCharacterBoundsOnScreen(area.getAbsolutePosition(12, 6), area.getAbsolutePosition(12, 7)).orElseThrow();
                String text = model.problems().getFirst().diagnostic().severity().label() + ": " + model.problems().getFirst().diagnostic().message()
                        + "\nhint: " + model.problems().getFirst().diagnostic().hint();
                editor.showTooltip(text, b.getMinX(), b.getMaxY() + 6);
                return null;
            });
            shoot(out.resolve("editor-errors.png"));

            // 2. Fixed; completion opened on a new key under web.
            long fixed = model.validationsProperty().get();
            onFx(() -> {
                editor.tooltipLabel().getScene().getWindow().hide();
                area.replaceText(12, 0, 12, "    helthcheck:".length(), "    healthcheck:");
                return null;
            });
            waitUntil(() -> model.validationsProperty().get() > fixed && model.problems().isEmpty());
            onFx(() -> {
                area.insertText(14, 0, "    s\n");
                area.moveTo(14, 5);
                area.requestFocus();
                editor.showCompletion(true);
                var items = editor.completionList().getItems();
                items.stream().filter(i -> i.label().equals("stop_grace_period")).findFirst().ifPresent(item -> {
                    editor.completionList().getSelectionModel().select(item);
                    editor.completionList().scrollTo(Math.max(0, items.indexOf(item) - 3));
                });
                return null;
            });
            Thread.sleep(700);
            shoot(out.resolve("editor-completion.png"));

            // 3. Apply after changing an environment value: the plan preview.
            onFx(() -> {
                area.deleteText(14, 0, 15, 0);
                int foo = -1;
                for (int p = 0; p < area.getParagraphs().size(); p++) {
                    if (area.getParagraph(p).getText().equals("      FOO: a")) {
                        foo = p;
                    }
                }
                area.replaceText(foo, 11, foo, 12, "b");
                area.moveTo(foo, 12);
                return null;
            });
            Thread.sleep(400);
            onFx(() -> {
                window.view().apply();
                return null;
            });
            waitUntil(() -> {
                try {
                    return onFx(() -> window.view().planPane().lookup("#run-up") != null);
                } catch (Exception e) {
                    return false;
                }
            });
            Thread.sleep(700);
            shoot(out.resolve("editor-plan.png"));

            Platform.runLater(() -> {
                window.dispose();
                Platform.exit();
            });
            background.shutdownNow();
        } finally {
            compose.down(name, null, new DownOptions(true, DownOptions.RemoveImages.NONE, true, Duration.ofSeconds(1)), ProgressListener.NONE);
            client.close();
        }
        System.exit(0);
    }

    private static void shoot(Path png) throws Exception {
        // Software rendering under a busy Xvfb lags: let a few frames reach the screen first.
        for (int i = 0; i < 4; i++) {
            onFx(() -> {
                Platform.requestNextPulse();
                return null;
            });
            Thread.sleep(500);
        }
        Process p = new ProcessBuilder("import", "-display", System.getenv("DISPLAY"), "-window", "root", png.toString())
                .inheritIO().start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("import failed for " + png);
        }
        System.out.println("wrote " + png);
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
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out");
            }
            Thread.sleep(20);
        }
    }
}
