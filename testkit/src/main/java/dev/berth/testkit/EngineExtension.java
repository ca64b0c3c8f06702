package dev.berth.testkit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/** Ensures the engine (and the test images) before a {@link RequiresEngine} class runs. */
public final class EngineExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        TestEngine.Availability availability = TestEngine.ensureAvailable();
        if (availability.isReady()) {
            return;
        }
        String message = "The real engine is needed: " + availability.problem();
        if (TestEngine.underCi()) {
            throw new IllegalStateException(message);
        }
        throw new TestAbortedException(message + " (skipped because CI is not set)");
    }
}
