package dev.berth.engine.swarm;

import dev.berth.engine.api.EngineException;

/** A swarm request Berth refuses before sending, with a message for the user. */
public final class SwarmException extends EngineException {

    public SwarmException(String message) {
        super(message);
    }
}
