package dev.berth.engine.api;

/** The socket exists but this user may not open it; the message says how to get access. */
public class EnginePermissionException extends EngineException {

    public EnginePermissionException(String endpoint, Throwable cause) {
        super("Permission denied on " + endpoint + ": add yourself to the 'docker' group (sudo usermod -aG docker $USER,"
                + " then log in again), or point DOCKER_HOST or --context at an engine you may use, such as a rootless one"
                + " (DOCKER_HOST=unix://$XDG_RUNTIME_DIR/docker.sock).", cause);
    }
}
