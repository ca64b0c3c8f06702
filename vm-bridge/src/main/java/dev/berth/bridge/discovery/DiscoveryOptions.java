package dev.berth.bridge.discovery;

import java.time.Duration;

/**
 * What the user asked for on the command line: {@code -H/--host}, {@code --context} (both may be null),
 * and how long one candidate may take to answer.
 */
public record DiscoveryOptions(String host, String context, Duration timeoutPerCandidate) {

    public static DiscoveryOptions defaults() {
        return new DiscoveryOptions(null, null, Duration.ofSeconds(2));
    }

    public DiscoveryOptions withHost(String newHost) {
        return new DiscoveryOptions(newHost, context, timeoutPerCandidate);
    }

    public DiscoveryOptions withContext(String newContext) {
        return new DiscoveryOptions(host, newContext, timeoutPerCandidate);
    }
}
