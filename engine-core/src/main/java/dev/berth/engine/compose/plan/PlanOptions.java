package dev.berth.engine.compose.plan;

import java.util.Map;

/**
 * The {@code up} flags that change the plan.
 *
 * @param recreate      when to recreate containers
 * @param removeOrphans {@code --remove-orphans}
 * @param scale         {@code --scale service=n} overrides
 */
public record PlanOptions(RecreatePolicy recreate, boolean removeOrphans, Map<String, Integer> scale) {

    public PlanOptions {
        scale = Map.copyOf(scale);
    }

    public static PlanOptions defaults() {
        return new PlanOptions(RecreatePolicy.DIVERGED, false, Map.of());
    }

    public PlanOptions withRecreate(RecreatePolicy policy) {
        return new PlanOptions(policy, removeOrphans, scale);
    }

    public PlanOptions withRemoveOrphans(boolean remove) {
        return new PlanOptions(recreate, remove, scale);
    }

    public PlanOptions withScale(Map<String, Integer> overrides) {
        return new PlanOptions(recreate, removeOrphans, overrides);
    }

    public enum RecreatePolicy {
        /** Recreate when the configuration or image changed (the default). */
        DIVERGED,
        /** {@code --force-recreate}. */
        FORCE,
        /** {@code --no-recreate}. */
        NEVER
    }
}
