package dev.berth.compose.model;

import java.time.Duration;
import java.util.List;

/** {@code test} in exec form (["CMD", …], ["CMD-SHELL", "…"] or ["NONE"]); null durations mean "engine default". */
public record HealthcheckSpec(List<String> test, Duration interval, Duration timeout, Duration startPeriod,
        Duration startInterval, Integer retries, boolean disable) {}
