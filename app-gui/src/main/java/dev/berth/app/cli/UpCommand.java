package dev.berth.app.cli;

import dev.berth.compose.model.Project;
import dev.berth.engine.compose.AttachedUp;
import dev.berth.engine.compose.ComposeEngine;
import dev.berth.engine.compose.ServiceContainer;
import dev.berth.engine.compose.UpOptions;
import dev.berth.engine.compose.plan.Plan;
import dev.berth.engine.compose.plan.PlanOptions;
import dev.berth.engine.compose.plan.PlanOptions.RecreatePolicy;
import dev.berth.engine.compose.progress.ProgressListener;
import dev.berth.engine.stream.OutputLine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth up}: create and start the project's containers. Detached ({@code -d}) it returns once
 * they run; attached it then prints their merged logs until they all exit, and Ctrl-C stops the project
 * ("Gracefully stopping…"), a second Ctrl-C kills it.
 */
@Command(name = "up", description = "Create and start containers.")
final class UpCommand extends ComposeCommand {

    enum PullPolicy { always, missing, never }

    @Option(names = {"-d", "--detach"}, description = "Detached mode: run containers in the background.")
    boolean detach;

    @Option(names = "--wait", description = "Wait for services to be running|healthy. Implies detached mode.")
    boolean waitHealthy;

    @Option(names = "--wait-timeout", paramLabel = "SECONDS", description = "Maximum time to wait for the project to be running|healthy.")
    Integer waitTimeout;

    @Option(names = "--build", description = "Build images before starting containers.")
    boolean build;

    @Option(names = "--no-build", description = "Don't build an image, even if it's missing.")
    boolean noBuild;

    @Option(names = "--pull", paramLabel = "POLICY", description = "Pull image before running: ${COMPLETION-CANDIDATES} (default: missing).")
    PullPolicy pull = PullPolicy.missing;

    @Option(names = "--force-recreate", description = "Recreate containers even if their configuration and image haven't changed.")
    boolean forceRecreate;

    @Option(names = "--no-recreate", description = "If containers already exist, don't recreate them.")
    boolean noRecreate;

    @Option(names = "--remove-orphans", description = "Remove containers for services not defined in the Compose file.")
    boolean removeOrphans;

    @Option(names = "--scale", paramLabel = "SERVICE=NUM", description = "Scale SERVICE to NUM instances (repeatable).")
    Map<String, Integer> scale = new LinkedHashMap<>();

    @Option(names = "--dry-run", description = "Print what would be done, and why, without doing it.")
    boolean dryRun;

    @Option(names = "--abort-on-container-exit", description = "Stop all containers if any container was stopped (attached mode).")
    boolean abortOnExit;

    @Option(names = "--exit-code-from", paramLabel = "SERVICE", description = "Return the exit code of the selected service container (implies --abort-on-container-exit).")
    String exitCodeFrom;

    @Option(names = {"-t", "--timeout"}, paramLabel = "SECONDS", description = "Shutdown timeout in seconds when stopping attached containers.")
    Integer timeout;

    @Option(names = "--no-color", description = "Produce monochrome output.")
    boolean noColor;

    @Option(names = "--no-log-prefix", description = "Don't print the container name prefix in logs.")
    boolean noLogPrefix;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Services to start (with their dependencies; default: all).")
    List<String> services = new ArrayList<>();

    @Override
    int run(CliSession session) throws InterruptedException {
        removeOrphans |= session.setting("COMPOSE_REMOVE_ORPHANS");
        if (forceRecreate && noRecreate) {
            throw new CliException("--force-recreate and --no-recreate are incompatible", 2);
        }
        if (build && noBuild) {
            throw new CliException("--build and --no-build are incompatible", 2);
        }
        if (detach && (abortOnExit || exitCodeFrom != null)) {
            throw new CliException("--abort-on-container-exit and -d cannot be combined", 2);
        }
        Project project = session.project();
        Set<String> selected = session.services(services);
        for (String service : scale.keySet()) {
            session.services(List.of(service));
        }
        UpOptions options = options(selected);
        ComposeEngine compose = session.compose();
        session.checkVmShares(project);
        if (dryRun) {
            Plan plan = compose.plan(project, options);
            session.out().print(plan.render());
            session.out().flush();
            return 0;
        }
        Instant started = Instant.now();
        compose.up(project, options, session.progress("Running"));
        if (detach || waitHealthy) {
            return 0;
        }
        return attach(session, project, selected, started);
    }

