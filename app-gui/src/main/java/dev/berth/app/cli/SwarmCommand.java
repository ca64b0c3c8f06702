package dev.berth.app.cli;

import dev.berth.bridge.discovery.DiscoveredEngine;
import dev.berth.bridge.discovery.EngineDiscovery;
import dev.berth.bridge.discovery.HostEnvironment;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.compose.ComposeException;
import dev.berth.engine.swarm.Swarm;
import dev.berth.engine.swarm.SwarmState;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The base of the swarm verbs ({@code berth swarm|node|stack|service …}): they act on the engine, not on a
 * project, so each run connects, hands the subclass the engine and its {@link Swarm} endpoints, and turns a
 * failure into one message on stderr and exit code 1, as {@link ComposeCommand} does for project commands.
 * These commands sit one level below the root ({@code berth stack deploy}), so the root is found through
 * {@code spec.root()} rather than {@code @ParentCommand}.
 */
abstract class SwarmCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    EngineOptionsMixin engineOptions;

    @Mixin
    HelpOption help;

    /** The engine one run talks to. */
    record Engine(EngineClient client, Swarm swarm) {}

    @Override
    public final Integer call() {
        try (DiscoveredEngine engine = EngineDiscovery.standard(HostEnvironment.current()).discover(engineOptions.discoveryOptions())) {
            return run(new Engine(engine.client(), new Swarm(engine.client())));
        } catch (CliException e) {
            return fail(e.getMessage(), e.exitCode());
        } catch (ComposeException | EngineException e) {
            return fail(e.getMessage(), 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    abstract int run(Engine engine) throws InterruptedException;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** The root command (project flags written before the subcommand, stdin). */
    BerthCli root() {
        return spec.root().userObject() instanceof BerthCli cli ? cli : null;
    }

    /**
     * Fails with one sentence that says what to do when the engine cannot answer a manager's endpoints
     * ({@code /nodes}, {@code /services}…): the engine API's own answer there is a 503 about "This node is not a
     * swarm manager" with a paragraph of advice.
     */
    static SwarmState requireManager(Swarm swarm) {
        SwarmState state = swarm.swarm().state();
        if (!state.active()) {
            throw new CliException("this engine is not in a swarm (state: " + state.localState() + "): run berth swarm init, or berth swarm join");
        }
        if (!state.manager()) {
            throw new CliException("this engine is a swarm worker, not a manager: run this on a manager node (-H) or promote this one");
        }
        return state;
    }

    private int fail(String message, int code) {
        out().flush();
        err().println(message == null ? "failed" : message);
        err().flush();
        return code;
    }
}
