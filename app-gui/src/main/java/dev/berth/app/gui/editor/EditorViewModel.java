package dev.berth.app.gui.editor;

import dev.berth.app.gui.fx.UiScheduler;
import dev.berth.app.workspace.ProjectInvocation;
import dev.berth.compose.ComposeLoader;
import dev.berth.compose.Diagnostic;
import dev.berth.compose.LoadResult;
import dev.berth.compose.Location;
import dev.berth.compose.ProjectOptions;
import dev.berth.compose.model.EnvFile;
import dev.berth.compose.model.Project;
import dev.berth.compose.model.ServiceSpec;
import dev.berth.compose.validation.SchemaCatalog;
import dev.berth.engine.api.Filters;
import dev.berth.engine.compose.ComposeEngine;
import dev.berth.engine.compose.UpOptions;
import dev.berth.engine.compose.plan.Operation;
import dev.berth.engine.compose.plan.Plan;
import dev.berth.engine.compose.progress.ProgressListener;
import dev.berth.engine.compose.progress.ResourceKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The editor of one project: its open files (compose files, overrides, {@code .env}, env files), live
 * validation of all of them together, the problems list and status, completion's knowledge of declared
 * names and local images, saving (atomic, with recovery files of unsaved work), changes made on disk by
 * others, the plan preview before Up, and drift between the saved files and what runs. All I/O runs on
 * {@code background}; results come back through {@code ui}. Testable without a display.
 */
public final class EditorViewModel implements AutoCloseable {

    private final ProjectInvocation invocation;
    private final Map<String, String> environment;
    private final UiScheduler ui;
    private final Executor background;
    private final ValidationService validation;
    private final RecoveryStore recovery;
    private final Supplier<Optional<ComposeEngine>> engine;
    private final CompletionEngine completion = new CompletionEngine(SchemaCatalog.shared());

    private final ObservableList<EditorDocument> documents = FXCollections.observableArrayList();
    private final ObservableList<Problem> problems = FXCollections.observableArrayList();
    private final StringProperty status = new SimpleStringProperty("Loading…");
    private final StringProperty drift = new SimpleStringProperty();
    private final LongProperty validations = new SimpleLongProperty();
    private final ObjectProperty<Duration> lastValidation = new SimpleObjectProperty<>(Duration.ZERO);
    private final Map<Path, Long> recoveryPending = new LinkedHashMap<>();
    private volatile List<String> imageNames = List.of();
    private volatile boolean imagesAsked;
    private LoadResult lastResult;
    private long lastGeneration;
    private boolean validationEnabled = true;

    public EditorViewModel(ProjectInvocation invocation, Map<String, String> environment, UiScheduler ui, Executor background,
                           ValidationService validation, RecoveryStore recovery, Supplier<Optional<ComposeEngine>> engine) {
        this.invocation = invocation;
        this.environment = Map.copyOf(environment);
        this.ui = ui;
        this.background = background;
        this.validation = validation;
        this.recovery = recovery;
        this.engine = engine;
    }

    // ---- opening ---------------------------------------------------------------------------------

    /** Reads the project's files off the UI thread, then shows them (with any recovered unsaved work) and validates. */
    public CompletableFuture<Void> open() {
        return CompletableFuture.supplyAsync(this::readFiles, background).thenAccept(read -> ui.execute(() -> {
            for (Map.Entry<Path, String> file : read.entrySet()) {
                EditorDocument document = new EditorDocument(file.getKey(), file.getValue());
                recovery.load(file.getKey()).filter(text -> !text.equals(file.getValue())).ifPresent(document.recoveredProperty()::set);
                documents.add(document);
            }
            validateNow();
            refreshDrift();
        }));
    }

