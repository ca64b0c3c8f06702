package dev.berth.app.cli;

import dev.berth.app.BerthVersion;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The headless command line, shaped like {@code docker compose}: {@code berth [global flags] COMMAND [flags]}.
 * Each subcommand is its own class; this one only wires them together. No JavaFX here.
 */
@Command(
        name = "berth",
        mixinStandardHelpOptions = true,
        versionProvider = BerthCli.VersionProvider.class,
        description = "Berth: Compose projects on a real engine, from the command line.",
        subcommands = {VersionCommand.class, EngineCommand.class, ConfigCommand.class, CommandLine.HelpCommand.class})
public final class BerthCli {

    /** Project flags written before the subcommand ({@code berth -f x.yaml config}). */
    @Mixin
    private ProjectOptionsMixin projectOptions = new ProjectOptionsMixin();

    /** -H/--host and --context, given before the subcommand; subcommands read them from here. */
    @Mixin
    EngineOptionsMixin engineOptions;

    private BerthCli() {}

    ProjectOptionsMixin projectOptions() {
        return projectOptions;
    }

    /** Runs one command line and returns the exit code. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs one command line with the given streams (tests capture them). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new BerthCli());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine.execute(args);
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Berth " + BerthVersion.version()};
        }
    }
}
