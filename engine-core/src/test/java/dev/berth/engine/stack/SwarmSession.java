package dev.berth.engine.stack;

import dev.berth.engine.api.EngineApiException;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.Filters;
import dev.berth.engine.swarm.Swarm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A single-node swarm for the length of a test class, on the shared engine: {@code swarm init
 * --advertise-addr 127.0.0.1} if the engine is not in one, and on close leave it again (forced: it is the only
 * manager) and remove the {@code docker_gwbridge} network that init created. A swarm someone else made is used
 * and left alone. Test JVMs on this machine share one engine, so a session holds an exclusive lock on
 * {@link #LOCK} from init to leave: two suites must not init and leave the same engine's swarm under each other.
 */
final class SwarmSession implements AutoCloseable {

    static final Path LOCK = Path.of(System.getProperty("java.io.tmpdir"), "berth-swarm-tests.lock");

    private final FileChannel lockFile;
    private final FileLock lock;
    private final EngineClient client;
    private final Swarm swarm;
    private final boolean created;
    private final boolean gatewayExisted;

    SwarmSession(EngineClient client) {
        try {
            this.lockFile = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            this.lock = lockFile.lock();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + LOCK, e);
        }
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
        try {
            if (created) {
                leave();
            }
        } finally {
            try {
                lock.release();
                lockFile.close();
            } catch (IOException e) {
                // the lock goes with the process in any case
            }
        }
    }

    private void leave() {
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
