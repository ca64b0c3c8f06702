package dev.berth.app.gui.logs;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a line with ANSI escapes into styled segments. SGR ({@code ESC [ … m}) changes the style;
 * every other escape — cursor moves, erase-line, OSC titles and hyperlinks, lone {@code ESC x} — is
 * removed, as are carriage returns and other control characters except tab. Malformed input never throws:
 * an unterminated sequence is dropped. A line is parsed on its own, so an escape left open at the end of a
 * line (a cut CSI, an OSC without its BEL) hides at most the rest of that line, never the lines after it.
 */
public final class AnsiParser {

    private static final char ESC = '\u001b';
    private static final char BEL = '\u0007';

    private AnsiParser() {}

    /**
     * What a row shows of a line: at most a number of characters in at most a number of styled segments,
     * and how much of the line was left out. A 1 MB line or 2,000 colour changes in one line would otherwise
     * become a megabyte-wide text node or thousands of nodes in one row, and the layout of either takes the
     * UI thread for far longer than a pulse.
     */
    public record Display(List<StyledSegment> segments, boolean truncated) {}

    /** Segments of {@code raw}; adjacent text with the same style is merged. */
    public static List<StyledSegment> parse(String raw) {
        return parse(raw, Integer.MAX_VALUE, Integer.MAX_VALUE).segments();
    }

    /**
     * The first {@code maxText} characters of text of {@code raw}, in at most {@code maxSegments} segments
     * (style changes past the last segment are not shown: the rest of the text keeps that segment's style).
     */
    public static Display parse(String raw, int maxText, int maxSegments) {
        List<StyledSegment> out = new ArrayList<>(2);
        // Only the characters that can show are looked at: a 1 MiB line is not scanned on every row it fills.
        if (plainUpTo(raw, maxText)) {
            if (!raw.isEmpty()) {
                out.add(new StyledSegment(raw.length() > maxText ? raw.substring(0, maxText) : raw, AnsiStyle.PLAIN));
            }
            return new Display(out, raw.length() > maxText && hasTextFrom(raw, maxText));
        }
        AnsiStyle style = AnsiStyle.PLAIN;
        StringBuilder text = new StringBuilder(Math.min(raw.length(), maxText));
        int shown = 0; // characters of text in the segments already flushed
        boolean truncated = false;
        int i = 0;
        int n = raw.length();
        while (i < n) {
            if (shown + text.length() >= maxText) {
                truncated = hasTextFrom(raw, i);
                break;
            }
            char c = raw.charAt(i);
            if (c == ESC) {
                if (i + 1 >= n) {
                    break;
                }
                char kind = raw.charAt(i + 1);
                if (kind == '[') {
                    int end = i + 2;
                    // CSI: parameter and intermediate bytes 0x20–0x3F, then one final byte 0x40–0x7E.
                    while (end < n && raw.charAt(end) >= 0x20 && raw.charAt(end) <= 0x3F) {
                        end++;
                    }
                    if (end >= n) {
                        break;
                    }
                    if (raw.charAt(end) == 'm' && out.size() < maxSegments - 1) {
                        AnsiStyle next = applySgr(style, raw, i + 2, end);
                        if (!next.equals(style)) {
                            shown += text.length();
                            flush(out, text, style);
                            style = next;
                        }
                    }
                    i = end + 1;
                } else if (kind == ']') {
                    i = skipOsc(raw, i + 2);
                } else {
                    // ESC, any intermediate bytes (0x20–0x2F, e.g. the "(" of "ESC ( B"), one final byte
                    int end = i + 1;
                    while (end < n && raw.charAt(end) >= 0x20 && raw.charAt(end) <= 0x2F) {
                        end++;
                    }
                    i = end + 1;
                }
            } else if (isControl(c)) {
                i++;
            } else {
                text.append(c);
                i++;
            }
        }
        flush(out, text, style);
        return new Display(out, truncated);
    }

    /**
     * Whether {@code raw} from {@code from} holds any text, not only escapes and controls (a reset at the end
     * of a line is not a truncation). Parsed exactly for a short rest; a long rest is text for sure enough.
     */
    private static boolean hasTextFrom(String raw, int from) {
        if (raw.length() - from > 256) {
            return true;
        }
        return !strip(raw.substring(from)).isEmpty();
    }

    /** C0 controls except tab, DEL, and the C1 controls (U+0080–U+009F, which binary output decodes to). */
    private static boolean isControl(char c) {
        return c < 0x20 && c != '\t' || c >= 0x7f && c <= 0x9f;
    }

    /** The text without any escape or control character. Fast when there is none. */
    public static String strip(String raw) {
        if (raw.indexOf(ESC) < 0 && !hasControl(raw)) {
            return raw;
        }
        // The same walk as parse, without styles or segments: search strips every kept line on each keystroke.
        StringBuilder sb = new StringBuilder(raw.length());
        int i = 0;
        int n = raw.length();
        while (i < n) {
            char c = raw.charAt(i);
            if (c == ESC) {
                int next = skipEscape(raw, i);
                if (next < 0) {
                    break;
                }
                i = next;
            } else {
                if (!isControl(c)) {
                    sb.append(c);
                }
                i++;
            }
        }
        return sb.toString();
    }

    /** Whether the first {@code limit} characters hold no escape and no control character. */
    private static boolean plainUpTo(String raw, int limit) {
        for (int i = 0, n = Math.min(raw.length(), limit); i < n; i++) {
            char c = raw.charAt(i);
            if (c == ESC || isControl(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasControl(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            if (isControl(raw.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** The index after the escape at {@code at}, or -1 when it runs to the end of the line unterminated. */
    private static int skipEscape(String raw, int at) {
        int n = raw.length();
        if (at + 1 >= n) {
            return -1;
        }
        char kind = raw.charAt(at + 1);
        if (kind == '[') {
            int end = at + 2;
            while (end < n && raw.charAt(end) >= 0x20 && raw.charAt(end) <= 0x3F) {
                end++;
            }
            return end >= n ? -1 : end + 1;
        }
        if (kind == ']') {
            return skipOsc(raw, at + 2);
        }
        int end = at + 1;
        while (end < n && raw.charAt(end) >= 0x20 && raw.charAt(end) <= 0x2F) {
            end++;
        }
        return end + 1;
    }

    /** OSC ends with BEL or ST ({@code ESC \}); returns the index after it (or the end). */
    private static int skipOsc(String raw, int from) {
        for (int j = from; j < raw.length(); j++) {
            char c = raw.charAt(j);
            if (c == BEL) {
                return j + 1;
            }
            if (c == ESC && j + 1 < raw.length() && raw.charAt(j + 1) == '\\') {
                return j + 2;
            }
        }
        return raw.length();
    }

    private static void flush(List<StyledSegment> out, StringBuilder text, AnsiStyle style) {
        if (text.isEmpty()) {
            return;
        }
        out.add(new StyledSegment(text.toString(), style));
        text.setLength(0);
    }

    private static AnsiStyle applySgr(AnsiStyle style, String raw, int from, int to) {
        if (from == to) {
            return AnsiStyle.PLAIN; // ESC[m is a reset
        }
        int[] params = parseParams(raw, from, to);
        AnsiStyle s = style;
        for (int p = 0; p < params.length; p++) {
            int code = params[p];
            switch (code) {
                case 0 -> s = AnsiStyle.PLAIN;
                case 1 -> s = s.withBold(true);
                case 2 -> s = s.withDim(true);
                case 3 -> s = s.withItalic(true);
                case 4 -> s = s.withUnderline(true);
                case 22 -> s = s.withBold(false).withDim(false);
                case 23 -> s = s.withItalic(false);
                case 24 -> s = s.withUnderline(false);
                case 39 -> s = s.withForeground(AnsiStyle.DEFAULT_COLOR);
                case 49 -> s = s.withBackground(AnsiStyle.DEFAULT_COLOR);
                case 38, 48 -> {
                    int[] color = extendedColor(params, p + 1);
                    if (color[0] >= 0) {
                        s = code == 38 ? s.withForeground(color[0]) : s.withBackground(color[0]);
                    }
                    p += color[1];
                }
                default -> {
                    if (code >= 30 && code <= 37) {
                        s = s.withForeground(code - 30);
                    } else if (code >= 40 && code <= 47) {
                        s = s.withBackground(code - 40);
                    } else if (code >= 90 && code <= 97) {
                        s = s.withForeground(code - 90 + 8);
                    } else if (code >= 100 && code <= 107) {
                        s = s.withBackground(code - 100 + 8);
                    }
                    // anything else (blink, inverse, fonts…) is ignored on purpose
                }
            }
        }
        return s;
    }

    /** {@code 5;n} or {@code 2;r;g;b} after 38/48: returns {color or -1, parameters consumed}. */
    private static int[] extendedColor(int[] params, int at) {
        if (at < params.length && params[at] == 5 && at + 1 < params.length) {
            int index = params[at + 1];
            return new int[] {index >= 0 && index <= 255 ? index : -1, 2};
        }
        if (at < params.length && params[at] == 2 && at + 3 < params.length) {
            return new int[] {AnsiStyle.rgb(params[at + 1], params[at + 2], params[at + 3]), 4};
        }
        return new int[] {-1, params.length - at}; // malformed: ignore the rest of the sequence
    }

    private static int[] parseParams(String raw, int from, int to) {
        int count = 1;
        for (int i = from; i < to; i++) {
            char c = raw.charAt(i);
            if (c == ';' || c == ':') {
                count++;
            }
        }
        int[] params = new int[count];
        int index = 0;
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                value = Math.min(value * 10 + (c - '0'), 100_000);
            } else if (c == ';' || c == ':') {
                params[index++] = value;
                value = 0;
            } else {
                return new int[0]; // private modes like ESC[?25m: not SGR we understand
            }
        }
        params[index] = value;
        return params;
    }
}