    /** Compose files, then env files: the {@code --env-file}s or {@code .env}, then every service's existing {@code env_file}. */
    private Map<Path, String> readFiles() {
        ProjectOptions options = options();
        List<Path> composeFiles = options.composeFiles().isEmpty()
                ? ProjectOptions.discoverComposeFiles(options.workingDir()) : options.composeFiles();
        Set<Path> files = new LinkedHashSet<>();
        composeFiles.forEach(f -> files.add(f.toAbsolutePath().normalize()));
        Path projectDir = projectDirectory(composeFiles);
        if (!invocation.envFiles().isEmpty()) {
            invocation.envFiles().forEach(f -> files.add(projectDir.resolve(f).normalize()));
        } else if (Files.isRegularFile(projectDir.resolve(".env"))) {
            files.add(projectDir.resolve(".env"));
        }
        ComposeLoaderProbe.envFiles(options.withComposeFiles(List.copyOf(composeFiles))).forEach(files::add);
        Map<Path, String> read = new LinkedHashMap<>();
        for (Path file : files) {
            try {
                read.put(file, Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "");
            } catch (IOException e) {
                read.put(file, "");
            }
        }
        return read;
    }

    private Path projectDirectory(List<Path> composeFiles) {
        if (invocation.projectDirectory() != null) {
            return invocation.projectDirectory().toAbsolutePath().normalize();
        }
        return composeFiles.isEmpty() ? Path.of("").toAbsolutePath() : composeFiles.getFirst().toAbsolutePath().getParent();
    }

    /** The loader options of the project, as opened. */
    public ProjectOptions options() {
        return invocation.toOptions(environment);
    }

    // ---- validation ------------------------------------------------------------------------------

    /** The view calls this after each change of a document's text: validation runs after the debounce. */
    public void edited(EditorDocument document) {
        if (validationEnabled) {
            // The status keeps the last result while typing: flipping it on every key only makes noise.
            requestValidation();
        }
        scheduleRecovery(document);
    }

    /** For the latency benchmark: typing with validation off. */
    public void setValidationEnabled(boolean on) {
        validationEnabled = on;
    }

    /** Validates now (still off the UI thread, after the debounce). */
    public void validateNow() {
        requestValidation();
    }

    private void requestValidation() {
        Map<Path, String> texts = new LinkedHashMap<>();
        for (EditorDocument d : documents) {
            texts.put(d.path(), d.text());
        }
        validation.request(options(), texts, result -> ui.execute(() -> applyValidation(result)));
    }

    private void applyValidation(ValidationService.Result result) {
        if (result.generation() < lastGeneration || result.generation() != validation.generation()) {
            return;
        }
        lastGeneration = result.generation();
        lastResult = result.load();
        lastValidation.set(result.took());
        Map<Path, List<Diagnostic>> byFile = new LinkedHashMap<>();
        documents.forEach(d -> byFile.put(d.path(), new ArrayList<>()));
        List<Problem> all = new ArrayList<>();
        for (Diagnostic diagnostic : result.load().diagnostics()) {
            Path file = diagnostic.location().file() == null ? null : diagnostic.location().file().toAbsolutePath().normalize();
            EditorDocument target = file == null ? null : document(file).orElse(null);
            if (target == null) {
                target = documents.isEmpty() ? null : documents.getFirst();
                diagnostic = new Diagnostic(diagnostic.severity(), diagnostic.code(), diagnostic.path(),
                        new Location(target == null ? null : target.path(), 1, 1), diagnostic.message()
                        + (file == null ? "" : " (in " + file.getFileName() + ")"), diagnostic.hint());
            }
            if (target != null) {
                byFile.get(target.path()).add(diagnostic);
                all.add(new Problem(target, diagnostic, Math.max(0, diagnostic.location().line() - 1)));
            }
        }
        // Unchanged results touch nothing on screen (typing in a valid file repaints no squiggles).
        for (EditorDocument d : documents) {
            if (!d.diagnostics().equals(byFile.get(d.path()))) {
                d.diagnostics().setAll(byFile.get(d.path()));
            }
        }
        if (!problems.equals(all)) {
            problems.setAll(all);
        }
        long errors = result.load().diagnostics().stream().filter(Diagnostic::isError).count();
        long warnings = result.load().diagnostics().size() - errors;
        status.set(errors == 0 && warnings == 0 ? "Valid"
                : errors + (errors == 1 ? " error, " : " errors, ") + warnings + (warnings == 1 ? " warning" : " warnings"));
        validations.set(validations.get() + 1);
    }

    // ---- completion and navigation ----------------------------------------------------------------

