package dev.berth.bridge.discovery;

import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EngineEndpoint;

/** The engine discovery chose: where it is, how it was found, and a connected client (close it when done). */
public record DiscoveredEngine(EngineEndpoint endpoint, String howFound, EngineClient client) implements AutoCloseable {

    @Override
    public void close() {
        client.close();
    }
}
