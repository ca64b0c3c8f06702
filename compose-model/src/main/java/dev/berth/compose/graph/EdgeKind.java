package dev.berth.compose.graph;

/** Why one service needs another. */
public enum EdgeKind {
    DEPENDS_ON("depends_on"),
    LINKS("links"),
    VOLUMES_FROM("volumes_from"),
    NETWORK_MODE("network_mode"),
    IPC("ipc"),
    PID("pid"),
    UTS("uts"),
    CGROUP("cgroup");

    private final String key;

    EdgeKind(String key) {
        this.key = key;
    }

    /** The compose key that creates this kind of edge. */
    public String key() {
        return key;
    }
}
