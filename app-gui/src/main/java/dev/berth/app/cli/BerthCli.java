package dev.berth.app.cli;

import dev.berth.app.BerthVersion;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * The headless command line, shaped like {@code docker compose}: {@code berth [global flags] COMMAND [flags]}.
 * Each subcommand is its own class; this one only wires them together. No JavaFX here.
 */
@Command(
        name = "berth",
        mixinStandardHelpOptions = true,
        versionProvider = BerthCli.VersionProvider.class,
        description = "Berth: Compose projects on a real engine, from the command line.")
public final class BerthCli {

    /**
     * Every subcommand. picocli reads a command's annotations reflectively when it is added, which costs
     * about 10 ms each in a cold JVM (its classes are Java 5 bytecode, so the AOT cache cannot keep them
     * linked): a run registers only the subcommand it names, and all of them only for help or a typo.
     */
    static final List<Class<?>> COMMANDS = List.of(
            UpCommand.class, DownCommand.class, PsCommand.class, LsCommand.class, LifecycleCommands.Create.class,
            LifecycleCommands.Start.class, LifecycleCommands.Stop.class, LifecycleCommands.Restart.class,
            LifecycleCommands.Pause.class, LifecycleCommands.Unpause.class, LifecycleCommands.Kill.class,
            LifecycleCommands.Remove.class, ImageCommands.Pull.class, ImageCommands.Build.class, ImageCommands.Images.class,
            LogsCommand.class, ExecCommand.class, RunCommand.class, TopCommand.class, StatsCommand.class,
            EventsCommand.class, PortCommand.class, WatchCommand.class, CpCommand.class,
            ConfigCommand.class, VersionCommand.class, EngineCommand.class, VmCommand.class, SwarmCommands.class, NodeCommands.class,
            StackCommands.class, ServiceCommands.class, CommandLine.HelpCommand.class);

    /** Subcommands whose arguments after the first positional belong to the container, not to Berth. */
    private static final Set<String> STOP_AT_POSITIONAL = Set.of("exec", "run");

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
    private final OutputStream bytesOut;
    private final boolean terminal;

    private BerthCli(InputStream in, OutputStream bytesOut, boolean terminal) {
        this.in = in;
        this.bytesOut = bytesOut;
        this.terminal = terminal;
    }

    /** Standard output for bytes ({@code cp SERVICE:PATH -} writes a tar there); flushed by whoever writes. */
    OutputStream bytesOut() {
        return bytesOut;
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
        return run(new BytePrintWriter(System.out), new PrintWriter(System.err, true), System.in, System.out, terminal, args);
    }

    /** Runs one command line with the given streams (tests capture them). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(out, err, InputStream.nullInputStream(), false, args);
    }

    /** Runs one command line with the given streams; {@code terminal} says whether they are a terminal. */
    public static int run(PrintWriter out, PrintWriter err, InputStream in, boolean terminal, String... args) {
        return run(out, err, in, new WriterBytes(out), terminal, args);
    }

    /** Runs one command line; bytes a command writes to standard output go to {@code bytesOut}. */
    public static int run(PrintWriter out, PrintWriter err, InputStream in, OutputStream bytesOut, boolean terminal, String... args) {
        CommandLine commandLine = new CommandLine(new BerthCli(in, bytesOut, terminal));
        Optional<Class<?>> named = commandNamed(subcommandName(commandLine.getCommandSpec(), args));
        for (Class<?> command : named.<List<Class<?>>>map(List::of).orElse(COMMANDS)) {
            commandLine.addSubcommand(command);
        }
        // After the subcommands are added: these settings reach only the subcommands present.
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        // `berth exec web ls -l`: everything after the service is the command, not Berth's flags.
        commandLine.getSubcommands().forEach((name, sub) -> sub.setStopAtPositional(STOP_AT_POSITIONAL.contains(name)));
        return commandLine.execute(args);
    }

    /**
     * The first argument that is not a global option or an option's value: the subcommand's name as
     * picocli would read it, or null when there is none ({@code berth --help}).
     */
    static String subcommandName(CommandSpec root, String... args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                return null;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                return arg;
            }
            OptionSpec option = arg.contains("=") ? null : root.findOption(arg);
            if (option != null && option.arity().max() > 0 && !option.typeInfo().isBoolean()) {
                i++; // its value
            }
        }
        return null;
    }

    /** The root command's model alone (global options, no subcommands). */
    static CommandSpec rootSpec() {
        return new CommandLine(new BerthCli(InputStream.nullInputStream(), OutputStream.nullOutputStream(), false)).getCommandSpec();
    }

    /** The subcommand class called {@code name} (or one of its aliases); empty for help, a typo or none. */
    static Optional<Class<?>> commandNamed(String name) {
        if (name == null || name.equals("help")) {
            return Optional.empty();
        }
        return COMMANDS.stream().filter(command -> {
            Command annotation = command.getAnnotation(Command.class);
            return annotation.name().equals(name) || Arrays.asList(annotation.aliases()).contains(name);
        }).findFirst();
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Berth " + BerthVersion.version()};
        }
    }

    /**
     * Bytes onto a character writer, one char per byte (ISO-8859-1, so nothing is lost): where the caller gave
     * only a writer, as most tests do; the real standard output takes the bytes as they are.
     */
    private static final class WriterBytes extends OutputStream {
        private final PrintWriter out;

        WriterBytes(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void write(int b) {
            out.write(b & 0xff);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            out.write(new String(bytes, offset, length, StandardCharsets.ISO_8859_1));
        }

        @Override
        public void flush() {
            out.flush();
        }
    }
}
