package dev.berth.app.gui.feed;

/**
 * Where the window's engine connection stands, for the status bar, the "no engine" panel and the "lost the
 * engine" banner. {@code details} says what was tried and how to fix it when there is no engine.
 */
public record EngineConnection(Kind kind, String status, String details) {

    public enum Kind {
        /** Not connected yet (or no feed at all). */
        CONNECTING,
        CONNECTED,
        /** No engine was ever reached: the window shows what was tried instead of empty panes. */
        UNAVAILABLE,
        /** The engine went away after it answered: the last state stays, greyed, under a banner. */
        LOST
    }

    public static final EngineConnection NONE = new EngineConnection(Kind.CONNECTING, "Engine: not connected", "");

    public EngineConnection {
        details = details == null ? "" : details;
    }
}
