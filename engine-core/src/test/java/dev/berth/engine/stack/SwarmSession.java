package dev.berth.engine.stack;

import dev.berth.engine.api.EngineApiException;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.Filters;
import dev.berth.engine.swarm.Swarm;

/**
 * A single-node swarm for the length of a test class, on the shared engine: {@code swarm init
 * --advertise-addr 127.0.0.1} if the engine is not in one, and on close leave it again (forced: it is the only
 * manager) and remove the {@code docker_gwbridge} network that init created. A swarm someone else made is used
 * and left alone.
 */
final class SwarmSession implements AutoCloseable {

    private final EngineClient client;
    private final Swarm swarm;
    private final boolean created;
    private final boolean gatewayExisted;

    SwarmSession(EngineClient client) {
        this.client = client;
        this.swarm = new Swarm(client);
        this.gatewayExisted = !client.networks().list(Filters.none().name("docker_gwbridge")).isEmpty();
        if (swarm.swarm().state().active()) {
            created = false;
        } else {
            swarm.swarm().init("127.0.0.1", "127.0.0.1:2377");
            created = true;
        }
    }

    Swarm swarm() {
        return swarm;
    }

    boolean created() {
        return created;
    }

    @Override
    public void close() {
        if (!created) {
            return;
        }
        swarm.swarm().leave(true);
        if (!gatewayExisted) {
            try {
                client.networks().remove("docker_gwbridge");
            } catch (EngineApiException e) {
                // still in use by a container someone else attached: leave it
            }
        }
    }
}
