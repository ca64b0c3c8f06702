package dev.berth.engine.api;

/** The endpoint exists but nothing accepts connections (refused, reset, socket file left behind). */
public class EngineConnectionException extends EngineException {

    public EngineConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
