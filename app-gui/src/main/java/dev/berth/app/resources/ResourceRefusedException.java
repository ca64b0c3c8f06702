package dev.berth.app.resources;

/**
 * An action Berth refuses before asking the engine (or after the engine said no), with a message meant
 * for the user as it is: "Volume data is used by container web-1; stop and remove it first."
 */
public final class ResourceRefusedException extends RuntimeException {

    public ResourceRefusedException(String message) {
        super(message);
    }

    public ResourceRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
