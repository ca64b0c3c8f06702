package dev.berth.app.cli;

import dev.berth.engine.api.EngineException;
import dev.berth.engine.api.EngineJson;
import dev.berth.engine.api.StatsCalculator;
import dev.berth.engine.api.StatsCalculator.StatsSummary;
import dev.berth.engine.compose.ServiceContainer;
import dev.berth.engine.format.ByteSize;
import dev.berth.engine.format.ByteSize.Base;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth stats}: CPU, memory, network and block I/O of the project's running containers, sampled
 * in parallel (the engine needs about a second per sample). Streams until interrupted unless {@code --no-stream}.
 */
@Command(name = "stats", description = "Display a live stream of container resource usage statistics.")
final class StatsCommand extends ComposeCommand {

    enum Format { table, json }

    @Option(names = "--no-stream", description = "Disable streaming stats and only pull the first result.")
    boolean noStream;

    @Option(names = {"-a", "--all"}, description = "Show all containers (default shows just running).")
    boolean all;

    @Option(names = "--format", paramLabel = "FORMAT", description = "Format the output: ${COMPLETION-CANDIDATES} (default: table).")
    Format format = Format.table;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Only these services.")
    List<String> services = new ArrayList<>();

    @Override
    int run(CliSession session) throws InterruptedException {
        String project = session.projectName();
        var selected = session.services(services);
        PrintWriter out = session.out();
        boolean shown = false;
        do {
            List<ServiceContainer> containers;
            try {
                containers = session.compose().ps(project, selected, all);
            } catch (EngineException e) {
                if (!shown) {
                    throw e;
                }
                // The engine went away while the stats streamed: say that the stream stopped, not only why.
                throw new CliException("Stopped streaming the stats: " + e.getMessage());
            }
            shown = true;
            Map<ServiceContainer, StatsSummary> samples = sample(session, containers);
            if (format == Format.json) {
                samples.forEach((container, stats) -> out.println(EngineJson.MAPPER.writeValueAsString(json(container, stats))));
            } else {
                if (!noStream && session.terminal()) {
                    out.print("\u001b[2J\u001b[H");
                }
                Table table = new Table("CONTAINER ID", "NAME", "CPU %", "MEM USAGE / LIMIT", "MEM %", "NET I/O", "BLOCK I/O", "PIDS");
                samples.forEach((container, stats) -> table.row(container.id().substring(0, 12), container.name(),
                        percent(stats.cpuPercent()), ByteSize.compact(stats.memoryUsage(), Base.BINARY) + " / " + ByteSize.compact(stats.memoryLimit(), Base.BINARY),
                        percent(stats.memoryPercent()), ByteSize.compact(stats.networkRx(), Base.DECIMAL) + " / " + ByteSize.compact(stats.networkTx(), Base.DECIMAL),
                        ByteSize.compact(stats.blockRead(), Base.DECIMAL) + " / " + ByteSize.compact(stats.blockWrite(), Base.DECIMAL), stats.pids()));
                table.print(out);
            }
            out.flush();
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        } while (!noStream);
        return 0;
    }

    private static Map<ServiceContainer, StatsSummary> sample(CliSession session, List<ServiceContainer> containers)
            throws InterruptedException {
        Map<ServiceContainer, StatsSummary> samples = new LinkedHashMap<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Map<ServiceContainer, Future<StatsSummary>> futures = new LinkedHashMap<>();
            for (ServiceContainer container : containers) {
                futures.put(container, threads.submit(() -> StatsCalculator.summarize(session.client().containers().statsOnce(container.id()))));
            }
            for (var entry : futures.entrySet()) {
                try {
                    samples.put(entry.getKey(), entry.getValue().get());
                } catch (ExecutionException e) {
                    // the container went away between ps and stats: leave it out
                }
            }
        }
        return samples;
    }

    private static String percent(double value) {
        return String.format(Locale.ROOT, "%.2f%%", value);
    }

    private static Map<String, Object> json(ServiceContainer container, StatsSummary stats) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("ID", container.id());
        row.put("Name", container.name());
        row.put("Service", container.service());
        row.put("CPUPerc", percent(stats.cpuPercent()));
        row.put("MemUsage", stats.memoryUsage());
        row.put("MemLimit", stats.memoryLimit());
        row.put("MemPerc", percent(stats.memoryPercent()));
        row.put("NetRx", stats.networkRx());
        row.put("NetTx", stats.networkTx());
        row.put("BlockRead", stats.blockRead());
        row.put("BlockWrite", stats.blockWrite());
        row.put("PIDs", stats.pids());
        return row;
    }
}
