package dev.berth.app.gui.swarm;

import dev.berth.app.gui.fx.UiScheduler;
import dev.berth.compose.ComposeLoader;
import dev.berth.compose.Diagnostic;
import dev.berth.compose.LoadResult;
import dev.berth.compose.ProjectOptions;
import dev.berth.engine.stack.StackDeployer;
import dev.berth.engine.stack.StackException;
import dev.berth.engine.stack.StackSpec;
import dev.berth.engine.stack.StackSpecMapper;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * "Deploy as stack…": the opened project's compose files deployed to the swarm under an editable stack name.
 * {@link #preview()} loads the files under that name, maps them ({@link StackSpecMapper}) and asks the deployer
 * for a dry run, so the preview is the very plan {@code berth stack deploy --dry-run} prints; {@link #deploy()}
 * loads and plans again (the files or the swarm may have moved since) and executes it. Both run on the
 * background executor; results land on the UI thread. The Swarm tab follows the deploy from the engine's
 * events, not from here.
 */
public final class StackDeployViewModel {

    /** Idle, planning, deploying, deployed, failed. */
    public enum Phase { IDLE, PLANNING, PREVIEWED, DEPLOYING, DEPLOYED, FAILED }

    private final ProjectOptions project;
    private final SwarmSource source;
    private final UiScheduler ui;
    private final Executor background;
    private final StringProperty stackName = new SimpleStringProperty(this, "stackName");
    private final BooleanProperty prune = new SimpleBooleanProperty(this, "prune");
    private final BooleanProperty pinImages = new SimpleBooleanProperty(this, "pinImages");
    private final ReadOnlyObjectWrapper<StackPreview> preview = new ReadOnlyObjectWrapper<>(this, "preview");
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(this, "phase", Phase.IDLE);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ObservableList<String> progress = FXCollections.observableArrayList();
    private final AtomicLong generation = new AtomicLong();

    /** @param project the loader options of the opened project (its files, env files, profiles) */
    public StackDeployViewModel(ProjectOptions project, String defaultName, SwarmSource source, UiScheduler ui, Executor background) {
        this.project = project;
        this.source = source;
        this.ui = ui;
        this.background = background;
        stackName.set(defaultName);
        busy.bind(phase.isEqualTo(Phase.PLANNING).or(phase.isEqualTo(Phase.DEPLOYING)));
    }

    /** Plans a dry run for the current name and prune choice (UI thread). */
    public void preview() {
        String name = stackName.get();
        boolean pruning = prune.get();
        long mine = generation.incrementAndGet();
        phase.set(Phase.PLANNING);
        error.set("");
        background.execute(() -> {
            try {
                StackSpec desired = map(name);
                StackDeployer.Result result = source.deploy(desired, new StackDeployer.Options(pruning, StackDeployer.ResolveImage.NEVER, true),
                        line -> { });
                StackPreview shown = StackPreview.of(result.plan(), warnings(desired));
                ui.execute(() -> {
                    if (generation.get() == mine) {
                        preview.set(shown);
                        phase.set(Phase.PREVIEWED);
                    }
                });
            } catch (RuntimeException e) {
                failed(mine, "Planning stack " + name + " failed", e);
            }
        });
    }

    /** Deploys (UI thread): each step's line lands in {@link #progress()}; the engine's warnings after them. */
    public void deploy() {
        String name = stackName.get();
        StackDeployer.Options options = new StackDeployer.Options(prune.get(),
                pinImages.get() ? StackDeployer.ResolveImage.ALWAYS : StackDeployer.ResolveImage.NEVER, false);
        long mine = generation.incrementAndGet();
        phase.set(Phase.DEPLOYING);
        error.set("");
        progress.clear();
        background.execute(() -> {
            try {
                StackDeployer.Result result = source.deploy(map(name), options, line -> ui.execute(() -> progress.add(line)));
                ui.execute(() -> {
                    result.warnings().forEach(w -> progress.add("warning: " + w));
                    progress.add(result.plan().changesNothing() ? "Stack " + name + " is up to date." : "Deployed stack " + name + ".");
                    if (generation.get() == mine) {
                        phase.set(Phase.DEPLOYED);
                    }
                });
            } catch (RuntimeException e) {
                failed(mine, "Deploying stack " + name + " failed", e);
            }
        });
    }

    private StackSpec map(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("the stack needs a name");
        }
        LoadResult loaded = ComposeLoader.load(project.withProjectName(name));
        String problems = String.join("\n", loaded.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::toString).toList());
        return StackSpecMapper.map(loaded.project().orElseThrow(() -> new IllegalStateException(
                "the compose files could not be loaded" + (problems.isEmpty() ? "" : ":\n" + problems))), name);
    }

    private static List<Diagnostic> warnings(StackSpec desired) {
        return desired.diagnostics().stream().filter(d -> !d.isError()).toList();
    }

    private void failed(long mine, String what, RuntimeException e) {
        String text = what + ": " + message(e);
        ui.execute(() -> {
            if (generation.get() == mine) {
                error.set(text);
                phase.set(Phase.FAILED);
            }
        });
    }

    /** The exception's message, with a StackException's diagnostics (which secret, which position). */
    private static String message(RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof StackException stack && !stack.diagnostics().isEmpty()) {
            message += "\n" + String.join("\n", stack.diagnostics().stream().map(Diagnostic::toString).toList());
        }
        return message;
    }

    public StringProperty stackNameProperty() {
        return stackName;
    }

    /** {@code --prune}: remove the stack's services that are gone from the files. */
    public BooleanProperty pruneProperty() {
        return prune;
    }

    /** {@code --resolve-image always} when set; off by default, since a local image has no registry to ask. */
    public BooleanProperty pinImagesProperty() {
        return pinImages;
    }

    public ReadOnlyObjectProperty<StackPreview> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The deploy's step lines ("Creating service demo_web"), then its warnings and outcome. */
    public ObservableList<String> progress() {
        return progress;
    }
}
