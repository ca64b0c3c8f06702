package dev.berth.app.cli;

import dev.berth.engine.compose.ServiceContainer;
import dev.berth.engine.files.ContainerFiles;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth cp SERVICE:SRC DEST} and {@code berth cp SRC SERVICE:DEST}, as {@code docker compose cp}:
 * stopped containers count (the engine copies into and out of them), into a service every container gets
 * the copy unless {@code --index} picks one, out of a service the first container (or {@code --index})
 * is read. {@code -} as the source reads a tar from stdin and extracts it into the container folder;
 * {@code -} as the destination writes the tar of the container path to stdout (as {@code docker compose cp}).
 */
@Command(name = "cp", description = "Copy files/folders between a service container and the local filesystem.")
final class CpCommand extends ComposeCommand {

    @Option(names = {"-a", "--archive"}, description = "Archive mode (copy all uid/gid information).")
    boolean archive;

    @Option(names = "--index", paramLabel = "N", description = "Index of the container if the service has multiple replicas.")
    int index;

    @Option(names = "--all", description = "Include containers created by the run command.")
    boolean all;

    @Parameters(index = "0", paramLabel = "SRC", description = "SERVICE:SRC_PATH, a local path, or - for a tar on stdin.")
    String source;

    @Parameters(index = "1", paramLabel = "DEST", description = "SERVICE:DEST_PATH, a local path, or - for a tar on stdout.")
    String destination;

    @Override
    int run(CliSession session) {
        String[] from = split(source);
        String[] to = split(destination);
        if ((from == null) == (to == null)) {
            throw new CliException(from == null ? "copying between local paths is not supported: one of SRC and DEST must be SERVICE:PATH"
                    : "copying between containers is not supported: one of SRC and DEST must be a local path");
        }
        ContainerFiles files = new ContainerFiles(session.client().containers());
        try {
            if (from != null) {
                ServiceContainer container = containers(session, from[0], true).getFirst();
                if (destination.equals("-")) {
                    files.copyOutAsTar(container.id(), from[1], session.bytesOut());
                } else {
                    files.copyOut(container.id(), from[1], Path.of(destination), archive);
                }
                return 0;
            }
            for (ServiceContainer container : containers(session, to[0], false)) {
                if (source.equals("-")) {
                    files.copyInFromTar(session.in(), container.id(), to[1]);
                } else {
                    files.copyIn(Path.of(source), container.id(), to[1], archive);
                }
            }
            return 0;
        } catch (UncheckedIOException e) {
            throw new CliException(e.getMessage());
        }
    }

    /** {@code web:/app} → {web, /app}; a local path (starting with / or ., or without a colon) → null. */
    static String[] split(String argument) {
        int colon = argument.indexOf(':');
        if (argument.startsWith("/") || argument.startsWith(".") || argument.equals("-") || colon <= 0) {
            return null;
        }
        return new String[] {argument.substring(0, colon), argument.substring(colon + 1)};
    }

    private List<ServiceContainer> containers(CliSession session, String service, boolean fromService) {
        session.services(List.of(service));
        List<ServiceContainer> found = session.compose().ps(session.projectName(), Set.of(service), true).stream()
                .filter(container -> all || !container.oneOff())
                .sorted(Comparator.comparingInt(ServiceContainer::number))
                .toList();
        if (found.isEmpty()) {
            throw new CliException("no container found for service \"" + service + "\"");
        }
        if (index > 0) {
            return List.of(found.stream().filter(container -> container.number() == index).findFirst()
                    .orElseThrow(() -> new CliException("service \"" + service + "\" has no container with index " + index
                            + " (it has " + found.size() + ")")));
        }
        return fromService ? List.of(found.getFirst()) : found;
    }
}
