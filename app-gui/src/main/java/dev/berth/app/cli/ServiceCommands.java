package dev.berth.app.cli;

import dev.berth.engine.api.Filters;
import dev.berth.engine.stream.EngineStream;
import dev.berth.engine.stream.OutputLine;
import dev.berth.engine.swarm.ServiceLogLine;
import dev.berth.engine.swarm.ServicesApi;
import dev.berth.engine.swarm.Swarm;
import dev.berth.engine.swarm.SwarmNode;
import dev.berth.engine.swarm.SwarmService;
import dev.berth.engine.swarm.SwarmTask;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth service ls|scale|logs|update|rollback}: swarm services, as {@code docker service}. Manager only. */
@Command(name = "service", description = "Manage swarm services: ls, scale, logs, update --image, rollback.",
        subcommands = {ServiceCommands.Ls.class, ServiceCommands.Scale.class, ServiceCommands.Logs.class, ServiceCommands.Update.class,
                ServiceCommands.Rollback.class})
final class ServiceCommands extends CommandGroup {

    @Command(name = "ls", aliases = "list", description = "List services.")
    static final class Ls extends SwarmCommand {
        @Option(names = {"-q", "--quiet"}, description = "Only display IDs.")
        boolean quiet;

        @Override
        int run(Engine engine) {
            requireManager(engine.swarm());
            List<SwarmService> services = new ArrayList<>(engine.swarm().services().list(Filters.none()));
            services.sort(Comparator.comparing(SwarmService::name));
            if (quiet) {
                services.forEach(s -> out().println(s.id()));
                out().flush();
            } else {
                SwarmTables.services(services, out());
            }
            return 0;
        }
    }

    @Command(name = "scale", description = "Scale one or more replicated services: SERVICE=REPLICAS…")
    static final class Scale extends SwarmCommand {
        @Parameters(paramLabel = "SERVICE=REPLICAS", arity = "1..*", description = "A service and its number of replicas.")
        List<String> targets = new ArrayList<>();

        @Override
        int run(Engine engine) {
            requireManager(engine.swarm());
            // Every argument is checked before the first service changes: a typo scales nothing.
            Map<String, Long> wanted = new LinkedHashMap<>();
            for (String target : targets) {
                int eq = target.indexOf('=');
                String replicas = eq < 0 ? "" : target.substring(eq + 1);
                if (eq <= 0 || !replicas.matches("\\d{1,9}")) {
                    throw new CliException("invalid scale specifier '" + target + "': write SERVICE=REPLICAS, such as web=3", 2);
                }
                wanted.put(target.substring(0, eq), Long.parseLong(replicas));
            }
            int failed = 0;
            for (Map.Entry<String, Long> entry : wanted.entrySet()) {
                try {
                    warn(engine.swarm().services().scale(entry.getKey(), entry.getValue()));
                    out().println(entry.getKey() + " scaled to " + entry.getValue());
                } catch (RuntimeException e) {
                    err().println(entry.getKey() + ": " + e.getMessage());
                    failed++;
                }
            }
            out().flush();
            err().flush();
            return failed == 0 ? 0 : 1;
        }

        private void warn(ServicesApi.Outcome outcome) {
            outcome.warnings().forEach(w -> err().println("WARNING: " + w));
        }
    }

    @Command(name = "update", description = "Update a service's image: a rolling update per its update_config.")
    static final class Update extends SwarmCommand {
        @Option(names = "--image", required = true, paramLabel = "IMAGE", description = "The new image.")
        String image;

        @Parameters(paramLabel = "SERVICE", description = "The service.")
        String service;

        @Override
        int run(Engine engine) {
            requireManager(engine.swarm());
            engine.swarm().services().updateImage(service, image).warnings().forEach(w -> err().println("WARNING: " + w));
            out().println(service);
            out().flush();
            return 0;
        }
    }

    @Command(name = "rollback", description = "Revert a service to its spec before the last update.")
    static final class Rollback extends SwarmCommand {
        @Parameters(paramLabel = "SERVICE", description = "The service.")
        String service;

