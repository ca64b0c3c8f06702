package dev.berth.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How much of the machine other processes used while a test measured wall-clock figures (pulse gaps): the CPU
 * time of the whole machine ({@code /proc/stat}) minus this JVM's ({@code /proc/self/stat}), in cores, over the
 * interval between {@link #start()} and {@link #stop()}. Unlike the load average it does not count this test's
 * own threads and it covers exactly the measured seconds, not the minute before them; a test asserts a gap
 * bound only when the others left it the machine (the engine and the containers writing the logs, other
 * builds on a shared CI machine). Reads nothing on a system without {@code /proc}: then 0.
 */
public final class MachineShare {

    /** Linux's USER_HZ: the unit of both files. */
    private static final double TICKS_PER_SECOND = 100;

    private long startBusy;
    private long startSelf;
    private long startNanos;
    private double othersCores;

    private MachineShare() {}

    public static MachineShare start() {
        MachineShare share = new MachineShare();
        share.startBusy = machineBusyTicks();
        share.startSelf = selfTicks();
        share.startNanos = System.nanoTime();
        return share;
    }

    /** Ends the interval; returns this, for {@link #othersCores()}. */
    public MachineShare stop() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        long others = (machineBusyTicks() - startBusy) - (selfTicks() - startSelf);
        othersCores = seconds <= 0 ? 0 : Math.max(0, others / TICKS_PER_SECOND / seconds);
        return this;
    }

    /** The cores other processes kept busy on average over the interval. */
    public double othersCores() {
        return othersCores;
    }

    /** Whether others used less than half a core: wall-clock figures then describe this process. */
    public boolean quiet() {
        return othersCores < 0.5;
    }

    private static long machineBusyTicks() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < cpu.length && i <= 8; i++) {
                if (i != 4 && i != 5) { // not idle, not iowait
                    busy += Long.parseLong(cpu[i]);
                }
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long selfTicks() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // after "pid (comm) "
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14 and 15)
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
