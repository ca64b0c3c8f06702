package dev.berth.app.gui.editor;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff for "the file changed on disk": common lines at both ends are skipped, the middle is
 * diffed by longest common subsequence; output lines start with "  ", "- " (only in ours) or "+ "
 * (only on disk), with two lines of context.
 */
public final class TextDiff {

    private TextDiff() {}

    public static String diff(String ours, String theirs) {
        String[] a = ours.split("\n", -1);
        String[] b = theirs.split("\n", -1);
        int prefix = 0;
        while (prefix < a.length && prefix < b.length && a[prefix].equals(b[prefix])) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix].equals(b[b.length - 1 - suffix])) {
            suffix++;
        }
        int n = a.length - prefix - suffix;
        int m = b.length - prefix - suffix;
        List<String> out = new ArrayList<>();
        for (int i = Math.max(0, prefix - 2); i < prefix; i++) {
            out.add("  " + a[i]);
        }
        if ((long) n * m > 4_000_000L) {
            for (int i = 0; i < n; i++) {
                out.add("- " + a[prefix + i]);
            }
            for (int j = 0; j < m; j++) {
                out.add("+ " + b[prefix + j]);
            }
        } else {
            int[][] lcs = new int[n + 1][m + 1];
            for (int i = n - 1; i >= 0; i--) {
                for (int j = m - 1; j >= 0; j--) {
                    lcs[i][j] = a[prefix + i].equals(b[prefix + j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
                }
            }
            int i = 0;
            int j = 0;
            while (i < n || j < m) {
                if (i < n && j < m && a[prefix + i].equals(b[prefix + j])) {
                    out.add("  " + a[prefix + i]);
                    i++;
                    j++;
                } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                    // Removals before additions, as diff tools show them.
                    out.add("- " + a[prefix + i]);
                    i++;
                } else {
                    out.add("+ " + b[prefix + j]);
                    j++;
                }
            }
        }
        for (int i = a.length - suffix; i < Math.min(a.length, a.length - suffix + 2); i++) {
            out.add("  " + a[i]);
        }
        return String.join("\n", out);
    }
}
