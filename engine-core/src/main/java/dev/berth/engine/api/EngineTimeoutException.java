package dev.berth.engine.api;

/** The engine did not connect or answer in time. */
public class EngineTimeoutException extends EngineException {

    public EngineTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
