package dev.berth.app.gui.engines;

import dev.berth.bridge.vm.VmManager;
import dev.berth.bridge.vm.VmStatus;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * "Start Berth's engine": boots Berth's own engine VM and says where its engine answers. A seam so the "no engine"
 * panel is tested without a minutes-long boot under TCG; {@link #vm} is the real one.
 */
public interface BerthEngineStarter {

    /** Why the VM cannot be started here (no QEMU, no image), or empty when it can; may look at the disk. */
    Optional<String> whyCannotStart();

    /**
     * Boots the VM (blocking, minutes under TCG), reporting each readiness step to {@code progress}; returns the
     * endpoint its engine answers on, or throws saying which step failed.
     */
    String start(Consumer<String> progress);

    /** The VM of {@code profile} through {@link VmManager}. */
    static BerthEngineStarter vm(VmManager manager, String profile) {
        return new BerthEngineStarter() {
            @Override
            public Optional<String> whyCannotStart() {
                return manager.whyCannotStart();
            }

            @Override
            public String start(Consumer<String> progress) {
                VmStatus status = manager.start(profile, VmManager.DEFAULT_START_DEADLINE, progress);
                return "unix://" + status.engineSocket();
            }
        };
    }
}
