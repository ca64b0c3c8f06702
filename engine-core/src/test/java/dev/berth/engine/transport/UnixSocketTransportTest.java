package dev.berth.engine.transport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

class UnixSocketTransportTest extends TransportContract {

    @Override
    protected ScriptedHttpServer startServer() throws Exception {
        Path dir = Files.createTempDirectory("berth-unix");
        return ScriptedHttpServer.unix(dir.resolve("engine.sock"));
    }

    @Override
    protected Transport transportTo(ScriptedHttpServer server) {
        return new UnixSocketTransport(server.socket(), Duration.ofSeconds(10));
    }
}