        @Override
        int run(Engine engine) {
            requireManager(engine.swarm());
            if (engine.swarm().services().document(service).path("PreviousSpec").isMissingNode()) {
                throw new CliException("service " + service + " has no previous spec to roll back to (it was never updated)");
            }
            engine.swarm().services().rollback(service).warnings().forEach(w -> err().println("WARNING: " + w));
            out().println(service);
            out().println("rollback: manually requested rollback");
            out().flush();
            return 0;
        }
    }

    @Command(name = "logs", description = "The merged logs of a service's tasks, each line prefixed with its task (name.slot.id@node).")
    static final class Logs extends SwarmCommand {
        @Option(names = {"-f", "--follow"}, description = "Follow log output.")
        boolean follow;

        @Option(names = {"-t", "--timestamps"}, description = "Show timestamps.")
        boolean timestamps;

        @Option(names = {"-n", "--tail"}, paramLabel = "N", description = "Number of lines from the end of each task's logs (default: all).")
        String tail;

        @Option(names = "--no-task-ids", description = "Leave the task ids out of the prefixes.")
        boolean noTaskIds;

        @Option(names = "--raw", description = "No prefixes at all.")
        boolean raw;

        @Parameters(paramLabel = "SERVICE", description = "The service.")
        String service;

        @Override
        int run(Engine engine) throws InterruptedException {
            requireManager(engine.swarm());
            if (tail != null && !tail.equals("all") && !tail.matches("\\d+")) {
                throw new CliException("--tail must be a number or \"all\", not " + tail, 2);
            }
            SwarmService target = engine.swarm().services().inspect(service);
            TaskPrefixes prefixes = new TaskPrefixes(engine.swarm(), target, !noTaskIds);
            PrintWriter out = out();
            // Read on a virtual thread: a blocked socket read ignores interrupts, so an interrupt of this thread
            // (a test; Ctrl-C ends the process anyway) closes the stream instead, as `berth logs -f` does.
            CompletableFuture<Void> done = new CompletableFuture<>();
            try (EngineStream<OutputLine> stream = engine.swarm().services().logs(target.id(), follow,
                    tail == null || tail.equals("all") ? null : tail, timestamps, false)) {
                Thread.ofVirtual().name("berth-service-logs").start(() -> {
                    try {
                        for (OutputLine raw = stream.next(); raw != null; raw = stream.next()) {
                            ServiceLogLine line = ServiceLogLine.of(raw);
                            String text = raw.timestamp() == null ? line.text() : raw.engineTimestamp() + " " + line.text();
                            out.println(this.raw ? text : prefixes.of(line.taskId()) + "    | " + text);
                            out.flush();
                        }
                        done.complete(null);
                    } catch (RuntimeException e) {
                        done.completeExceptionally(e);
                    }
                });
                done.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
            }
            return 0;
        }
    }

    /**
     * {@code web.2.k3j2l1m0n9o8@node-1}, docker's task prefix: the service, the slot (or the node id of a global
     * task), the task id and the node's hostname. Tasks are listed once and again when a line names a task not seen
     * yet (a rolling update or a rescheduled task while following).
     */
    static final class TaskPrefixes {
        private final Swarm swarm;
        private final SwarmService service;
        private final boolean ids;
        private final Map<String, String> prefixes = new HashMap<>();

        TaskPrefixes(Swarm swarm, SwarmService service, boolean ids) {
            this.swarm = swarm;
            this.service = service;
            this.ids = ids;
            refresh();
        }

        String of(String taskId) {
            if (taskId == null) {
                return service.name();
            }
            if (!prefixes.containsKey(taskId)) {
                refresh();
            }
            return prefixes.getOrDefault(taskId, service.name() + "." + SwarmTables.shortId(taskId));
        }

        private void refresh() {
            Map<String, String> hostnames = new HashMap<>();
            for (SwarmNode node : swarm.nodes().list()) {
                hostnames.put(node.id(), node.hostname());
            }
            for (SwarmTask task : swarm.tasks().list(Filters.none().with("service", service.id()))) {
                String slot = task.slot() > 0 ? String.valueOf(task.slot()) : task.nodeId();
                prefixes.put(task.id(), service.name() + "." + slot + (ids ? "." + SwarmTables.shortId(task.id()) : "")
                        + "@" + hostnames.getOrDefault(task.nodeId(), task.nodeId()));
            }
        }
    }
}
