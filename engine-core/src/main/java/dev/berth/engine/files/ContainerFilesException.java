package dev.berth.engine.files;

import dev.berth.engine.api.EngineException;

/** A copy that cannot be done as asked (missing path, a folder onto a file…); the message says which. */
public final class ContainerFilesException extends EngineException {

    public ContainerFilesException(String message) {
        super(message);
    }

    public ContainerFilesException(String message, Throwable cause) {
        super(message, cause);
    }
}
