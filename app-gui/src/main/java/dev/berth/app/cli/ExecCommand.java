package dev.berth.app.cli;

import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.model.ExecCreateRequest;
import dev.berth.engine.api.model.ExecInspect;
import dev.berth.engine.compose.ServiceContainer;
import dev.berth.engine.stream.HijackedSession;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth exec SERVICE CMD…}: runs a command in a running service container and exits with the
 * command's exit code. Stdin is attached; on a terminal a TTY is allocated unless {@code -T}.
 */
@Command(name = "exec", description = "Execute a command in a running container.")
final class ExecCommand extends ComposeCommand {

    @Option(names = {"-T", "--no-TTY"}, description = "Disable pseudo-TTY allocation (default: a TTY when on a terminal).")
    boolean noTty;

    @Option(names = {"-d", "--detach"}, description = "Detached mode: run the command in the background.")
    boolean detach;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VAL", description = "Set environment variables (repeatable).")
    List<String> env = new ArrayList<>();

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "Path to workdir directory for this command.")
    String workdir;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "Run the command as this user.")
    String user;

    @Option(names = "--privileged", description = "Give extended privileges to the process.")
    boolean privileged;

    @Option(names = "--index", paramLabel = "N", description = "Index of the container if the service has multiple replicas (default: 1).")
    int index = 1;

    @Parameters(index = "0", paramLabel = "SERVICE", description = "The service.")
    String service;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "COMMAND", description = "The command and its arguments.")
    List<String> command = new ArrayList<>();

    @Override
    int run(CliSession session) {
        ServiceContainer container = RunningContainers.find(session, service, index);
        boolean tty = !noTty && session.terminal();
        EngineClient client = session.client();
        String execId = client.exec().create(container.id(), ExecCreateRequest.builder()
                .attachStdin(!detach).attachStdout(!detach).attachStderr(!detach)
                .tty(tty).env(env.isEmpty() ? null : env).cmd(command).user(user).workingDir(workdir)
                .privileged(privileged ? true : null).build());
        try (HijackedSession process = client.exec().start(execId, tty)) {
            if (tty) {
                ProcessIo.resize((height, width) -> client.exec().resize(execId, height, width));
            }
            if (!detach) {
                ProcessIo.connect(process, session, true, tty);
            }
        }
        if (detach) {
            return 0;
        }
        ExecInspect result = client.exec().inspect(execId);
        return result.exitCode() == null ? 0 : result.exitCode();
    }
}
