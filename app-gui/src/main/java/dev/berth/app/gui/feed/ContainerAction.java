package dev.berth.app.gui.feed;

/** What the containers tab's menu can ask a feed to do to one container. */
public enum ContainerAction {
    RESTART("Restart"),
    STOP("Stop"),
    /** Force-removes it (asked first); its anonymous volumes are removed with it only by Down, never here. */
    REMOVE("Remove");

    private final String title;

    ContainerAction(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