    /** Completion proposals in {@code document} at a caret. Local image names are fetched once, off the UI thread. */
    public List<CompletionItem> complete(EditorDocument document, int line, int column) {
        return complete(document, document.lines(), line, column);
    }

    /** The same, reading lines from {@code lines} (the editor passes a view of its paragraphs: no copy of the text per key). */
    public List<CompletionItem> complete(EditorDocument document, List<String> lines, int line, int column) {
        if (document.kind() != DocumentKind.COMPOSE) {
            return List.of();
        }
        return completion.complete(lines, line, column, this::declaredNames, this::images);
    }

    /** Names declared across all open compose files: section → names. */
    public Map<String, List<String>> declaredNames() {
        Map<String, List<String>> names = new LinkedHashMap<>();
        for (EditorDocument d : documents) {
            if (d.kind() == DocumentKind.COMPOSE) {
                YamlStructure.entries(d.lines()).forEach((section, entries) ->
                        entries.forEach(e -> names.computeIfAbsent(section, s -> new ArrayList<>()).add(e.name())));
            }
        }
        return names;
    }

    private List<String> images() {
        if (!imagesAsked) {
            imagesAsked = true;
            engine.get().ifPresent(compose -> background.execute(() -> {
                try {
                    List<String> names = new ArrayList<>();
                    compose.engine().images().list(false, Filters.none()).forEach(image -> {
                        if (image.repoTags() != null) {
                            image.repoTags().stream().filter(t -> !t.startsWith("<none>")).forEach(names::add);
                        }
                    });
                    imageNames = List.copyOf(names);
                } catch (RuntimeException e) {
                    imagesAsked = false;
                }
            }));
        }
        return imageNames;
    }

    /** Starts fetching local image names (the view calls it when the editor opens). */
    public void prefetchImages() {
        images();
    }

    /** Where {@code services.NAME} (or another section's entry) is defined: the document and 0-based line and column. */
    public Optional<Definition> definitionOf(String section, String name) {
        for (EditorDocument d : documents) {
            if (d.kind() != DocumentKind.COMPOSE) {
                continue;
            }
            for (YamlStructure.Entry e : YamlStructure.entries(d.lines()).getOrDefault(section, List.of())) {
                if (e.name().equals(name)) {
                    return Optional.of(new Definition(d, e.line(), e.column()));
                }
            }
        }
        return Optional.empty();
    }

    /** A place in an open document. */
    public record Definition(EditorDocument document, int line, int column) {}

    /** Explains {@code ${VAR}} under the mouse in terms of the open env files and the process environment. */
    public Optional<String> describeVariable(String reference) {
        List<VariableResolver.EnvSource> sources = new ArrayList<>();
        for (EditorDocument d : documents) {
            if (d.kind() == DocumentKind.ENV) {
                sources.add(new VariableResolver.EnvSource(d.path(), d.text()));
            }
        }
        return new VariableResolver(environment, sources).describe(reference);
    }

    // ---- saving, recovery, external changes --------------------------------------------------------

