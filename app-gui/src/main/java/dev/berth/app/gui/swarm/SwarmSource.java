package dev.berth.app.gui.swarm;

import dev.berth.app.gui.logs.LogLine;
import dev.berth.engine.stack.StackDeployer;
import dev.berth.engine.stack.StackSpec;
import dev.berth.engine.stream.EngineStream;
import java.util.function.Consumer;

/** The Swarm tab's engine reads and actions; blocking I/O, called on a background thread. */
public interface SwarmSource {

    SwarmSnapshot load();

    /** {@code docker service scale SERVICE=N}. */
    void scale(String serviceId, long replicas);

    /**
     * {@code service logs -f}: the last lines and then the followed ones of every task, each line's source its
     * task ({@code web.1@node}); {@code shortName} is how the tab names the service. Blocking reads; closing
     * the stream ends them.
     */
    EngineStream<LogLine> serviceLogs(String serviceId, String shortName);

    /** {@code stack deploy} (a dry run with {@code options.dryRun()}); {@code progress} gets one line per step. */
    StackDeployer.Result deploy(StackSpec stack, StackDeployer.Options options, Consumer<String> progress);
}
