package dev.berth.app.gui.logs;

import java.util.ArrayList;
import java.util.List;

/** Case-insensitive literal search, the way the log pane's search field matches. */
public final class LogSearch {

    private final String query;

    public LogSearch(String query) {
        this.query = query == null ? "" : query;
    }

    public boolean isEmpty() {
        return query.isEmpty();
    }

    public String query() {
        return query;
    }

    public boolean matches(String plainText) {
        return !query.isEmpty() && indexOf(plainText, 0) >= 0;
    }

    /** {@code [start, end)} pairs of every non-overlapping match in {@code plainText}. */
    public List<int[]> ranges(String plainText) {
        List<int[]> ranges = new ArrayList<>();
        if (query.isEmpty()) {
            return ranges;
        }
        int from = 0;
        int at;
        while ((at = indexOf(plainText, from)) >= 0) {
            ranges.add(new int[] {at, at + query.length()});
            from = at + query.length();
        }
        return ranges;
    }

    private int indexOf(String text, int from) {
        int last = text.length() - query.length();
        char lower = Character.toLowerCase(query.charAt(0));
        char upper = Character.toUpperCase(query.charAt(0));
        for (int i = from; i <= last; i++) {
            char c = text.charAt(i); // cheap first-character test before the full comparison
            if ((c == lower || c == upper) && text.regionMatches(true, i, query, 0, query.length())) {
                return i;
            }
        }
        return -1;
    }
}
