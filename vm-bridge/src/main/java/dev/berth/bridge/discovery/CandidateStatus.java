package dev.berth.bridge.discovery;

import dev.berth.engine.api.EngineIdentity;

/**
 * One candidate of {@code berth engine --all}: how it was found, where, and either who answered there or
 * why nothing did. {@code chosen} marks the one plain discovery would use.
 */
public record CandidateStatus(String strategy, String howFound, String endpoint, EngineIdentity identity, String failure,
                              boolean chosen) {

    public boolean reachable() {
        return identity != null;
    }

    CandidateStatus asChosen() {
        return new CandidateStatus(strategy, howFound, endpoint, identity, failure, true);
    }
}
