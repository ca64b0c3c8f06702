package dev.berth.engine.transport;

import java.time.Duration;

class TcpTransportTest extends TransportContract {

    @Override
    protected ScriptedHttpServer startServer() throws Exception {
        return ScriptedHttpServer.tcp();
    }

    @Override
    protected Transport transportTo(ScriptedHttpServer server) {
        return new TcpTransport("127.0.0.1", server.port(), null, false, Duration.ofSeconds(10));
    }
}
