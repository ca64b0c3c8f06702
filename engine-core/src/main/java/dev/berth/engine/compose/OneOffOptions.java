package dev.berth.engine.compose;

import java.util.List;
import java.util.Map;

/**
 * The flags of {@code run}: what differs between a service's regular containers and a one-off one.
 *
 * @param command     the command to run instead of the service's (empty: the service's)
 * @param entrypoint  {@code --entrypoint} (null: the service's)
 * @param environment {@code -e} additions, over the service's environment
 * @param name        {@code --name} (null: {@code <project>-<service>-run-<slug>})
 * @param user        {@code -u} (null: the service's)
 * @param workingDir  {@code -w} (null: the service's)
 * @param tty         allocate a TTY
 * @param stdin       keep stdin open for the caller to attach
 * @param noDeps      {@code --no-deps}: don't start the services it depends on
 * @param servicePorts {@code --service-ports}: publish the service's ports (off by default, as in Compose)
 */
public record OneOffOptions(List<String> command, List<String> entrypoint, Map<String, String> environment, String name,
                            String user, String workingDir, boolean tty, boolean stdin, boolean noDeps, boolean servicePorts) {

    public OneOffOptions {
        command = List.copyOf(command);
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        environment = Map.copyOf(environment);
    }

    public static OneOffOptions of(List<String> command) {
        return new OneOffOptions(command, null, Map.of(), null, null, null, false, false, false, false);
    }
}
