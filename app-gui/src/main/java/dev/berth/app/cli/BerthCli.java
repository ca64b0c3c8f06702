package dev.berth.app.cli;

import dev.berth.app.BerthVersion;
import java.io.InputStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The headless command line, shaped like {@code docker compose}: {@code berth [global flags] COMMAND [flags]}.
 * Each subcommand is its own class; this one only wires them together. No JavaFX here.
 */
@Command(
        name = "berth",
        mixinStandardHelpOptions = true,
        versionProvider = BerthCli.VersionProvider.class,
        description = "Berth: Compose projects on a real engine, from the command line.",
        subcommands = {
            UpCommand.class, DownCommand.class, PsCommand.class, LsCommand.class, LifecycleCommands.Create.class,
            LifecycleCommands.Start.class, LifecycleCommands.Stop.class, LifecycleCommands.Restart.class,
            LifecycleCommands.Pause.class, LifecycleCommands.Unpause.class, LifecycleCommands.Kill.class,
            LifecycleCommands.Remove.class, ImageCommands.Pull.class, ImageCommands.Build.class, ImageCommands.Images.class,
            LogsCommand.class, ExecCommand.class, RunCommand.class, TopCommand.class, StatsCommand.class,
            EventsCommand.class, PortCommand.class,
            ConfigCommand.class, VersionCommand.class, EngineCommand.class, CommandLine.HelpCommand.class})
public final class BerthCli {

    /** Project flags written before the subcommand ({@code berth -f x.yaml config}). */
    @Mixin
    private ProjectOptionsMixin projectOptions = new ProjectOptionsMixin();

    /** -H/--host and --context, given before the subcommand; subcommands read them from here. */
    @Mixin
    EngineOptionsMixin engineOptions;

    /** {@code --progress} before the command, as in {@code docker compose --progress plain up}. */
    @Option(names = "--progress", paramLabel = "MODE", description = "How to show progress: ${COMPLETION-CANDIDATES} (default: auto).")
    private ProgressMode progressMode;

    private final InputStream in;
    private final boolean terminal;

    private BerthCli(InputStream in, boolean terminal) {
        this.in = in;
        this.terminal = terminal;
    }

    /** The standard input commands read ({@code exec}, {@code run}, {@code -f -}); tests pass their own. */
    InputStream in() {
        return in;
    }

    ProgressMode progressMode() {
        return progressMode;
    }

    /** True when stdin and stdout are a terminal: live progress, colours, a TTY for exec/run. */
    boolean terminal() {
        return terminal;
    }

    ProjectOptionsMixin projectOptions() {
        return projectOptions;
    }

    /** Runs one command line and returns the exit code. */
    public static int run(String... args) {
        boolean terminal = System.console() != null && System.console().isTerminal();
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.in, terminal, args);
    }

    /** Runs one command line with the given streams (tests capture them). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(out, err, InputStream.nullInputStream(), false, args);
    }

    /** Runs one command line with the given streams; {@code terminal} says whether they are a terminal. */
    public static int run(PrintWriter out, PrintWriter err, InputStream in, boolean terminal, String... args) {
        CommandLine commandLine = new CommandLine(new BerthCli(in, terminal));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        // `berth exec web ls -l`: everything after the service is the command, not Berth's flags.
        commandLine.getSubcommands().get("exec").setStopAtPositional(true);
        commandLine.getSubcommands().get("run").setStopAtPositional(true);
        return commandLine.execute(args);
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Berth " + BerthVersion.version()};
        }
    }
}
