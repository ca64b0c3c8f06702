package dev.berth.app.gui.engines;

import dev.berth.bridge.vm.VmManager;
import dev.berth.bridge.vm.VmSettings;
import dev.berth.bridge.vm.VmStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** What the VM page reads and does for one profile of Berth's engine VM; every call blocks (run it off the FX thread). */
public interface VmControl {

    String profile();

    VmStatus status();

    /** Boots the VM, each readiness step told to {@code progress}. */
    VmStatus start(Consumer<String> progress);

    /** Stops it (gracefully, then forced); returns how it ended. */
    String stop();

    List<String> consoleTail(int lines);

    /** Stores settings for the next start (refused when they would shrink the data disk). */
    void saveSettings(VmSettings settings);

    /** Why the data disk cannot take this size (it never shrinks), or empty when it can. */
    Optional<String> shrinkRefusal(int diskGiB);

    /** Removes the instance and its data disk (refused while it runs). */
    void delete();

    static VmControl of(VmManager manager, String profile) {
        return new VmControl() {
            @Override
            public String profile() {
                return profile;
            }

            @Override
            public VmStatus status() {
                return manager.status(profile);
            }

            @Override
            public VmStatus start(Consumer<String> progress) {
                return manager.start(profile, VmManager.DEFAULT_START_DEADLINE, progress);
            }

            @Override
            public String stop() {
                return manager.stop(profile, VmManager.DEFAULT_STOP_DEADLINE).how();
            }

            @Override
            public List<String> consoleTail(int lines) {
                return manager.consoleTail(profile, lines);
            }

            @Override
            public void saveSettings(VmSettings settings) {
                manager.saveSettings(profile, settings);
            }

            @Override
            public Optional<String> shrinkRefusal(int diskGiB) {
                return manager.shrinkRefusal(profile, diskGiB);
            }

            @Override
            public void delete() {
                manager.delete(profile);
            }
        };
    }

    /** How long the page waits between status reads while the window is open. */
    Duration REFRESH = Duration.ofSeconds(5);
}
