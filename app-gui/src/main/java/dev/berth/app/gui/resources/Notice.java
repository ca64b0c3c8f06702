package dev.berth.app.gui.resources;

import dev.berth.app.resources.ResourceRefusedException;
import dev.berth.engine.api.EngineException;
import java.util.concurrent.CompletionException;

/** A one-line message under a resource list: what just happened, or why it did not. */
public record Notice(Tone tone, String text) {

    public enum Tone { INFO, SUCCESS, ERROR }

    public static final Notice NONE = new Notice(Tone.INFO, "");

    public static Notice info(String text) {
        return new Notice(Tone.INFO, text);
    }

    public static Notice success(String text) {
        return new Notice(Tone.SUCCESS, text);
    }

    public static Notice error(String text) {
        return new Notice(Tone.ERROR, text);
    }

    /** The message a failure shows: ours and the engine's are written for users; anything else is prefixed. */
    public static Notice failure(String doing, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        if (cause instanceof ResourceRefusedException || cause instanceof EngineException) {
            return error(message);
        }
        return error(doing + " failed: " + message);
    }
}
