package dev.berth.app.cli;

import dev.berth.bridge.discovery.DiscoveredEngine;
import dev.berth.bridge.discovery.EngineDiscovery;
import dev.berth.bridge.discovery.HostEnvironment;
import dev.berth.bridge.vm.VmManager;
import dev.berth.compose.ComposeLoader;
import dev.berth.compose.Diagnostic;
import dev.berth.compose.LoadResult;
import dev.berth.compose.ProjectOptions;
import dev.berth.compose.load.ProjectNames;
import dev.berth.compose.model.Project;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.compose.ComposeEngine;
import dev.berth.engine.compose.progress.JsonProgressRenderer;
import dev.berth.engine.compose.progress.PlainProgressRenderer;
import dev.berth.engine.compose.progress.ProgressListener;
import dev.berth.engine.compose.progress.TtyProgressRenderer;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * What every project command needs, in one place: the project (loaded lazily, only when the command
 * needs the file), the engine connection (opened lazily, closed at the end), the project name (from
 * {@code -p} alone when there is no compose file, so {@code berth -p demo down} works anywhere, as in
 * Compose) and the progress renderer {@code --progress} asks for.
 */
final class CliSession implements AutoCloseable {

    private final ComposeCommand command;
    private final BerthCli root;
    private final Map<String, String> environment;
    private final Path workingDir;
    private DiscoveredEngine engine;
    private FutureTask<DiscoveredEngine> connecting;
    private ComposeEngine compose;
    private Project project;

    CliSession(ComposeCommand command, BerthCli root, Map<String, String> environment, Path workingDir) {
        this.command = command;
        this.root = root;
        this.environment = environment;
        this.workingDir = workingDir;
    }

    PrintWriter out() {
        return command.spec.commandLine().getOut();
    }

    PrintWriter err() {
        return command.spec.commandLine().getErr();
    }

    InputStream in() {
        return root == null ? InputStream.nullInputStream() : root.in();
    }

    /** Standard output for bytes (a tar from {@code cp … -}); everything written to {@link #out()} is flushed first. */
    OutputStream bytesOut() {
        out().flush();
        return root == null ? OutputStream.nullOutputStream() : root.bytesOut();
    }

    /** True when Berth runs on a terminal (not in tests, not piped): live progress, colours, TTY for exec. */
    boolean terminal() {
        return root != null && root.terminal();
    }

    /**
     * Starts finding and greeting the engine on a virtual thread while the caller loads the compose files:
     * the two are independent, and each costs a cold JVM some 50–100 ms. Errors surface from {@link #compose()}.
     */
    void connectInBackground() {
        if (connecting == null && compose == null) {
            connecting = new FutureTask<>(this::discover);
            Thread.ofVirtual().name("berth-connect").start(connecting);
        }
    }

    private DiscoveredEngine discover() {
        return EngineDiscovery.standard(HostEnvironment.current()).discover(command.engineOptions.discoveryOptions());
    }

    /** The engine's compose verbs; connects on first use. */
    ComposeEngine compose() {
        if (compose == null) {
            engine = connecting == null ? discover() : joinConnecting();
            compose = new ComposeEngine(engine.client());
        }
        return compose;
    }

    private DiscoveredEngine joinConnecting() {
        try {
            return connecting.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while connecting to the engine", 130);
        }
    }

    /**
     * When the engine is Berth's VM: refuses a project whose bind mounts lie outside the VM's shares, before
     * anything is created (the guest engine would otherwise mount an empty folder of its own).
     */
    void checkVmShares(Project loaded) {
        compose();
        if (engine.endpoint() instanceof EngineEndpoint.Unix unix) {
            VmManager.standard(HostEnvironment.current()).bindMountRefusal(unix.socket(), loaded).ifPresent(message -> {
                throw new CliException(message);
            });
        }
    }

    EngineClient client() {
        return compose().engine();
    }

    /** The loaded project; diagnostics go to stderr, and a project that does not load ends the command. */
    Project project() {
        if (project == null) {
            LoadResult result = ComposeLoader.load(loaderOptions());
            for (Diagnostic diagnostic : result.diagnostics()) {
                err().println(diagnostic);
            }
            err().flush();
            project = result.project().orElseThrow(() -> new CliException("the project could not be loaded (see above)"));
        }
        return project;
    }

