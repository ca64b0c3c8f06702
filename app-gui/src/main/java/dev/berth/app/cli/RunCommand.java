package dev.berth.app.cli;

import dev.berth.compose.model.Project;
import dev.berth.engine.api.ContainersApi.AttachOptions;
import dev.berth.engine.api.EngineApiException;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.model.ContainerWaitResponse;
import dev.berth.engine.compose.ComposeEngine;
import dev.berth.engine.compose.OneOffOptions;
import dev.berth.engine.stream.HijackedSession;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth run SERVICE CMD…}: a one-off container of a service ({@code com.docker.compose.oneoff=True}),
 * its dependencies started first unless {@code --no-deps}; attached, it exits with the command's exit code.
 */
@Command(name = "run", description = "Run a one-off command on a service.")
final class RunCommand extends ComposeCommand {

    @Option(names = "--rm", description = "Automatically remove the container when it exits.")
    boolean remove;

    @Option(names = {"-d", "--detach"}, description = "Run container in background and print its name.")
    boolean detach;

    @Option(names = {"-T", "--no-TTY"}, description = "Disable pseudo-TTY allocation (default: a TTY when on a terminal).")
    boolean noTty;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VAL", description = "Set environment variables (repeatable).")
    List<String> env = new ArrayList<>();

    @Option(names = "--entrypoint", paramLabel = "CMD", description = "Override the entrypoint of the image.")
    String entrypoint;

    @Option(names = "--name", paramLabel = "NAME", description = "Assign a name to the container.")
    String name;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "Run as specified username or uid.")
    String user;

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "Working directory inside the container.")
    String workdir;

    @Option(names = "--no-deps", description = "Don't start linked services.")
    boolean noDeps;

    @Option(names = "--service-ports", description = "Run command with the service's ports enabled and mapped to the host.")
    boolean servicePorts;

    @Parameters(index = "0", paramLabel = "SERVICE", description = "The service.")
    String service;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "COMMAND", description = "The command and its arguments (default: the service's).")
    List<String> command = new ArrayList<>();

    @Override
    int run(CliSession session) {
        Project project = session.project();
        session.services(List.of(service));
        boolean tty = !noTty && !detach && session.terminal();
        boolean stdin = !detach;
        Map<String, String> environment = new LinkedHashMap<>();
        for (String entry : env) {
            int eq = entry.indexOf('=');
            environment.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? System.getenv(entry) : entry.substring(eq + 1));
        }
        ComposeEngine compose = session.compose();
        session.checkVmShares(project);
        ComposeEngine.OneOff container = compose.createOneOff(project, service,
                new OneOffOptions(command, entrypoint == null ? null : List.of(entrypoint.split("\\s+")), environment, name, user,
                        workdir, tty, stdin, noDeps, servicePorts),
                session.progress("Running"));
        EngineClient client = session.client();
        if (detach) {
            client.containers().start(container.id());
            session.out().println(container.name());
            return 0;
        }
        try {
            try (HijackedSession process = client.containers().attach(container.id(), new AttachOptions(stdin, true, true, false))) {
                client.containers().start(container.id());
                if (tty) {
                    ProcessIo.resize((height, width) -> client.containers().resize(container.id(), height, width));
                }
                ProcessIo.connect(process, session, stdin, tty);
            }
            ContainerWaitResponse exit = client.containers().waitFor(container.id(), "not-running");
            return exit.statusCode() == null ? 0 : exit.statusCode().intValue();
        } finally {
            if (remove) {
                try {
                    client.containers().remove(container.id(), true, true);
                } catch (EngineApiException e) {
                    if (!e.isNotFound()) {
                        session.err().println("could not remove " + container.name() + ": " + e.engineMessage());
                    }
                }
            }
        }
    }
}