    UpOptions options(Set<String> selected) {
        PlanOptions plan = PlanOptions.defaults()
                .withRecreate(forceRecreate ? RecreatePolicy.FORCE : noRecreate ? RecreatePolicy.NEVER : RecreatePolicy.DIVERGED)
                .withRemoveOrphans(removeOrphans)
                .withScale(scale);
        UpOptions options = UpOptions.defaults().withPlan(plan).withServices(selected).withBuild(build).withNoBuild(noBuild)
                .withPullAlways(pull == PullPolicy.always).withPullNever(pull == PullPolicy.never).withWait(waitHealthy);
        return waitTimeout == null ? options : options.withHealthTimeout(Duration.ofSeconds(waitTimeout));
    }

    /** Attached mode: merged logs until every container exits, or until Ctrl-C / the first exit with --abort-on-container-exit. */
    private int attach(CliSession session, Project project, Set<String> selected, Instant since) throws InterruptedException {
        ComposeEngine compose = session.compose();
        List<ServiceContainer> containers = AttachedUp.containers(compose, project, selected);
        if (exitCodeFrom != null) {
            session.services(List.of(exitCodeFrom));
        }
        AttachedUp.Options options = new AttachedUp.Options(abortOnExit, exitCodeFrom,
                timeout == null ? null : Duration.ofSeconds(timeout));
        CompletableFuture<Void> interrupted = new CompletableFuture<>();
        Set<String> all = Set.copyOf(project.services().keySet());
        try (LogMux logs = new LogMux(session.client(), session.out(), containers.stream().map(ServiceContainer::name).toList(),
                session.terminal() && !noColor, !noLogPrefix);
             CtrlC ctrlC = CtrlC.install(() -> interrupted.complete(null), () -> {
                 session.err().println("Killing...");
                 session.err().flush();
                 compose.kill(project.name(), all, "SIGKILL", ProgressListener.NONE);
             })) {
            session.out().println("Attaching to " + String.join(", ", containers.stream().map(ServiceContainer::name).toList()));
            session.out().flush();
            AttachedUp.Outcome outcome = AttachedUp.follow(compose, project, containers, since.minusSeconds(1), options,
                    new AttachedOutput(session, logs), interrupted, session.progress("Stopping"));
            return exitCode(outcome);
        }
    }

    /** Compose's exit codes: 130 after Ctrl-C, else the code of --exit-code-from's service or the one that aborted, else 0. */
    int exitCode(AttachedUp.Outcome outcome) {
        return switch (outcome.ending()) {
            case INTERRUPTED -> 130;
            case ALL_EXITED -> exitCodeFrom == null ? 0 : outcome.exitCodes().getOrDefault(exitCodeFrom, 0);
            case CONTAINER_EXITED -> outcome.exitCodes().getOrDefault(exitCodeFrom != null ? exitCodeFrom : outcome.exited(), 0);
        };
    }

    /** Logs and exits into the merged output, the stop notice on stderr. */
    private record AttachedOutput(CliSession session, LogMux logs) implements AttachedUp.Output {
        @Override
        public void line(ServiceContainer container, OutputLine line) {
            logs.line(container, line);
        }

        @Override
        public void exited(ServiceContainer container, int exitCode) {
            logs.exited(container, exitCode);
        }

        @Override
        public void unavailable(ServiceContainer container, String why) {
            logs.unavailable(container, why);
        }

        @Override
        public void stopping(AttachedUp.Ending why) {
            session.err().println(why == AttachedUp.Ending.INTERRUPTED ? "Gracefully stopping... (press Ctrl+C again to force)"
                    : "Aborting on container exit...");
            session.err().flush();
        }
    }
}
