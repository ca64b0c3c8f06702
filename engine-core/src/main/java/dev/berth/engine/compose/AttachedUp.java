package dev.berth.engine.compose;

import dev.berth.compose.model.Project;
import dev.berth.engine.compose.progress.ProgressListener;
import dev.berth.engine.stream.OutputLine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Attached {@code up} after the plan ran: follows the project's containers until they have all exited, or —
 * with {@code --abort-on-container-exit} / {@code --exit-code-from} — until the first one exits, or until the
 * caller interrupts (Ctrl-C); then stops the project. The caller renders (through {@link Output}) and turns the
 * {@link Outcome} into an exit code, so the CLI and the GUI share what attached means.
 */
public final class AttachedUp {

    /**
     * The resolved inputs.
     *
     * @param abortOnExit  stop everything when any container exits ({@code --abort-on-container-exit})
     * @param exitCodeFrom the service whose exit code is the result ({@code --exit-code-from}; implies abort), or null
     * @param stopTimeout  the stop timeout when stopping ({@code -t}), or null for each service's own
     */
    public record Options(boolean abortOnExit, String exitCodeFrom, Duration stopTimeout) {
        boolean aborts() {
            return abortOnExit || exitCodeFrom != null;
        }
    }

    /** Why following ended. */
    public enum Ending {
        /** Every container exited by itself. */
        ALL_EXITED,
        /** A container exited and the options say to abort: {@link Outcome#exited()} names its service. */
        CONTAINER_EXITED,
        /** The caller interrupted. */
        INTERRUPTED
    }

    /**
     * @param ending    why it ended
     * @param exited    the service whose exit aborted, for {@link Ending#CONTAINER_EXITED}; else null
     * @param exitCodes the last exit code of each service that exited
     */
    public record Outcome(Ending ending, String exited, Map<String, Integer> exitCodes) {
        public Outcome {
            exitCodes = Map.copyOf(exitCodes);
        }
    }

    /** What attached up reports beyond the followed containers' logs and exits. */
    public interface Output extends FollowedContainers.Output {
        /** The project is about to be stopped, and why ({@link Ending#CONTAINER_EXITED} or {@link Ending#INTERRUPTED}). */
        void stopping(Ending why);
    }

    private AttachedUp() {}

    /** The containers attached up follows: the selected services' (all when none is selected), one-off ones left out. */
    public static List<ServiceContainer> containers(ComposeEngine compose, Project project, Set<String> selected) {
        Set<String> attached = selected.isEmpty() ? Set.copyOf(project.services().keySet()) : selected;
        return compose.ps(project.name(), attached, true).stream().filter(container -> !container.oneOff()).toList();
    }

    /**
     * Follows {@code containers} from {@code since} until they are all finished, the first exit (when the options
     * abort), or {@code interrupted} completes; in the last two cases stops the whole project.
     */
    public static Outcome follow(ComposeEngine compose, Project project, List<ServiceContainer> containers, Instant since,
                                 Options options, Output output, CompletableFuture<?> interrupted, ProgressListener stopping)
            throws InterruptedException {
        CompletableFuture<String> aborted = new CompletableFuture<>();
        Map<String, Integer> exitCodes = new ConcurrentHashMap<>();
        try (FollowedContainers followed = new FollowedContainers(compose.engine(), new FollowedContainers.Output() {
            @Override
            public void line(ServiceContainer container, OutputLine line) {
                output.line(container, line);
            }

            @Override
            public void exited(ServiceContainer container, int exitCode) {
                output.exited(container, exitCode);
                exitCodes.put(container.service(), exitCode);
                if (options.aborts()) {
                    aborted.complete(container.service());
                }
            }

            @Override
            public void unavailable(ServiceContainer container, String why) {
                output.unavailable(container, why);
            }
        })) {
            containers.forEach(container -> followed.follow(container, since));
            try {
                CompletableFuture.anyOf(followed.allFinished(), aborted, interrupted).get();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
            if (followed.engineLost().isPresent()) {
                throw followed.engineLost().get(); // no stop to send: the engine is gone
            }
            Ending ending = interrupted.isDone() ? Ending.INTERRUPTED : aborted.isDone() ? Ending.CONTAINER_EXITED : Ending.ALL_EXITED;
            if (ending != Ending.ALL_EXITED) {
                output.stopping(ending);
                compose.stop(project.name(), Set.copyOf(project.services().keySet()), options.stopTimeout(), stopping);
                // The last lines and exits of the stopped containers, briefly.
                followed.allFinished().completeOnTimeout(null, 2, TimeUnit.SECONDS).join();
            }
            return new Outcome(ending, ending == Ending.CONTAINER_EXITED ? aborted.getNow(null) : null, exitCodes);
        }
    }
}
