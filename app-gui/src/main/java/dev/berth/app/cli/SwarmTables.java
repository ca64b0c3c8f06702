package dev.berth.app.cli;

import dev.berth.engine.stack.Stacks.StackTask;
import dev.berth.engine.swarm.SwarmNode;
import dev.berth.engine.swarm.SwarmService;
import dev.berth.engine.swarm.SwarmTask;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The docker CLI's swarm tables ({@code service ls}, {@code stack ps}, {@code node ls}) over the engine-core records. */
final class SwarmTables {

    private SwarmTables() {}

    /** {@code docker service ls}: ID, NAME, MODE, REPLICAS (running/desired), IMAGE, PORTS. */
    static void services(List<SwarmService> services, PrintWriter out) {
        Table table = new Table("ID", "NAME", "MODE", "REPLICAS", "IMAGE", "PORTS");
        for (SwarmService service : services) {
            table.row(shortId(service.id()), service.name(), service.mode(), replicas(service), SwarmService.withoutDigest(service.image()),
                    service.publishedPorts());
        }
        table.print(out);
    }

    /** {@code 2/3}; a service in a rolling update says so, as the GUI's column does: {@code 3/3 (updating)}. */
    static String replicas(SwarmService service) {
        String counts = service.runningTasks() + "/" + service.desiredTasks();
        String update = service.updateState();
        return update == null || update.equals("completed") || update.equals("rollback_completed") ? counts : counts + " (" + update + ")";
    }

    /** {@code docker stack ps}: ID, NAME, IMAGE, NODE, DESIRED STATE, CURRENT STATE, ERROR. */
    static void tasks(List<StackTask> tasks, PrintWriter out, boolean noTrunc) {
        Table table = new Table("ID", "NAME", "IMAGE", "NODE", "DESIRED STATE", "CURRENT STATE", "ERROR");
        Instant now = Instant.now();
        String previous = null;
        for (StackTask t : tasks) {
            SwarmTask task = t.task();
            // docker indents the older tasks of a slot under the newest: " \_ web.1"
            String name = t.name().equals(previous) ? " \\_ " + t.name() : t.name();
            previous = t.name();
            String error = task.error() == null ? "" : noTrunc || task.error().length() <= 40 ? task.error()
                    : task.error().substring(0, 39) + "…";
            table.row(noTrunc ? task.id() : shortId(task.id()), name, SwarmService.withoutDigest(task.image()), t.nodeName(), capital(task.desiredState()),
                    currentState(task, now), error.isEmpty() ? "" : "\"" + error + "\"");
        }
        table.print(out);
    }

    /** {@code Running 5 minutes ago}. */
    static String currentState(SwarmTask task, Instant now) {
        String state = capital(task.state());
        return task.timestamp() == null ? state : state + " " + Humanize.ago(task.timestamp().getEpochSecond(), now).toLowerCase(Locale.ROOT);
    }

    /** {@code docker node ls}: ID (with {@code *} on this node), HOSTNAME, STATUS, AVAILABILITY, MANAGER STATUS, ENGINE VERSION. */
    static void nodes(List<SwarmNode> nodes, String self, PrintWriter out) {
        Table table = new Table("ID", "HOSTNAME", "STATUS", "AVAILABILITY", "MANAGER STATUS", "ENGINE VERSION");
        for (SwarmNode node : nodes) {
            String manager = node.leader() ? "Leader" : node.managerReachability() == null ? "" : capital(node.managerReachability());
            table.row(node.id() + (node.id().equals(self) ? " *" : ""), node.hostname(), capital(node.state()), capital(node.availability()),
                    manager, node.engineVersion());
        }
        table.print(out);
    }

    static String capital(String word) {
        return word == null || word.isEmpty() ? "" : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    static String shortId(String id) {
        return id == null ? "" : id.length() > 12 ? id.substring(0, 12) : id;
    }
}
