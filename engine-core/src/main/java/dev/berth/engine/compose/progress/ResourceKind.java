package dev.berth.engine.compose.progress;

/** The kinds of resource a Compose project owns, as named in progress output. */
public enum ResourceKind {
    PROJECT("Project"),
    NETWORK("Network"),
    VOLUME("Volume"),
    IMAGE("Image"),
    CONTAINER("Container"),
    SERVICE("Service");

    private final String label;

    ResourceKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
