package dev.berth.app.gui.feed;

/**
 * A project in the sidebar: its name, how many containers run out of how many, how many of the others are
 * one-shots that completed (exited 0, needed by a {@code service_completed_successfully} dependency), and
 * whether any is unhealthy.
 */
public record ProjectSummary(String name, int running, int total, boolean unhealthy, String source, int completed) {

    public ProjectSummary(String name, int running, int total, boolean unhealthy, String source) {
        this(name, running, total, unhealthy, source, 0);
    }

    /** Everything that should run runs: a finished one-shot is done, not down. */
    public boolean allUp() {
        return total > 0 && running + completed == total;
    }

    public String summary() {
        return running + "/" + (total - completed) + " running" + (completed > 0 ? " · " + completed + " done" : "")
                + (unhealthy ? " · unhealthy" : "");
    }
}
