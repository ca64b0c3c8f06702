package dev.berth.app.cli;

import dev.berth.engine.api.model.NetworkSettings;
import dev.berth.engine.api.model.PortBinding;
import dev.berth.engine.compose.ServiceContainer;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth port SERVICE PRIVATE_PORT}: the public address a container port is published on. */
@Command(name = "port", description = "Print the public port for a port binding.")
final class PortCommand extends ComposeCommand {

    @Option(names = "--protocol", paramLabel = "PROTO", description = "tcp or udp (default: tcp).")
    String protocol = "tcp";

    @Option(names = "--index", paramLabel = "N", description = "Index of the container if the service has multiple replicas (default: 1).")
    int index = 1;

    @Parameters(index = "0", paramLabel = "SERVICE")
    String service;

    @Parameters(index = "1", paramLabel = "PRIVATE_PORT")
    int port;

    @Override
    int run(CliSession session) {
        ServiceContainer container = RunningContainers.find(session, service, index);
        NetworkSettings network = session.client().containers().inspect(container.id()).networkSettings();
        List<PortBinding> bindings = network == null || network.ports() == null ? null : network.ports().get(port + "/" + protocol);
        if (bindings == null || bindings.isEmpty()) {
            throw new CliException("no port " + port + "/" + protocol + " for container " + container.name());
        }
        PortBinding binding = bindings.getFirst();
        String ip = binding.hostIp() == null || binding.hostIp().isEmpty() ? "0.0.0.0" : binding.hostIp();
        session.out().println(ip + ":" + binding.hostPort());
        session.out().flush();
        return 0;
    }
}
