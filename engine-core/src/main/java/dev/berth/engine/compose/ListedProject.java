package dev.berth.engine.compose;

import java.util.List;

/**
 * One Compose project found on the engine (by its labels), whoever started it; a row of {@code ls}.
 *
 * @param name        the project name
 * @param running     how many of its containers run
 * @param total       how many containers it has (one-off ones excluded)
 * @param healthy     how many report healthy
 * @param unhealthy   how many report unhealthy
 * @param configFiles the compose files it was started from (from the labels), may be empty
 * @param workingDir  its working directory (from the labels), may be empty
 */
public record ListedProject(String name, int running, int total, int healthy, int unhealthy, List<String> configFiles,
                             String workingDir) {

    public ListedProject {
        configFiles = List.copyOf(configFiles);
    }

    /** Compose's status column: {@code running(2)}, {@code exited(1)} or both. */
    public String status() {
        int stopped = total - running;
        if (running > 0 && stopped > 0) {
            return "running(" + running + "), exited(" + stopped + ")";
        }
        return running > 0 ? "running(" + running + ")" : "exited(" + stopped + ")";
    }
}
