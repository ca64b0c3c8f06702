package dev.berth.app.cli;

import dev.berth.engine.compose.DownOptions;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code berth down}: stop and remove the project's containers and networks (volumes with {@code -v},
 * images with {@code --rmi}). Works from the engine's labels, so {@code berth -p NAME down} removes a
 * project whatever started it, even without its compose file.
 */
@Command(name = "down", description = "Stop and remove containers, networks (and with -v volumes, with --rmi images).")
final class DownCommand extends ComposeCommand {

    enum Rmi { local, all }

    @Option(names = {"-v", "--volumes"}, description = "Remove named volumes declared in the volumes section and anonymous volumes attached to containers.")
    boolean volumes;

    @Option(names = "--rmi", paramLabel = "TYPE", description = "Remove images used by services: ${COMPLETION-CANDIDATES}.")
    Rmi rmi;

    @Option(names = "--remove-orphans", description = "Remove containers for services not defined in the Compose file.")
    boolean removeOrphans;

    @Option(names = {"-t", "--timeout"}, paramLabel = "SECONDS", description = "Shutdown timeout in seconds (default: each service's stop_grace_period).")
    Integer timeout;

    @Override
    int run(CliSession session) {
        var project = session.projectIfAny();
        String name = project == null ? session.projectName() : project.name();
        DownOptions.RemoveImages images = rmi == null ? DownOptions.RemoveImages.NONE
                : rmi == Rmi.all ? DownOptions.RemoveImages.ALL : DownOptions.RemoveImages.LOCAL;
        DownOptions options = new DownOptions(volumes, images, removeOrphans || session.setting("COMPOSE_REMOVE_ORPHANS"), timeout == null ? null : Duration.ofSeconds(timeout));
        session.compose().down(name, project, options, session.progress("Running"));
        return 0;
    }
}
