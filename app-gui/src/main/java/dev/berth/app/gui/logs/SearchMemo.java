package dev.berth.app.gui.logs;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which of the lines kept when a search began match it, decided off the UI thread: with tens of megabytes of
 * log text one pass takes longer than a frame, so the pane asks its memo instead of scanning again for the
 * count, the filter and "next match". Lines that arrived after the pass are decided one by one as they come.
 */
final class SearchMemo {

    static final SearchMemo NONE = new SearchMemo(new IdentityHashMap<>()); // stays empty: only ever removed from

    // By identity: two equal records are still two lines of the log.
    private final Map<LogLine, Boolean> decided;

    private SearchMemo(Map<LogLine, Boolean> decided) {
        this.decided = decided;
    }

    /** Runs the search over {@code lines}; any thread (the lines are immutable records). */
    static SearchMemo of(LogSearch search, List<LogLine> lines) {
        Map<LogLine, Boolean> decided = new IdentityHashMap<>(lines.size() * 2);
        for (LogLine line : lines) {
            decided.put(line, search.matches(line.plainText()));
        }
        return new SearchMemo(decided);
    }

    /**
     * The memo for the lines still kept, {@code kept}: lines the ring evicted while the pass ran are let go
     * (UI thread, one pass of lookups), so the memo never holds more than the ring's text budget.
     */
    SearchMemo keepingOnly(List<LogLine> kept) {
        Map<LogLine, Boolean> still = new IdentityHashMap<>(kept.size() * 2);
        for (LogLine line : kept) {
            Boolean known = decided.get(line);
            if (known != null) {
                still.put(line, known);
            }
        }
        return new SearchMemo(still);
    }

    /** Lets go of lines the ring evicted. */
    void forget(List<LogLine> evicted) {
        for (LogLine line : evicted) {
            decided.remove(line);
        }
    }

    /** Whether {@code line} matches {@code search}, the search this memo was made for. */
    boolean matches(LogLine line, LogSearch search) {
        Boolean known = decided.get(line);
        return known != null ? known : search.matches(line.plainText());
    }
}