    /**
     * The project name. With {@code -p} and no compose file given or found, the name alone: commands that
     * act on what runs ({@code ps}, {@code down}, {@code logs}…) then work from the engine's labels.
     */
    String projectName() {
        String explicit = explicitName();
        if (project == null && explicit != null) {
            // What the loader would name it, without reading the files (ps, logs, stop... only need the name).
            if (!ProjectNames.isValid(explicit)) {
                throw new CliException("invalid project name \"" + explicit + "\": must consist only of lowercase alphanumeric characters, hyphens, and underscores as well as start with a letter or number");
            }
            return explicit;
        }
        return project().name();
    }

    /** The loaded project, or null when only {@code -p NAME} was given and there is no compose file. */
    Project projectIfAny() {
        if (project == null && explicitName() != null && noFilesGiven()
                && ProjectOptions.discoverComposeFiles(baseDirectory()).isEmpty()) {
            return null;
        }
        return project();
    }

    /** Services named on the command line, checked against the project when there is one. */
    Set<String> services(Collection<String> named) {
        Set<String> services = new LinkedHashSet<>(named);
        Project loaded = named.isEmpty() ? null : projectIfAny();
        if (loaded != null) {
            for (String name : services) {
                if (!loaded.services().containsKey(name)) {
                    String hint = loaded.disabledServices().containsKey(name)
                            ? " (it is in a profile that is not enabled: add --profile)" : "";
                    throw new CliException("no such service: " + name + hint);
                }
            }
        }
        return services;
    }

    /** {@code COMPOSE_PROGRESS} (process environment or .env), else auto. */
    private ProgressMode progressFromEnvironment() {
        String v = environment.get("COMPOSE_PROGRESS");
        for (ProgressMode m : ProgressMode.values()) {
            if (m.name().equals(v)) {
                return m;
            }
        }
        return ProgressMode.auto;
    }

    /** A boolean {@code COMPOSE_*} setting (process environment or .env), such as COMPOSE_REMOVE_ORPHANS. */
    boolean setting(String name) {
        return ComposeSettings.flag(environment, name);
    }

    /** A progress renderer on stderr as {@code --progress} says; {@code title} heads the live view. */
    ProgressListener progress(String title) {
        PrintWriter err = err();
        ProgressMode mode = command.progressMode != null ? command.progressMode
                : root != null && root.progressMode() != null ? root.progressMode() : progressFromEnvironment();
        if (mode == ProgressMode.auto) {
            mode = terminal() ? ProgressMode.tty : ProgressMode.plain;
        }
        return switch (mode) {
            case tty -> new TtyProgressRenderer(err, title);
            case json -> new JsonProgressRenderer(err);
            case quiet -> ProgressListener.NONE;
            default -> new PlainProgressRenderer(err);
        };
    }

    /**
     * Project flags are global, as in {@code docker compose} ({@code berth -f x.yaml -p demo up}): after the
     * subcommand {@code -f} means {@code --follow} or {@code --force}, so only the root command's are read.
     */
    private ProjectOptionsMixin projectFlags() {
        return root == null ? new ProjectOptionsMixin() : root.projectOptions();
    }

    ProjectOptions loaderOptions() {
        return projectFlags().toOptions(null, environment, workingDir, in());
    }

    private String explicitName() {
        String global = projectFlags().projectName;
        if (global != null) {
            return global;
        }
        String fromEnvironment = environment.get("COMPOSE_PROJECT_NAME");
        return fromEnvironment == null || fromEnvironment.isEmpty() ? null : fromEnvironment;
    }

    private boolean noFilesGiven() {
        return projectFlags().files.isEmpty() && !environment.containsKey("COMPOSE_FILE");
    }

    private Path baseDirectory() {
        Path dir = projectFlags().projectDirectory;
        return dir == null ? workingDir : workingDir.resolve(dir);
    }

    @Override
    public void close() {
        if (engine != null) {
            engine.close();
        } else if (connecting != null) {
            // Never used (the command failed first): close the client whenever the attempt finishes.
            Thread.ofVirtual().start(() -> {
                try {
                    connecting.get().close();
                } catch (ExecutionException | InterruptedException | RuntimeException ignored) {
                    // nothing was opened, or the process is ending anyway
                }
            });
        }
    }
}
