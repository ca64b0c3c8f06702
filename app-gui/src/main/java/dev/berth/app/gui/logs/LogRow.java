package dev.berth.app.gui.logs;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontPosture;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * One on-screen row of the logs pane: timestamp, source (in its palette colour), then the ANSI segments,
 * with search matches highlighted. Rows are few (one per visible line) and reused: showing another line
 * updates the existing {@link Text} nodes in place, with colours and fonts set directly (see {@link
 * LogColors}), because creating and CSS-styling nodes is what costs most per pulse in a log flood.
 */
final class LogRow extends TextFlow {

    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    /**
     * The most characters of one line a row shows (about 14 wrapped rows, or 15,000 px unwrapped), and in how
     * many styled pieces: a row is a few text nodes, whatever the container wrote. The line itself is kept
     * whole: search, copy and save use all of it.
     */
    static final int DISPLAY_CHARS = 2_048;
    static final int DISPLAY_SEGMENTS = 200;

    static final Font REGULAR = Font.font("Monospaced", FontWeight.NORMAL, FontPosture.REGULAR, 12);
    private static final Font BOLD = Font.font("Monospaced", FontWeight.BOLD, FontPosture.REGULAR, 12);
    private static final Font ITALIC = Font.font("Monospaced", FontWeight.NORMAL, FontPosture.ITALIC, 12);
    private static final Font BOLD_ITALIC = Font.font("Monospaced", FontWeight.BOLD, FontPosture.ITALIC, 12);

    /** What one piece of the row should look like; compared with the node already there. */
    private record Piece(String text, Color fill, Font font, boolean underline, double opacity, boolean match) {}

    private LogLine shown;
    private boolean shownWithTimestamps;
    private String shownQuery = "";
    private int index = -1;
    /** The most characters the row was asked to lay out, and how many of the line's shown text it left out for that. */
    private int shownColumns = DISPLAY_CHARS;
    private int hiddenColumns;
    /** Characters the row lays out: timestamp, source, text and marker. */
    private int laidOutChars;

    LogRow() {
        getStyleClass().add("log-line");
    }

    int index() {
        return index;
    }

    LogLine shown() {
        return shown;
    }

    void setSelected(boolean selected) {
        pseudoClassStateChanged(SELECTED, selected);
    }

    /** Shows {@code line} as row {@code index}, all of what a row shows of it (a wrapped row). */
    void show(LogLine line, int index, LogsViewModel model, LogColors colors) {
        show(line, index, model, colors, DISPLAY_CHARS);
    }

    /**
     * Shows {@code line} as row {@code index}, laying out at most {@code columns} characters (with the
     * timestamp and source): an unwrapped row is one screen line high, and the text past the view's right edge
     * would cost a layout of up to 2,048 characters for each new line while nobody sees it (the FX thread's
     * largest cost in a flood of long lines, issue 17 fault 7). Does nothing when it already shows that.
     */
    void show(LogLine line, int index, LogsViewModel model, LogColors colors, int columns) {
        this.index = index;
        boolean timestamps = model.showTimestampsProperty().get();
        String query = model.search().query();
        // more columns than laid out are needed only if the row left some of its text out; fewer are never laid out again
        boolean enoughColumns = columns <= shownColumns || hiddenColumns == 0;
        if (line == shown && timestamps == shownWithTimestamps && query.equals(shownQuery) && enoughColumns) {
            return;
        }
        shown = line;
        shownWithTimestamps = timestamps;
        shownQuery = query;
        shownColumns = columns;
        reconcile(pieces(line, model, colors, timestamps, columns));
    }

    int laidOutChars() {
        return laidOutChars;
    }

    /** How far the row's text reaches, laid out (rows are wider than their text when not wrapped). */
    double textWidth() {
        List<Node> children = getChildren();
        return children.isEmpty() ? 0 : children.getLast().getBoundsInParent().getMaxX() + snappedRightInset();
    }

    /** Characters of the line's shown text past the row's end (an unwrapped row cut at the view), for the scroll bar. */
    int hiddenColumns() {
        return hiddenColumns;
    }

    void forget() {
        shown = null;
        index = -1;
    }

    private List<Piece> pieces(LogLine line, LogsViewModel model, LogColors colors, boolean timestamps, int columns) {
        List<Piece> out = new ArrayList<>(6);
        int prefix = 0;
        if (timestamps) {
            String timestamp = model.formatTimestamp(line) + " ";
            prefix += timestamp.length();
            out.add(new Piece(timestamp, colors.muted(), REGULAR, false, 1, false));
        }
        Color sourceColor = colors.source(model.palette().slotOf(line.source()));
        // stderr sources are underlined: the colour already says which service, the line says which stream
        String source = line.source() + " | ";
        prefix += source.length();
        out.add(new Piece(source, sourceColor, BOLD, line.stream() == LogLine.Stream.STDERR, 1, false));
        AnsiParser.Display display = AnsiParser.parse(line.text(), DISPLAY_CHARS, DISPLAY_SEGMENTS);
        List<StyledSegment> segments = display.segments();
        int textColumns = columns >= DISPLAY_CHARS ? DISPLAY_CHARS : Math.max(0, columns - prefix); // all of it, or up to the edge
        int total = 0;
        for (StyledSegment segment : segments) {
            total += segment.text().length();
        }
        hiddenColumns = Math.max(0, total - textColumns);
        if (hiddenColumns > 0) {
            segments = cut(segments, textColumns);
        }
        addSegments(out, segments, model.search(), colors);
        if (display.truncated()) {
            // after what is laid out: off screen to the right of an unwrapped row until it is scrolled to
            out.add(new Piece(truncationMarker(line), colors.muted(), ITALIC, false, 1, false));
        }
        laidOutChars = 0;
        for (Piece piece : out) {
            laidOutChars += piece.text().length();
        }
        return out;
    }

