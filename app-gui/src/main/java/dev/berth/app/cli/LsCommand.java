package dev.berth.app.cli;

import dev.berth.engine.api.EngineJson;
import dev.berth.engine.compose.ListedProject;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth ls}: every Compose project on the engine, whoever started it (Berth, Compose v2, docker-compose v1). */
@Command(name = "ls", description = "List running Compose projects (-a: also stopped ones).")
final class LsCommand extends ComposeCommand {

    enum Format { table, json }

    @Option(names = {"-a", "--all"}, description = "Show all stopped Compose projects.")
    boolean all;

    @Option(names = {"-q", "--quiet"}, description = "Only display project names.")
    boolean quiet;

    @Option(names = "--format", paramLabel = "FORMAT", description = "Format the output: ${COMPLETION-CANDIDATES} (default: table).")
    Format format = Format.table;

    @Override
    int run(CliSession session) {
        List<ListedProject> projects = session.compose().listProjects(all);
        PrintWriter out = session.out();
        if (quiet) {
            projects.forEach(project -> out.println(project.name()));
        } else if (format == Format.json) {
            out.println(EngineJson.MAPPER.writeValueAsString(projects.stream().map(LsCommand::json).toList()));
        } else {
            Table table = new Table("NAME", "STATUS", "CONFIG FILES");
            projects.forEach(project -> table.row(project.name(), project.status(), String.join(",", project.configFiles())));
            table.print(out);
        }
        out.flush();
        return 0;
    }

    private static Map<String, Object> json(ListedProject project) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("Name", project.name());
        row.put("Status", project.status());
        row.put("ConfigFiles", String.join(",", project.configFiles()));
        return row;
    }
}
