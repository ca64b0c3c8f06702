package dev.berth.engine.api;

/** The engine is too old for Berth (API below {@link ApiVersion#MINIMUM}). */
public class EngineIncompatibleException extends EngineException {

    public EngineIncompatibleException(String message) {
        super(message);
    }
}