    /** The first {@code chars} characters of the segments. */
    private static List<StyledSegment> cut(List<StyledSegment> segments, int chars) {
        List<StyledSegment> out = new ArrayList<>();
        int left = chars;
        for (StyledSegment segment : segments) {
            if (left <= 0) {
                break;
            }
            String text = segment.text();
            out.add(text.length() <= left ? segment : new StyledSegment(text.substring(0, left), segment.style()));
            left -= text.length();
        }
        return out;
    }

    /** Ends a row that shows only the start of its line: " … line truncated, 1,024 KB". */
    static String truncationMarker(LogLine line) {
        long kilobytes = Math.max(1, (line.raw() != null ? line.raw().length : line.text().length()) / 1024);
        return "  … line truncated, " + NumberFormat.getIntegerInstance().format(kilobytes) + " KB";
    }

    private static void addSegments(List<Piece> out, List<StyledSegment> segments, LogSearch search, LogColors colors) {
        List<int[]> matches = List.of();
        if (!search.isEmpty()) {
            StringBuilder plain = new StringBuilder();
            segments.forEach(segment -> plain.append(segment.text()));
            matches = search.ranges(plain.toString());
        }
        int offset = 0;
        int m = 0;
        for (StyledSegment segment : segments) {
            String text = segment.text();
            int start = offset;
            int end = offset + text.length();
            int cursor = start;
            while (cursor < end) {
                while (m < matches.size() && matches.get(m)[1] <= cursor) {
                    m++;
                }
                boolean inMatch = m < matches.size() && matches.get(m)[0] <= cursor;
                int until = inMatch ? Math.min(end, matches.get(m)[1])
                        : m < matches.size() ? Math.min(end, matches.get(m)[0]) : end;
                String piece = text.substring(cursor - start, until - start);
                out.add(inMatch ? new Piece(piece, colors.foreground(), REGULAR, false, 1, true)
                        : styled(piece, segment.style(), colors));
                cursor = until;
            }
            offset = end;
        }
    }

    private static Piece styled(String text, AnsiStyle style, LogColors colors) {
        if (style.isPlain()) {
            return new Piece(text, colors.foreground(), REGULAR, false, 1, false);
        }
        int fg = style.foreground();
        Color fill = fg < 0 ? colors.foreground() : fg < 16 ? colors.ansi(fg) : AnsiColors.color(fg);
        Font font = style.bold() ? (style.italic() ? BOLD_ITALIC : BOLD) : style.italic() ? ITALIC : REGULAR;
        return new Piece(text, fill, font, style.underline(), style.dim() ? 0.6 : 1, false);
    }

    private static Label matchLabel() {
        Label label = new Label();
        label.getStyleClass().add("log-match");
        label.setFont(REGULAR);
        return label;
    }

    /** Makes the row's nodes show the pieces, reusing the nodes there; new nodes are added in one change. */
    private void reconcile(List<Piece> pieces) {
        ObservableList<Node> children = getChildren();
        List<Node> added = null;
        for (int i = 0; i < pieces.size(); i++) {
            Piece piece = pieces.get(i);
            Node existing = i < children.size() ? children.get(i) : null;
            boolean fits = piece.match() ? existing instanceof Label : existing instanceof Text;
            if (!fits) {
                Node created = piece.match() ? matchLabel() : new Text();
                if (existing == null) {
                    if (added == null) {
                        added = new ArrayList<>();
                    }
                    added.add(created);
                } else {
                    children.set(i, created);
                }
                existing = created;
            }
            apply(existing, piece);
        }
        if (added != null) {
            children.addAll(added);
        }
        if (children.size() > pieces.size()) {
            children.remove(pieces.size(), children.size());
        }
    }

    private static void apply(Node node, Piece piece) {
        if (node instanceof Text text) {
            if (!text.getText().equals(piece.text())) {
                text.setText(piece.text());
            }
            // Direct property writes: no style class changes, so no CSS pass for this node.
            if (text.getFill() != piece.fill()) {
                text.setFill(piece.fill());
            }
            if (text.getFont() != piece.font()) {
                text.setFont(piece.font());
            }
            text.setUnderline(piece.underline());
            if (text.getOpacity() != piece.opacity()) {
                text.setOpacity(piece.opacity());
            }
        } else if (node instanceof Label label) {
            label.setText(piece.text());
        }
    }

    /** Colours outside the theme's 16: the xterm 256-colour cube and grey ramp, or 24-bit values. */
    static final class AnsiColors {
        private AnsiColors() {}

        static Color color(int code) {
            if (AnsiStyle.isRgb(code)) {
                return Color.rgb((code >> 16) & 0xFF, (code >> 8) & 0xFF, code & 0xFF);
            }
            if (code >= 232) {
                int grey = 8 + (code - 232) * 10;
                return Color.rgb(grey, grey, grey);
            }
            int cube = code - 16;
            return Color.rgb(level(cube / 36), level((cube / 6) % 6), level(cube % 6));
        }

        private static int level(int step) {
            return step == 0 ? 0 : 55 + step * 40;
        }
    }
}
