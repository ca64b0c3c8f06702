package dev.berth.app.workspace;

import java.time.Duration;

/** Where the connection to the engine stands; the status bar and the "no engine" panel render it. */
public sealed interface EngineState {

    /** A sentence for the status bar. */
    String describe();

    /**
     * Looking for an engine (first attempt or a retry); {@code switchingTo} is the endpoint the user just chose
     * in the engine switcher (null otherwise): the window then forgets the previous engine's state.
     */
    record Connecting(int attempt, String switchingTo) implements EngineState {
        public Connecting(int attempt) {
            this(attempt, null);
        }

        public String describe() {
            if (switchingTo != null) {
                return "Switching to " + switchingTo + "…";
            }
            return attempt <= 1 ? "Connecting to the engine…" : "Reconnecting to the engine (attempt " + attempt + ")…";
        }
    }

    /** Connected: what the engine is and how it was found. */
    record Connected(String engineName, String version, String apiVersion, String endpoint, String howFound)
            implements EngineState {
        public String describe() {
            return engineName + " " + version + " · API " + apiVersion + " · " + endpoint;
        }
    }

    /**
     * No engine answers; {@code explanation} lists what was tried and how to fix it; the session retries
     * on its own after {@code retryIn}.
     */
    record Unavailable(String explanation, Duration retryIn, boolean wasConnected) implements EngineState {
        public String describe() {
            return (wasConnected ? "Lost the engine" : "No engine") + " — retrying in " + retryIn.toSeconds() + " s";
        }
    }
}
