package dev.berth.engine.compose.progress;

import java.io.PrintWriter;

/** One line per event, for logs and pipes: {@code  Container demo-web-1  Started}. */
public final class PlainProgressRenderer implements ProgressListener {

    private final PrintWriter out;

    public PlainProgressRenderer(PrintWriter out) {
        this.out = out;
    }

    @Override
    public synchronized void onEvent(ProgressEvent event) {
        StringBuilder line = new StringBuilder(" ").append(event.id()).append("  ").append(event.text());
        if (event.total() > 0) {
            line.append(' ').append(ProgressFormat.amount(event.current(), event.total()));
        }
        if (!event.detail().isEmpty()) {
            line.append("  ").append(event.detail());
        }
        out.println(line);
        out.flush();
    }
}
