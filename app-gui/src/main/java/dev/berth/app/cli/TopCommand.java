package dev.berth.app.cli;

import dev.berth.engine.api.model.TopResult;
import dev.berth.engine.compose.ServiceContainer;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth top}: the processes of each running container, one table per container. */
@Command(name = "top", description = "Display the running processes.")
final class TopCommand extends ComposeCommand {

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Only these services.")
    List<String> services = new ArrayList<>();

    @Override
    int run(CliSession session) {
        List<ServiceContainer> containers = session.compose().ps(session.projectName(), session.services(services), false);
        PrintWriter out = session.out();
        boolean first = true;
        for (ServiceContainer container : containers) {
            TopResult top = session.client().containers().top(container.id(), null);
            if (!first) {
                out.println();
            }
            first = false;
            out.println(container.name());
            Table table = new Table(top.titles().toArray(String[]::new));
            if (top.processes() != null) {
                top.processes().forEach(process -> table.row(process.toArray()));
            }
            table.print(out);
        }
        out.flush();
        return 0;
    }
}
