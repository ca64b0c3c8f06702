package dev.berth.app.cli;

import dev.berth.engine.api.EngineException;
import dev.berth.engine.compose.ComposeException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The base of every command that acts on a Compose project: the shared flags, one {@link CliSession}
 * per run, and the translation of failures into Compose's behaviour — a message on stderr naming what
 * failed and why, a non-zero exit code, and no stack trace for anything the user can fix.
 */
abstract class ComposeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    BerthCli parent;

    @Mixin
    EngineOptionsMixin engineOptions;

    @Mixin
    HelpOption help;

    @Option(names = "--progress", paramLabel = "MODE",
            description = "How to show progress: ${COMPLETION-CANDIDATES} (default: auto = live on a terminal, plain otherwise).")
    ProgressMode progressMode;

    @Override
    public final Integer call() {
        Path workingDir = Path.of("").toAbsolutePath();
        Map<String, String> environment = ComposeSettings.withDotEnv(System.getenv(),
                parent == null ? null : parent.projectOptions(), null, workingDir); // project flags are global
        try (CliSession session = new CliSession(this, parent, environment, workingDir)) {
            session.connectInBackground(); // every project command talks to the engine
            return run(session);
        } catch (CliException e) {
            return fail(e.getMessage(), e.exitCode());
        } catch (ComposeException | EngineException e) {
            return fail(e.getMessage(), 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    /** Runs the command and returns its exit code. */
    abstract int run(CliSession session) throws InterruptedException;

    private int fail(String message, int code) {
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().println(message == null ? "failed" : message);
        spec.commandLine().getErr().flush();
        return code;
    }
}