    /** Writes the document atomically off the UI thread; its recovery entry goes when the write succeeds. */
    public CompletableFuture<Void> save(EditorDocument document) {
        String text = document.text();
        return CompletableFuture.runAsync(() -> {
            try {
                AtomicFiles.write(document.path(), text);
                recovery.clear(document.path());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, background).thenRun(() -> ui.execute(() -> {
            document.savedTextProperty().set(text);
            document.externalChangeProperty().set(null);
            refreshDrift();
        }));
    }

    public CompletableFuture<Void> saveAll() {
        return CompletableFuture.allOf(documents.stream().filter(EditorDocument::isDirty).map(this::save).toArray(CompletableFuture[]::new));
    }

    /** Takes the recovered text into the editor (it stays unsaved). */
    public void restoreRecovered(EditorDocument document) {
        String text = document.recoveredProperty().get();
        if (text != null) {
            document.textProperty().set(text);
            document.recoveredProperty().set(null);
            edited(document);
        }
    }

    public void discardRecovered(EditorDocument document) {
        document.recoveredProperty().set(null);
        background.execute(() -> recovery.clear(document.path()));
    }

    /** Closing without saving: unsaved work is dropped and so is its recovery entry. */
    public void discard(EditorDocument document) {
        document.textProperty().set(document.savedTextProperty().get());
        background.execute(() -> recovery.clear(document.path()));
    }

    private void scheduleRecovery(EditorDocument document) {
        // Written at most every ~2 s per file: enough to lose little, cheap while typing.
        long now = System.nanoTime();
        Long last = recoveryPending.get(document.path());
        if (last != null && now - last < 2_000_000_000L) {
            return;
        }
        recoveryPending.put(document.path(), now);
        String text = document.text();
        boolean dirty = document.isDirty();
        background.execute(() -> {
            try {
                if (dirty) {
                    recovery.save(document.path(), text);
                } else {
                    recovery.clear(document.path());
                }
            } catch (IOException e) {
                // Recovery is best effort; the editor itself still holds the text.
            }
        });
    }

    /** Writes the recovery entries of all unsaved documents now (on close of the app, before a risky action). */
    public void flushRecovery() {
        recoveryPending.clear();
        documents.forEach(this::scheduleRecovery);
    }

    /**
     * Compares every document with its file on disk (off the UI thread): when another program changed it,
     * a clean document reloads; a document with unsaved edits gets an {@link EditorDocument.ExternalChange}
     * (reload or keep mine, with a diff).
     */
    public CompletableFuture<Void> checkDisk() {
        List<EditorDocument> snapshot = List.copyOf(documents);
        Map<EditorDocument, String> saved = new LinkedHashMap<>();
        Map<EditorDocument, String> current = new LinkedHashMap<>();
        snapshot.forEach(d -> {
            saved.put(d, d.savedTextProperty().get());
            current.put(d, d.text());
        });
        return CompletableFuture.runAsync(() -> {
            for (EditorDocument d : snapshot) {
                String disk;
                try {
                    disk = Files.isRegularFile(d.path()) ? Files.readString(d.path(), StandardCharsets.UTF_8) : null;
                } catch (IOException e) {
                    continue;
                }
                if (disk == null || disk.equals(saved.get(d))) {
                    continue;
                }
                String diff = TextDiff.diff(current.get(d), disk);
                ui.execute(() -> externalChange(d, disk, diff));
            }
        }, background);
    }

    private void externalChange(EditorDocument document, String disk, String diff) {
        if (!document.isDirty()) {
            document.textProperty().set(disk);
            document.savedTextProperty().set(disk);
            edited(document);
        } else {
            document.externalChangeProperty().set(new EditorDocument.ExternalChange(disk, diff));
        }
    }

    /** Takes the disk's version (my edits are dropped). */
    public void reloadFromDisk(EditorDocument document) {
        EditorDocument.ExternalChange change = document.externalChangeProperty().get();
        if (change != null) {
            document.textProperty().set(change.diskText());
            document.savedTextProperty().set(change.diskText());
            document.externalChangeProperty().set(null);
            edited(document);
        }
    }

    /** Keeps my edits; the next save overwrites the disk's version. */
    public void keepMine(EditorDocument document) {
        EditorDocument.ExternalChange change = document.externalChangeProperty().get();
        if (change != null) {
            document.savedTextProperty().set(change.diskText());
            document.externalChangeProperty().set(null);
        }
    }

    // ---- plan preview, up, drift -------------------------------------------------------------------

    /** The project as currently edited, loaded off the UI thread; fails with the errors when it does not load. */
    private CompletableFuture<Project> editedProject() {
        Map<Path, String> texts = new LinkedHashMap<>();
        documents.forEach(d -> texts.put(d.path(), d.text()));
        ProjectOptions options = options();
        return CompletableFuture.supplyAsync(() -> ValidationService.load(options, texts).orThrow(), background);
    }

    /** What Up would do with the edited (unsaved) texts against what runs now. */
    public CompletableFuture<PlanPreview> preview() {
        ComposeEngine compose = engine.get().orElse(null);
        if (compose == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("not connected to an engine"));
        }
        return editedProject().thenApplyAsync(project -> PlanPreview.of(compose.plan(project, UpOptions.defaults())), background);
    }

    /**
     * Runs Up after the user confirmed the preview: unsaved documents are saved first and Up runs what is then
     * on disk, so the containers match the files and the next Up (F5, the CLI) does not undo the change. When a
     * save fails nothing runs. Returns the executed plan.
     */
    public CompletableFuture<PlanPreview> up(ProgressListener progress) {
        ComposeEngine compose = engine.get().orElse(null);
        if (compose == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("not connected to an engine"));
        }
        ProjectOptions options = options();
        status.set(hasUnsavedChanges() ? "Saving, then running up…" : "Running up…");
        return saveAll().thenApplyAsync(saved -> ComposeLoader.load(options).orThrow(), background)
                .thenApplyAsync(project -> PlanPreview.of(compose.up(project, UpOptions.defaults(), progress)), background)
                .whenComplete((plan, error) -> ui.execute(() -> {
                    status.set(error == null ? "Up done" : "Up failed: " + rootMessage(error));
                    refreshDrift();
                }));
    }

