package dev.berth.app.gui.engines;

import dev.berth.app.workspace.EngineSession;
import dev.berth.app.workspace.EngineState;
import dev.berth.bridge.discovery.CandidateStatus;
import dev.berth.bridge.discovery.DiscoveryOptions;
import dev.berth.bridge.discovery.EngineDiscovery;
import java.util.List;

/**
 * What the engine switcher lists and does: every engine discovery finds, each tested (blocking: call it off the
 * FX thread), and re-pointing the window's one {@link EngineSession} at one of them.
 */
public interface EngineChoices {

    /** Every candidate of every applicable discovery strategy, tested; blocks for up to a timeout per candidate. */
    List<CandidateStatus> candidates();

    /** Connects the window to {@code endpoint} (an {@code -H} value such as {@code unix:///var/run/docker.sock}). */
    void use(String endpoint);

    /** The endpoint the window is connected to (or trying), for the switcher's mark; null when unknown. */
    String current();

    /** The session's engines as the CLI's {@code berth engine --all} finds them. */
    static EngineChoices of(EngineDiscovery discovery, DiscoveryOptions options, EngineSession session) {
        return new EngineChoices() {
            @Override
            public List<CandidateStatus> candidates() {
                return discovery.discoverAll(options);
            }

            @Override
            public void use(String endpoint) {
                session.use(endpoint);
            }

            @Override
            public String current() {
                return session.state() instanceof EngineState.Connected connected ? connected.endpoint() : session.chosenEndpoint();
            }
        };
    }
}
