package dev.berth.app.cli;

import dev.berth.engine.api.EngineApiException;
import dev.berth.engine.api.EngineJson;
import dev.berth.engine.compose.ContainerState;
import dev.berth.engine.compose.LastExit;
import dev.berth.engine.compose.ServiceContainer;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth ps}: the project's containers, recognised by their labels whoever created them. */
@Command(name = "ps", description = "List containers of the project.")
final class PsCommand extends ComposeCommand {

    enum Format { table, json }

    @Option(names = {"-a", "--all"}, description = "Show all stopped containers too.")
    boolean all;

    @Option(names = {"-q", "--quiet"}, description = "Only display IDs.")
    boolean quiet;

    @Option(names = "--services", description = "Display services.")
    boolean servicesOnly;

    @Option(names = "--format", paramLabel = "FORMAT", description = "Format the output: ${COMPLETION-CANDIDATES} (default: table).")
    Format format = Format.table;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Only these services.")
    List<String> services = new ArrayList<>();

    @Override
    int run(CliSession session) {
        // docker ps shows paused containers as running ones; so does Compose's ps without -a.
        List<ServiceContainer> containers = session.compose().ps(session.projectName(), session.services(services), true).stream()
                .filter(container -> all || container.state().isStoppable()).toList();
        PrintWriter out = session.out();
        if (quiet) {
            containers.forEach(container -> out.println(container.id()));
        } else if (servicesOnly) {
            new LinkedHashSet<>(containers.stream().map(ServiceContainer::service).toList()).forEach(out::println);
        } else if (format == Format.json) {
            for (ServiceContainer container : containers) {
                out.println(EngineJson.MAPPER.writeValueAsString(json(session.projectName(), container, lastExit(session, container))));
            }
        } else {
            Instant now = Instant.now();
            Table table = new Table("NAME", "IMAGE", "COMMAND", "SERVICE", "CREATED", "STATUS", "PORTS");
            for (ServiceContainer container : containers) {
                // Compose's status text as the engine wrote it, then what it hides: an OOM kill reads "Exited (137)"
                // just like a docker kill, and "Restarting (3)" names the exit code, not how often it restarted.
                String status = container.status() + lastExit(session, container).statusSuffix(container.state());
                table.row(container.name(), container.image(), Humanize.command(container.command()), container.service(),
                        Humanize.ago(container.created(), now), status, String.join(", ", container.publishedPorts()));
            }
            table.print(out);
        }
        out.flush();
        return 0;
    }

    /** Compose v2's ps inspects every container too (for its health and exit code); one gone meanwhile says nothing. */
    private static LastExit lastExit(CliSession session, ServiceContainer container) {
        try {
            return LastExit.of(session.client().containers().inspect(container.id()));
        } catch (EngineApiException e) {
            if (e.isNotFound()) {
                return LastExit.NONE; // removed since the listing
            }
            throw e;
        }
    }

    /**
     * One JSON object per line, with Compose v2's field names ({@code ExitCode} only for exited and dead
     * containers, as Compose), and two of Berth's: {@code RestartCount} and {@code OOMKilled}, inspect's names.
     */
    static Map<String, Object> json(String project, ServiceContainer container, LastExit exit) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("ID", container.id());
        row.put("Name", container.name());
        row.put("Image", container.image());
        row.put("Command", container.command());
        row.put("Project", project);
        row.put("Service", container.service());
        row.put("Created", container.created());
        row.put("State", container.state().engineName());
        row.put("Status", container.status());
        row.put("Health", container.health().composeName());
        row.put("Ports", String.join(", ", container.publishedPorts()));
        boolean ended = container.state() == ContainerState.EXITED || container.state() == ContainerState.DEAD;
        row.put("ExitCode", ended ? exit.exitCode() : 0);
        row.put("RestartCount", exit.restartCount());
        row.put("OOMKilled", exit.oomKilled());
        return row;
    }
}
