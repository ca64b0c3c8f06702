package dev.berth.app.gui.engine;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How far the window has shown each container's log, kept across watches of the same project so that a watch
 * that replaces one cut off by a lost engine re-follows from there: the engine is asked for the lines since the
 * last shown line's timestamp (nanoseconds; the engine's {@code since} is inclusive) and the lines already shown
 * at that very timestamp are skipped — several lines can share one (a burst the engine read from the container's
 * pipe at once, as after a restart with live-restore), so a time alone would either repeat or drop some.
 * {@link #watchStarted()} is when the project was first watched: a container created since then (during an
 * outage, say) is followed from its first line.
 */
final class LogPositions {

    /** The last shown line's timestamp and how many shown lines carry exactly that timestamp. */
    record Position(Instant last, int shownAtLast) {}

    private final Instant watchStarted;
    private final Map<String, Position> positions = new ConcurrentHashMap<>();

    LogPositions(Instant watchStarted) {
        this.watchStarted = watchStarted;
    }

    Instant watchStarted() {
        return watchStarted;
    }

    /** Where the container's log was left, or null when nothing of it was shown yet. */
    Position of(String containerId) {
        return positions.get(containerId);
    }

    /** A line of the container was shown (call in the order they are shown). */
    void shown(String containerId, Instant at) {
        positions.merge(containerId, new Position(at, 1),
                (old, next) -> old.last().equals(at) ? new Position(at, old.shownAtLast() + 1) : next);
    }

    /**
     * Reads a re-followed stream that started at {@code from}'s timestamp: tells which lines were shown before.
     * One per stream, used on its reading thread.
     */
    static final class Boundary {
        private final Position from;
        private int skippedAtLast;

        Boundary(Position from) {
            this.from = from;
        }

        /** True for a line shown before: older than the position, or one of those shown at its timestamp. */
        boolean shownBefore(Instant at) {
            if (from == null) {
                return false;
            }
            if (at.isBefore(from.last())) {
                return true;
            }
            if (at.equals(from.last()) && skippedAtLast < from.shownAtLast()) {
                skippedAtLast++;
                return true;
            }
            return false;
        }
    }
}
