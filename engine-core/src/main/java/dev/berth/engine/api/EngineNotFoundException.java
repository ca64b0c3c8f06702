package dev.berth.engine.api;

import java.util.List;

/**
 * No engine could be reached. Carries every place that was tried and why each failed, so the user sees
 * the whole search rather than only its last step.
 */
public class EngineNotFoundException extends EngineException {

    /** One place looked at: how it was found ({@code DOCKER_HOST}, a context...), where, and what went wrong. */
    public record Attempt(String strategy, String endpoint, String failure) {
        @Override
        public String toString() {
            return strategy + (endpoint == null ? "" : " (" + endpoint + ")") + ": " + failure;
        }
    }

    private final List<Attempt> attempts;

    public EngineNotFoundException(List<Attempt> attempts) {
        super(message(attempts));
        this.attempts = List.copyOf(attempts);
    }

    public List<Attempt> attempts() {
        return attempts;
    }

    private static String message(List<Attempt> attempts) {
        if (attempts.size() == 1) {
            // One place was tried (-H, DOCKER_HOST, a context): its sentence already names it and the fix.
            Attempt only = attempts.getFirst();
            boolean named = only.endpoint() == null || String.valueOf(only.failure()).contains(only.endpoint());
            return "No container engine answered (" + only.strategy() + (named ? "" : ", " + only.endpoint()) + "): " + only.failure();
        }
        StringBuilder text = new StringBuilder("No container engine answered. Tried:");
        for (Attempt attempt : attempts) {
            text.append("\n  - ").append(attempt);
        }
        text.append("\nStart Docker or Podman, or point Berth at one with -H/--host, DOCKER_HOST or --context.");
        return text.toString();
    }
}
