package dev.berth.app.cli;

import dev.berth.engine.compose.ServiceContainer;
import dev.berth.engine.compose.UpOptions;
import dev.berth.engine.compose.plan.PlanOptions;
import dev.berth.engine.compose.plan.PlanOptions.RecreatePolicy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The lifecycle verbs on a project's existing containers: each one a few lines over {@code ComposeEngine}.
 * They work from the engine's labels, so they manage projects that other tools started too.
 */
final class LifecycleCommands {

    private LifecycleCommands() {}

    /** The optional SERVICE… list every verb takes. */
    abstract static class ServicesCommand extends ComposeCommand {
        @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Services (default: all).")
        List<String> services = new ArrayList<>();

        Set<String> selected(CliSession session) {
            return session.services(services);
        }
    }

    @Command(name = "create", description = "Create containers for services (without starting them).")
    static final class Create extends ServicesCommand {
        @Option(names = "--build", description = "Build images before creating containers.")
        boolean build;

        @Option(names = "--no-build", description = "Don't build an image, even if it's missing.")
        boolean noBuild;

        @Option(names = "--force-recreate", description = "Recreate containers even if their configuration and image haven't changed.")
        boolean forceRecreate;

        @Option(names = "--no-recreate", description = "If containers already exist, don't recreate them.")
        boolean noRecreate;

        @Option(names = "--remove-orphans", description = "Remove containers for services not defined in the Compose file.")
        boolean removeOrphans;

        @Option(names = "--pull", paramLabel = "POLICY", description = "Pull image before creating: ${COMPLETION-CANDIDATES} (default: missing).")
        UpCommand.PullPolicy pull = UpCommand.PullPolicy.missing;

        @Override
        int run(CliSession session) {
            PlanOptions plan = PlanOptions.defaults()
                    .withRecreate(forceRecreate ? RecreatePolicy.FORCE : noRecreate ? RecreatePolicy.NEVER : RecreatePolicy.DIVERGED)
                    .withRemoveOrphans(removeOrphans);
            UpOptions options = UpOptions.defaults().withPlan(plan).withServices(selected(session)).withStart(false)
                    .withBuild(build).withNoBuild(noBuild).withPullAlways(pull == UpCommand.PullPolicy.always)
                    .withPullNever(pull == UpCommand.PullPolicy.never);
            session.checkVmShares(session.project());
            session.compose().up(session.project(), options, session.progress("Creating"));
            return 0;
        }
    }

    @Command(name = "start", description = "Start services.")
    static final class Start extends ServicesCommand {
        @Override
        int run(CliSession session) {
            String name = session.projectName();
            session.compose().start(name, selected(session), session.progress("Starting"));
            return 0;
        }
    }

    @Command(name = "stop", description = "Stop services.")
    static final class Stop extends ServicesCommand {
        @Option(names = {"-t", "--timeout"}, paramLabel = "SECONDS", description = "Shutdown timeout in seconds (default: each service's stop_grace_period).")
        Integer timeout;

        @Override
        int run(CliSession session) {
            String name = session.projectName();
            session.compose().stop(name, selected(session), seconds(timeout), session.progress("Stopping"));
            return 0;
        }
    }

    @Command(name = "restart", description = "Restart service containers.")
    static final class Restart extends ServicesCommand {
        @Option(names = {"-t", "--timeout"}, paramLabel = "SECONDS", description = "Shutdown timeout in seconds.")
        Integer timeout;

        @Override
        int run(CliSession session) {
            String name = session.projectName();
            session.compose().restart(name, selected(session), seconds(timeout), session.progress("Restarting"));
            return 0;
        }
    }

    @Command(name = "pause", description = "Pause services.")
    static final class Pause extends ServicesCommand {
        @Override
        int run(CliSession session) {
            String name = session.projectName();
            session.compose().pause(name, selected(session), session.progress("Pausing"));
            return 0;
        }
    }

    @Command(name = "unpause", description = "Unpause services.")
    static final class Unpause extends ServicesCommand {
        @Override
        int run(CliSession session) {
            String name = session.projectName();
            session.compose().unpause(name, selected(session), session.progress("Unpausing"));
            return 0;
        }
    }

    @Command(name = "kill", description = "Force stop service containers.")
    static final class Kill extends ServicesCommand {
        @Option(names = {"-s", "--signal"}, paramLabel = "SIGNAL", description = "SIGNAL to send to the container (default: SIGKILL).")
        String signal = "SIGKILL";

        @Override
        int run(CliSession session) {
            String name = session.projectName();
            session.compose().kill(name, selected(session), signal, session.progress("Killing"));
            return 0;
        }
    }

    @Command(name = "rm", description = "Remove stopped service containers.")
    static final class Remove extends ServicesCommand {
        @Option(names = {"-f", "--force"}, description = "Don't ask to confirm removal.")
        boolean force;

        @Option(names = {"-s", "--stop"}, description = "Stop the containers, if required, before removing.")
        boolean stop;

        @Option(names = {"-v", "--volumes"}, description = "Remove any anonymous volumes attached to containers.")
        boolean volumes;

        @Override
        int run(CliSession session) {
            String name = session.projectName();
            Set<String> selected = selected(session);
            List<ServiceContainer> removable = session.compose().ps(name, selected, true).stream()
                    .filter(container -> stop || !container.isUp()).toList();
            if (removable.isEmpty()) {
                session.err().println("No stopped containers");
                return 0;
            }
            if (!force && session.terminal() && !confirm(session, removable)) {
                return 0;
            }
            session.compose().remove(name, selected, stop, volumes, session.progress("Removing"));
            return 0;
        }

        private static boolean confirm(CliSession session, List<ServiceContainer> containers) {
            session.err().print("Going to remove " + String.join(", ", containers.stream().map(ServiceContainer::name).toList())
                    + "\n? Are you sure? [yN] ");
            session.err().flush();
            try {
                String answer = new BufferedReader(new InputStreamReader(session.in(), StandardCharsets.UTF_8)).readLine();
                return answer != null && answer.trim().toLowerCase(Locale.ROOT).startsWith("y");
            } catch (IOException e) {
                return false;
            }
        }
    }

    static Duration seconds(Integer value) {
        return value == null ? null : Duration.ofSeconds(value);
    }
}
