package dev.berth.app.cli;

import dev.berth.compose.ComposeLoader;
import dev.berth.compose.Diagnostic;
import dev.berth.compose.LoadResult;
import dev.berth.compose.ProjectOptions;
import dev.berth.compose.model.Project;
import dev.berth.engine.stack.StackDeployer;
import dev.berth.engine.stack.StackDeployer.ResolveImage;
import dev.berth.engine.stack.StackPlan;
import dev.berth.engine.stack.StackSpec;
import dev.berth.engine.stack.StackSpecMapper;
import dev.berth.engine.stack.Stacks;
import dev.berth.engine.stack.Stacks.ListedStack;
import dev.berth.engine.swarm.SwarmService;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth stack deploy|ls|services|ps|rm}: a compose file deployed to a swarm, as {@code docker stack}.
 * Stacks are found by the docker CLI's {@code com.docker.stack.namespace} label, so each tool sees the other's.
 */
@Command(name = "stack", description = "Manage swarm stacks: deploy a compose file, ls, services, ps, rm.",
        subcommands = {StackCommands.Deploy.class, StackCommands.Ls.class, StackCommands.Services.class, StackCommands.Ps.class,
                StackCommands.Rm.class})
final class StackCommands extends CommandGroup {

    /** How {@code --resolve-image} is written on the command line. */
    enum ResolveImageFlag { always, changed, never }

    @Command(name = "deploy", aliases = "up", description = "Deploy a new stack or update an existing one from compose files.")
    static final class Deploy extends SwarmCommand {
        @Option(names = {"-c", "--compose-file"}, paramLabel = "FILE", description = "Compose file (repeatable; - reads stdin).")
        List<Path> composeFiles = new ArrayList<>();

        /** {@code -f}, {@code --env-file}, {@code --profile}… as the project commands take them (before or after the verb). */
        @Mixin
        ProjectOptionsMixin project = new ProjectOptionsMixin();

        @Option(names = "--prune", description = "Remove services that are no longer in the compose file.")
        boolean prune;

        @Option(names = "--resolve-image", paramLabel = "WHEN",
                description = "Pin images to their registry digest: ${COMPLETION-CANDIDATES} (default: always).")
        ResolveImageFlag resolveImage = ResolveImageFlag.always;

        @Option(names = "--dry-run", description = "Print what the deploy would create, update (which fields) and remove; change nothing.")
        boolean dryRun;

        @Parameters(paramLabel = "STACK", arity = "0..1", description = "The stack's name (default: -p, or the project's name).")
        String stack;

        @Override
        int run(Engine engine) {
            Project loaded = load(); // a broken file is reported first, as by the project commands
            requireManager(engine.swarm());
            String name = stack != null ? stack : loaded.name();
            StackSpec desired = StackSpecMapper.map(loaded, name);
            // What a swarm ignores is said before anything changes, with the position it was written at.
            for (Diagnostic diagnostic : desired.diagnostics()) {
                if (!diagnostic.isError()) {
                    err().println(diagnostic);
                }
            }
            err().flush();
            PrintWriter out = out();
            StackDeployer deployer = new StackDeployer(engine.client(), line -> {
                out.println(line);
                out.flush();
            });
            StackDeployer.Result result = deployer.deploy(desired, new StackDeployer.Options(prune,
                    ResolveImage.valueOf(resolveImage.name().toUpperCase(Locale.ROOT)), dryRun));
            for (String warning : result.warnings()) {
                err().println("WARNING: " + warning);
            }
            err().flush();
            if (dryRun) {
                printPlan(result.plan(), out);
            } else if (result.plan().changesNothing()) {
                out.println("Stack " + name + " is up to date.");
            }
            out.flush();
            return 0;
        }

        private static void printPlan(StackPlan plan, PrintWriter out) {
            out.println("Plan for stack " + plan.stack() + (plan.changesNothing() ? ": nothing to change" : ":"));
            plan.render().forEach(out::println);
        }

        /** The files of {@code -c} (and of {@code -f}, before or after the verb), loaded under the stack's name. */
        private Project load() {
            BerthCli root = root();
            ProjectOptionsMixin global = root == null ? null : root.projectOptions();
            Path workingDir = Path.of("").toAbsolutePath();
            Map<String, String> environment = ComposeSettings.withDotEnv(System.getenv(), global, project, workingDir);
            project.files.addAll(composeFiles);
            InputStream in = root == null ? InputStream.nullInputStream() : root.in();
            ProjectOptions options = project.toOptions(global, environment, workingDir, in);
            if (stack != null) {
                options = options.withProjectName(stack);
            }
            LoadResult result = ComposeLoader.load(options);
            for (Diagnostic diagnostic : result.diagnostics()) {
                err().println(diagnostic);
            }
            err().flush();
            return result.project().orElseThrow(() -> new CliException("the compose file could not be loaded (see above)"));
        }
    }

    @Command(name = "ls", aliases = "list", description = "List the stacks on the swarm (Berth's and the docker CLI's).")
    static final class Ls extends SwarmCommand {
        @Override
        int run(Engine engine) {
            requireManager(engine.swarm());
            Table table = new Table("NAME", "SERVICES");
            for (ListedStack stack : new Stacks(engine.client()).list()) {
                table.row(stack.name(), stack.services());
            }
            table.print(out());
            return 0;
        }
    }

    @Command(name = "services", description = "List the services of a stack.")
    static final class Services extends SwarmCommand {
        @Option(names = {"-q", "--quiet"}, description = "Only display IDs.")
        boolean quiet;

        @Parameters(paramLabel = "STACK", description = "The stack.")
        String stack;

        @Override
        int run(Engine engine) {
            requireManager(engine.swarm());
            List<SwarmService> services = new Stacks(engine.client()).services(stack);
            if (services.isEmpty()) {
                throw new CliException("Nothing found in stack: " + stack);
            }
            if (quiet) {
                services.forEach(s -> out().println(s.id()));
                out().flush();
            } else {
                SwarmTables.services(services, out());
            }
            return 0;
        }
    }

    @Command(name = "ps", description = "List the tasks of a stack: node, desired and current state, error.")
    static final class Ps extends SwarmCommand {
        @Option(names = "--no-trunc", description = "Do not truncate ids and errors.")
        boolean noTrunc;

        @Parameters(paramLabel = "STACK", description = "The stack.")
        String stack;

        @Override
        int run(Engine engine) {
            requireManager(engine.swarm());
            var tasks = new Stacks(engine.client()).tasks(stack);
            if (tasks.isEmpty()) {
                throw new CliException("Nothing found in stack: " + stack);
            }
            SwarmTables.tasks(tasks, out(), noTrunc);
            return 0;
        }
    }

    @Command(name = "rm", aliases = {"remove", "down"}, description = "Remove stacks: their services, networks, secrets and configs.")
    static final class Rm extends SwarmCommand {
        @Parameters(paramLabel = "STACK", arity = "1..*", description = "The stacks.")
        List<String> stacks = new ArrayList<>();

        @Override
        int run(Engine engine) {
            requireManager(engine.swarm());
            PrintWriter out = out();
            for (String stack : stacks) {
                new Stacks(engine.client()).remove(stack, Duration.ofSeconds(60), line -> {
                    out.println(line);
                    out.flush();
                });
            }
            return 0;
        }
    }
}
