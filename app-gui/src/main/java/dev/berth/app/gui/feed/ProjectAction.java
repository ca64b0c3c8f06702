package dev.berth.app.gui.feed;

/** What the toolbar, menus and keys can ask a feed to do to a project (or to some of its services). */
public enum ProjectAction {
    UP("Up", "Starting"),
    DOWN("Down", "Removing"),
    DOWN_WITH_VOLUMES("Down and remove volumes", "Removing"),
    STOP("Stop", "Stopping"),
    START("Start", "Starting"),
    RESTART("Restart", "Restarting"),
    PULL("Pull", "Pulling"),
    BUILD("Build", "Building"),
    RECREATE("Recreate", "Recreating");

    private final String title;
    private final String working;

    ProjectAction(String title, String working) {
        this.title = title;
        this.working = working;
    }

    public String title() {
        return title;
    }

    /** The verb while it runs, for the status bar: "Starting". */
    public String working() {
        return working;
    }

    /** Whether it needs the compose file (a project found only on the engine cannot be brought up). */
    public boolean needsDefinition() {
        return this == UP || this == PULL || this == BUILD || this == RECREATE;
    }
}
