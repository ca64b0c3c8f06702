package dev.berth.app.gui;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * When this process started, in epoch milliseconds, to about 10 ms. {@code ProcessHandle.info().startInstant()}
 * is not good enough on Linux: it adds the process's start (in clock ticks since boot) to the boot time of
 * {@code /proc/stat}, which has whole seconds only, so its answer is up to a second early — measured here 0.77 s,
 * which once made the first frame look 0.77 s slower than it was. Since-boot time from {@code /proc/uptime}
 * has hundredths of a second; the process's age is uptime minus its start tick.
 */
final class ProcessStart {

    /** USER_HZ, the unit of /proc/[pid]/stat's start time: 100 on every Linux architecture in use. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessStart() {}

    static long epochMillis() {
        return fromProc().orElseGet(() -> ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli)
                .orElse(ManagementFactory.getRuntimeMXBean().getStartTime()));
    }

    private static OptionalLong fromProc() {
        try {
            long now = System.currentTimeMillis();
            double uptimeSeconds = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).trim().split("\\s+")[0]);
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            long startTicks = Long.parseLong(fields[19]); // field 22 of the whole line
            double ageSeconds = uptimeSeconds - startTicks / TICKS_PER_SECOND;
            return OptionalLong.of(now - Math.round(ageSeconds * 1000));
        } catch (IOException | RuntimeException notLinux) {
            return OptionalLong.empty();
        }
    }
}
