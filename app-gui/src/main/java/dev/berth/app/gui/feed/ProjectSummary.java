package dev.berth.app.gui.feed;

/** A project in the sidebar: its name, how many services run out of how many, and whether any is unhealthy. */
public record ProjectSummary(String name, int running, int total, boolean unhealthy, String source) {

    public String summary() {
        return running + "/" + total + " running" + (unhealthy ? " · unhealthy" : "");
    }
}
