package dev.berth.engine.compose;

import dev.berth.engine.compose.plan.PlanOptions;
import java.time.Duration;
import java.util.Set;

/**
 * The flags of {@code up} (and {@code create}, which is {@code up} without starting).
 *
 * @param plan          recreate policy, orphans, scale
 * @param services      the services named on the command line (empty = all; their dependencies are added)
 * @param start         start the containers (false for {@code create})
 * @param build         {@code --build}: build images before starting even when they exist
 * @param noBuild       {@code --no-build}: never build; fail when an image is missing
 * @param pullAlways    {@code --pull always}
 * @param pullNever     {@code --pull never}: use only images already on the engine (fail when one is missing)
 * @param waitHealthy   {@code --wait}: return only once every service is running/healthy
 * @param healthTimeout how long to wait for a {@code service_healthy} dependency (or {@code --wait})
 * @param parallelism   how many engine calls may run at once
 */
public record UpOptions(
        PlanOptions plan,
        Set<String> services,
        boolean start,
        boolean build,
        boolean noBuild,
        boolean pullAlways,
        boolean pullNever,
        boolean waitHealthy,
        Duration healthTimeout,
        int parallelism) {

    public UpOptions {
        services = Set.copyOf(services);
    }

    public static UpOptions defaults() {
        return new UpOptions(PlanOptions.defaults(), Set.of(), true, false, false, false, false, false, Duration.ofMinutes(5), 16);
    }

    public UpOptions withPlan(PlanOptions newPlan) {
        return new UpOptions(newPlan, services, start, build, noBuild, pullAlways, pullNever, waitHealthy, healthTimeout, parallelism);
    }

    public UpOptions withServices(Set<String> selected) {
        return new UpOptions(plan, selected, start, build, noBuild, pullAlways, pullNever, waitHealthy, healthTimeout, parallelism);
    }

    public UpOptions withStart(boolean on) {
        return new UpOptions(plan, services, on, build, noBuild, pullAlways, pullNever, waitHealthy, healthTimeout, parallelism);
    }

    public UpOptions withBuild(boolean on) {
        return new UpOptions(plan, services, start, on, noBuild, pullAlways, pullNever, waitHealthy, healthTimeout, parallelism);
    }

    public UpOptions withNoBuild(boolean on) {
        return new UpOptions(plan, services, start, build, on, pullAlways, pullNever, waitHealthy, healthTimeout, parallelism);
    }

    public UpOptions withPullAlways(boolean on) {
        return new UpOptions(plan, services, start, build, noBuild, on, pullNever, waitHealthy, healthTimeout, parallelism);
    }

    public UpOptions withPullNever(boolean on) {
        return new UpOptions(plan, services, start, build, noBuild, pullAlways, on, waitHealthy, healthTimeout, parallelism);
    }

    public UpOptions withWait(boolean on) {
        return new UpOptions(plan, services, start, build, noBuild, pullAlways, pullNever, on, healthTimeout, parallelism);
    }

    public UpOptions withHealthTimeout(Duration timeout) {
        return new UpOptions(plan, services, start, build, noBuild, pullAlways, pullNever, waitHealthy, timeout, parallelism);
    }
}
