package dev.berth.engine.api;

/** The engine answered with an error status; carries the status and the engine's own message. */
public class EngineApiException extends EngineException {

    private final int status;
    private final String engineMessage;

    public EngineApiException(int status, String engineMessage, String what) {
        super(what + " failed: " + (engineMessage == null || engineMessage.isBlank() ? "HTTP " + status : engineMessage)
                + " (HTTP " + status + ")");
        this.status = status;
        this.engineMessage = engineMessage;
    }

    public int status() {
        return status;
    }

    public String engineMessage() {
        return engineMessage;
    }

    /** 404: no such container, image, network, volume or exec. */
    public boolean isNotFound() {
        return status == 404;
    }

    /**
     * 409: name in use, container running, image in use... Podman 4 answers a taken container name with 500
     * ("that name is already in use"), so that counts as the conflict it is.
     */
    public boolean isConflict() {
        return status == 409 || (status == 500 && engineMessage != null && engineMessage.contains("already in use"));
    }
}
