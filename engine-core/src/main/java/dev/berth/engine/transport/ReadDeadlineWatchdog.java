package dev.berth.engine.transport;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Enforces read timeouts on channels that have no {@code SO_TIMEOUT} (JDK unix-domain socket channels, ssh
 * pipes). Each guarded read stamps its start time; one daemon thread closes connections whose read has
 * been blocked for longer than their timeout. The per-read cost is one {@code nanoTime} and two volatile
 * writes — cheap enough for log streams of millions of lines, unlike scheduling a task per read.
 */
final class ReadDeadlineWatchdog {

    private static final long TICK_NANOS = 20_000_000L;
    private static final Set<GuardedConnection> WATCHED = ConcurrentHashMap.newKeySet();
    private static volatile Thread thread;

    private ReadDeadlineWatchdog() {}

    static void watch(GuardedConnection connection) {
        WATCHED.add(connection);
        if (thread == null) {
            start();
        }
    }

    static void unwatch(GuardedConnection connection) {
        WATCHED.remove(connection);
    }

    private static synchronized void start() {
        if (thread != null) {
            return;
        }
        Thread t = new Thread(ReadDeadlineWatchdog::loop, "berth-read-deadlines");
        t.setDaemon(true);
        t.start();
        thread = t;
    }

    private static void loop() {
        while (true) {
            LockSupport.parkNanos(TICK_NANOS);
            long now = System.nanoTime();
            for (GuardedConnection connection : WATCHED) {
                connection.expireIfOverdue(now);
            }
        }
    }
}
