package dev.berth.engine.compose.progress;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The live multi-line view on a terminal, like Compose's:
 * <pre>
 * [+] Running 2/3
 *  ✔ Network demo_default   Created   0.1s
 *  ⠿ Container demo-db-1    Starting  0.4s
 * </pre>
 * Each resource keeps one line, rewritten in place (ANSI cursor movement). Redraws are throttled so a
 * flood of pull-progress events costs a few frames, not one per event.
 */
public final class TtyProgressRenderer implements ProgressListener {

    private static final long MIN_REDRAW_NANOS = 80_000_000L;
    private static final String[] SPINNER = {"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"};

    private final PrintWriter out;
    private final String title;
    private final Map<String, Line> lines = new LinkedHashMap<>();
    private int linesOnScreen;
    private long lastDraw;
    private int frame;

    public TtyProgressRenderer(PrintWriter out, String title) {
        this.out = out;
        this.title = title;
    }

    @Override
    public synchronized void onEvent(ProgressEvent event) {
        Line line = lines.computeIfAbsent(event.id(), id -> new Line(event.at()));
        line.last = event;
        if (event.status().isFinal() && line.finishedAt == null) {
            line.finishedAt = event.at();
        } else if (!event.status().isFinal()) {
            line.finishedAt = null;
        }
        long now = System.nanoTime();
        if (now - lastDraw >= MIN_REDRAW_NANOS || event.status().isFinal()) {
            draw(Instant.now());
            lastDraw = now;
        }
    }

    @Override
    public synchronized void finish() {
        draw(Instant.now());
    }

    private void draw(Instant now) {
        StringBuilder screen = new StringBuilder();
        if (linesOnScreen > 0) {
            screen.append("\u001b[").append(linesOnScreen).append('F'); // to the start of our first line
        }
        long done = lines.values().stream().filter(l -> l.last.status().isFinal()).count();
        screen.append("\u001b[2K").append("\u001b[34m[+]\u001b[0m ").append(title).append(' ')
                .append(done).append('/').append(lines.size()).append('\n');
        int width = lines.keySet().stream().mapToInt(String::length).max().orElse(0);
        frame++;
        for (Map.Entry<String, Line> entry : lines.entrySet()) {
            ProgressEvent event = entry.getValue().last;
            Instant end = entry.getValue().finishedAt != null ? entry.getValue().finishedAt : now;
            screen.append("\u001b[2K ").append(symbol(event.status())).append(' ')
                    .append(pad(entry.getKey(), width)).append("  ").append(colour(event.status(), event.text()));
            if (event.total() > 0 && !event.status().isFinal()) {
                screen.append(' ').append(ProgressFormat.amount(event.current(), event.total()));
            }
            screen.append("  ").append(ProgressFormat.seconds(Duration.between(entry.getValue().startedAt, end)));
            if (!event.detail().isEmpty()) {
                screen.append("  ").append(event.detail());
            }
            screen.append('\n');
        }
        linesOnScreen = lines.size() + 1;
        out.print(screen);
        out.flush();
    }

    private String symbol(ProgressEvent.Status status) {
        return switch (status) {
            case WORKING -> "\u001b[34m" + SPINNER[frame % SPINNER.length] + "\u001b[0m";
            case DONE -> "\u001b[32m✔\u001b[0m";
            case WARNING -> "\u001b[33m!\u001b[0m";
            case ERROR -> "\u001b[31m✘\u001b[0m";
        };
    }

    private static String colour(ProgressEvent.Status status, String text) {
        return switch (status) {
            case WORKING -> text;
            case DONE -> "\u001b[32m" + text + "\u001b[0m";
            case WARNING -> "\u001b[33m" + text + "\u001b[0m";
            case ERROR -> "\u001b[31m" + text + "\u001b[0m";
        };
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    private static final class Line {
        final Instant startedAt;
        Instant finishedAt;
        ProgressEvent last;

        Line(Instant startedAt) {
            this.startedAt = startedAt;
        }
    }
}
