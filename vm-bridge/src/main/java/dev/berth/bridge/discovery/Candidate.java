package dev.berth.bridge.discovery;

import dev.berth.engine.api.EngineEndpoint;

/** An endpoint a strategy proposes, and how it was found (shown to the user). */
public record Candidate(EngineEndpoint endpoint, String howFound) {}