    /**
     * Drift: containers of the project exist but the saved files would recreate or remove some of them
     * (someone ran a different file, or edited and saved without Up). Shown as a short sentence, or null.
     */
    public void refreshDrift() {
        ComposeEngine compose = engine.get().orElse(null);
        if (compose == null) {
            drift.set(null);
            return;
        }
        ProjectOptions options = options();
        CompletableFuture.supplyAsync(() -> {
            LoadResult saved = ComposeLoader.load(options);
            if (saved.project().isEmpty()) {
                return null;
            }
            Plan plan = compose.plan(saved.project().get(), UpOptions.defaults());
            boolean running = plan.operations().stream().anyMatch(op -> op.action() == Operation.Action.RECREATE
                    || op.action() == Operation.Action.NONE && op.kind() == ResourceKind.CONTAINER
                    || op.action() == Operation.Action.REMOVE);
            List<String> drifted = plan.operations().stream()
                    .filter(op -> op.action() == Operation.Action.RECREATE || op.action() == Operation.Action.REMOVE)
                    .map(op -> op.service() == null ? op.name() : op.service()).distinct().toList();
            return running && !drifted.isEmpty() ? "Drift: running containers differ from the saved file (" + String.join(", ", drifted) + ")" : null;
        }, background).whenComplete((text, error) -> ui.execute(() -> drift.set(error == null ? text : null)));
    }

    static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && (t instanceof CompletionException || t instanceof ExecutionException)) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    // ---- accessors ---------------------------------------------------------------------------------

    public ObservableList<EditorDocument> documents() {
        return documents;
    }

    public Optional<EditorDocument> document(Path file) {
        Path key = file.toAbsolutePath().normalize();
        return documents.stream().filter(d -> d.path().equals(key)).findFirst();
    }

    public ObservableList<Problem> problems() {
        return problems;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    public ReadOnlyStringProperty driftProperty() {
        return drift;
    }

    /** Counts finished validations (tests wait on it). */
    public LongProperty validationsProperty() {
        return validations;
    }

    public ObjectProperty<Duration> lastValidationProperty() {
        return lastValidation;
    }

    public Optional<LoadResult> lastResult() {
        return Optional.ofNullable(lastResult);
    }

    public boolean hasUnsavedChanges() {
        return documents.stream().anyMatch(EditorDocument::isDirty);
    }

    public String title() {
        return invocation.label();
    }

    @Override
    public void close() {
        validation.close();
    }

    /** Reads which env files the services name, from a load of the files on disk. */
    static final class ComposeLoaderProbe {
        private ComposeLoaderProbe() {}

        static List<Path> envFiles(ProjectOptions options) {
            LoadResult result = ComposeLoader.load(options.withConsistencyChecks(false));
            List<Path> out = new ArrayList<>();
            result.project().ifPresent(project -> {
                for (ServiceSpec service : project.services().values()) {
                    for (EnvFile envFile : service.envFiles()) {
                        Path p = project.workingDir().resolve(envFile.path()).normalize();
                        if (Files.isRegularFile(p)) {
                            out.add(p);
                        }
                    }
                }
            });
            return out;
        }
    }
}
