package dev.berth.engine.api;

/**
 * Base of every failure talking to an engine. The message is a sentence a user can act on; the cause
 * keeps the technical detail. Unchecked, like the engine calls themselves are "just calls" to the caller.
 */
public class EngineException extends RuntimeException {

    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
