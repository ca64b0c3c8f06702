package dev.berth.app.gui.logs;

import java.util.ArrayList;
import java.util.List;

/** Case-insensitive literal search, the way the log pane's search field matches. */
public final class LogSearch {

    private final String query;
    private final String lowerQuery;
    private final String upperQuery;

    public LogSearch(String query) {
        this.query = query == null ? "" : query;
        // char by char, so both keep the query's length and positions (String.toLowerCase may not)
        StringBuilder lower = new StringBuilder(this.query.length());
        StringBuilder upper = new StringBuilder(this.query.length());
        for (int i = 0; i < this.query.length(); i++) {
            lower.append(Character.toLowerCase(this.query.charAt(i)));
            upper.append(Character.toUpperCase(this.query.charAt(i)));
        }
        this.lowerQuery = lower.toString();
        this.upperQuery = upper.toString();
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

    /**
     * Case-insensitive: the query is compared char by char (folded the way {@code regionMatches(true, …)}
     * folds), leaving at the first difference. A line of 4 MiB of the query's first letter must not cost a
     * {@code regionMatches} call per character: that made one search pass over hostile logs take a second.
     */
    private int indexOf(String text, int from) {
        int length = query.length();
        int last = text.length() - length;
        char lower = lowerQuery.charAt(0);
        char upper = upperQuery.charAt(0);
        for (int i = from; i <= last; i++) {
            char c = text.charAt(i); // cheap first-character test before the rest
            if (c == lower || c == upper) {
                int j = 1;
                while (j < length && same(text.charAt(i + j), j)) {
                    j++;
                }
                if (j == length) {
                    return i;
                }
            }
        }
        return -1;
    }

    private boolean same(char c, int at) {
        return c == lowerQuery.charAt(at) || c == upperQuery.charAt(at)
                || Character.toLowerCase(Character.toUpperCase(c)) == Character.toLowerCase(Character.toUpperCase(query.charAt(at)));
    }
}
