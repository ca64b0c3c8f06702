package dev.berth.app.cli;

import dev.berth.engine.api.EngineJson;
import dev.berth.engine.swarm.SwarmState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code berth node ls|inspect|update}: the swarm's nodes, as {@code docker node}. Manager only. */
@Command(name = "node", description = "Manage swarm nodes: ls, inspect, update.",
        subcommands = {NodeCommands.Ls.class, NodeCommands.Inspect.class, NodeCommands.Update.class})
final class NodeCommands extends CommandGroup {

    /** What availability a node can be given. */
    enum Availability { active, pause, drain }

    @Command(name = "ls", aliases = "list", description = "List the nodes of the swarm.")
    static final class Ls extends SwarmCommand {
        @Option(names = {"-q", "--quiet"}, description = "Only display IDs.")
        boolean quiet;

        @Override
        int run(Engine engine) {
            SwarmState state = requireManager(engine.swarm());
            var nodes = engine.swarm().nodes().list();
            if (quiet) {
                nodes.forEach(n -> out().println(n.id()));
                out().flush();
            } else {
                SwarmTables.nodes(nodes, state.nodeId(), out());
            }
            return 0;
        }
    }

    @Command(name = "inspect", description = "Show the nodes' documents as the engine holds them (JSON); self is this node.")
    static final class Inspect extends SwarmCommand {
        @Parameters(paramLabel = "NODE", arity = "1..*", description = "Node id, hostname or self.")
        List<String> nodes = new ArrayList<>();

        @Override
        int run(Engine engine) {
            SwarmState state = requireManager(engine.swarm());
            List<JsonNode> documents = new ArrayList<>();
            for (String node : nodes) {
                documents.add(engine.swarm().nodes().document(node.equals("self") ? state.nodeId() : node));
            }
            out().println(EngineJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(documents));
            out().flush();
            return 0;
        }
    }

    @Command(name = "update", description = "Change a node's availability or labels.")
    static final class Update extends SwarmCommand {
        @Option(names = "--availability", paramLabel = "AVAILABILITY", description = "${COMPLETION-CANDIDATES}.")
        Availability availability;

        @Option(names = "--label-add", paramLabel = "KEY=VALUE", description = "Add or change a node label (repeatable).")
        List<String> labelAdd = new ArrayList<>();

        @Option(names = "--label-rm", paramLabel = "KEY", description = "Remove a node label (repeatable).")
        List<String> labelRm = new ArrayList<>();

        @Parameters(paramLabel = "NODE", description = "Node id, hostname or self.")
        String node;

        @Override
        @SuppressWarnings("unchecked")
        int run(Engine engine) {
            SwarmState state = requireManager(engine.swarm());
            if (availability == null && labelAdd.isEmpty() && labelRm.isEmpty()) {
                throw new CliException("nothing to update: give --availability, --label-add or --label-rm", 2);
            }
            Map<String, String> add = new TreeMap<>();
            for (String label : labelAdd) {
                int eq = label.indexOf('=');
                add.put(eq < 0 ? label : label.substring(0, eq), eq < 0 ? "" : label.substring(eq + 1));
            }
            String id = node.equals("self") ? state.nodeId() : node;
            engine.swarm().nodes().update(id, spec -> {
                if (availability != null) {
                    spec.put("Availability", availability.name());
                }
                Map<String, Object> labels = spec.get("Labels") instanceof Map<?, ?> m ? new TreeMap<>((Map<String, Object>) m) : new TreeMap<>();
                for (String key : labelRm) {
                    if (labels.remove(key) == null) {
                        throw new CliException("node " + node + " has no label " + key);
                    }
                }
                labels.putAll(add);
                spec.put("Labels", labels);
            });
            out().println(node);
            out().flush();
            return 0;
        }
    }
}
