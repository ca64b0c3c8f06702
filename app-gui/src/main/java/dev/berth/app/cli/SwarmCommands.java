package dev.berth.app.cli;

import dev.berth.engine.swarm.SwarmApi.JoinTokens;
import dev.berth.engine.swarm.SwarmState;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth swarm init|join-token|join|leave|status}: this engine's place in a swarm, as {@code docker swarm}. */
@Command(name = "swarm", description = "Manage the swarm: init, join-token, join, leave, status.",
        subcommands = {SwarmCommands.Init.class, SwarmCommands.JoinToken.class, SwarmCommands.Join.class, SwarmCommands.Leave.class,
                SwarmCommands.Status.class})
final class SwarmCommands extends CommandGroup {

    /** The port a manager listens on unless told otherwise. */
    static final String DEFAULT_LISTEN = "0.0.0.0:2377";

    @Command(name = "init", description = "Initialize a swarm: this engine becomes its first manager.")
    static final class Init extends SwarmCommand {
        @Option(names = "--advertise-addr", paramLabel = "ADDR", description = "Address other nodes reach this one on (127.0.0.1 for a swarm of one).")
        String advertiseAddr;

        @Option(names = "--listen-addr", paramLabel = "ADDR:PORT", description = "Where the manager listens (default: " + DEFAULT_LISTEN + ").")
        String listenAddr = DEFAULT_LISTEN;

        @Override
        int run(Engine engine) {
            SwarmState state = engine.swarm().swarm().state();
            if (state.active()) {
                throw new CliException("this engine is already part of a swarm: run berth swarm leave first");
            }
            String nodeId = engine.swarm().swarm().init(advertiseAddr, listenAddr);
            out().println("Swarm initialized: current node (" + nodeId + ") is now a manager.");
            out().println();
            printJoin(engine, "worker", out());
            out().println("To add a manager to this swarm, run 'berth swarm join-token manager' and follow the instructions.");
            out().println();
            return 0;
        }
    }

    @Command(name = "join-token", description = "Show the command that joins another engine as a worker or a manager.")
    static final class JoinToken extends SwarmCommand {
        @Parameters(paramLabel = "ROLE", description = "worker or manager.")
        String role;

        @Option(names = {"-q", "--quiet"}, description = "Only display the token.")
        boolean quiet;

        @Override
        int run(Engine engine) {
            if (!role.equals("worker") && !role.equals("manager")) {
                throw new CliException("unknown role " + role + ": use worker or manager", 2);
            }
            requireManager(engine.swarm());
            if (quiet) {
                out().println(token(engine.swarm().swarm().joinTokens(), role));
            } else {
                printJoin(engine, role, out());
            }
            return 0;
        }
    }

    @Command(name = "join", description = "Join a swarm as a worker or manager (the token says which).")
    static final class Join extends SwarmCommand {
        @Option(names = "--token", required = true, paramLabel = "TOKEN", description = "Token for entry into the swarm.")
        String token;

        @Option(names = "--advertise-addr", paramLabel = "ADDR", description = "Address the other nodes reach this one on.")
        String advertiseAddr;

        @Option(names = "--listen-addr", paramLabel = "ADDR:PORT", description = "Where this node listens (default: " + DEFAULT_LISTEN + ").")
        String listenAddr = DEFAULT_LISTEN;

        @Parameters(paramLabel = "HOST:PORT", description = "A manager of the swarm.")
        String remote;

        @Override
        int run(Engine engine) {
            if (engine.swarm().swarm().state().active()) {
                throw new CliException("this engine is already part of a swarm: run berth swarm leave first");
            }
            engine.swarm().swarm().join(List.of(remote), token, advertiseAddr, listenAddr);
            boolean manager = engine.swarm().swarm().state().manager();
            out().println("This node joined a swarm as a " + (manager ? "manager" : "worker") + ".");
            return 0;
        }
    }

    @Command(name = "leave", description = "Leave the swarm (a manager must --force).")
    static final class Leave extends SwarmCommand {
        @Option(names = {"-f", "--force"}, description = "Leave even as a manager (the last manager's leaving ends the swarm).")
        boolean force;

        @Override
        int run(Engine engine) {
            SwarmState state = engine.swarm().swarm().state();
            if (!state.active() && !"pending".equals(state.localState()) && !"error".equals(state.localState())) {
                throw new CliException("this engine is not part of a swarm");
            }
            if (state.manager() && !force) {
                throw new CliException("this engine is a swarm manager: leaving would " + (state.managers() <= 1
                        ? "end the swarm and lose its state (services, secrets…)" : "reduce the managers' quorum")
                        + "; use berth swarm leave --force to leave anyway");
            }
            engine.swarm().swarm().leave(force);
            out().println("Node left the swarm.");
            return 0;
        }
    }

    @Command(name = "status", description = "Show this engine's swarm state: node, role, managers and nodes.")
    static final class Status extends SwarmCommand {
        @Override
        int run(Engine engine) {
            SwarmState state = engine.swarm().swarm().state();
            PrintWriter out = out();
            row(out, "Swarm", state.localState());
            if (state.nodeId() != null) {
                row(out, "NodeID", state.nodeId());
                row(out, "Is Manager", String.valueOf(state.manager()));
                row(out, "Node Address", state.nodeAddress());
            }
            if (state.manager()) {
                row(out, "ClusterID", state.clusterId());
                row(out, "Managers", String.valueOf(state.managers()));
                row(out, "Nodes", String.valueOf(state.nodes()));
            }
            if (state.error() != null) {
                row(out, "Error", state.error());
            }
            out.flush();
            return 0;
        }

        private static void row(PrintWriter out, String label, String value) {
            out.printf("%-13s %s%n", label + ":", value == null ? "" : value);
        }
    }

    private static String token(JoinTokens tokens, String role) {
        return role.equals("manager") ? tokens.manager() : tokens.worker();
    }

    /** docker's "To add a worker to this swarm, run the following command:" with the join line. */
    private static void printJoin(SwarmCommand.Engine engine, String role, PrintWriter out) {
        SwarmState state = engine.swarm().swarm().state();
        String address = engine.swarm().nodes().document(state.nodeId()).path("ManagerStatus").path("Addr").asString("");
        out.println("To add a " + role + " to this swarm, run the following command:");
        out.println();
        out.println("    berth swarm join --token " + token(engine.swarm().swarm().joinTokens(), role) + " " + address);
        out.println();
        out.flush();
    }
}
