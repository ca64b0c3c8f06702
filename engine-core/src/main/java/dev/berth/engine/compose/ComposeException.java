package dev.berth.engine.compose;

/** A Compose operation failed; the message is a sentence for the user naming the service and the cause. */
public class ComposeException extends RuntimeException {

    public ComposeException(String message) {
        super(message);
    }

    public ComposeException(String message, Throwable cause) {
        super(message, cause);
    }
}
