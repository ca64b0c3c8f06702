package dev.berth.app.cli;

import dev.berth.engine.api.ContainersApi.LogsOptions;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.compose.FollowedContainers;
import dev.berth.engine.compose.ServiceContainer;
import dev.berth.engine.stream.EngineStream;
import dev.berth.engine.stream.OutputLine;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Merges the logs of several containers into one output, one line at a time, each line prefixed with
 * its container's name in the container's colour, as Compose prints them ({@code demo-web-1  | hello}).
 * Each container is read on its own virtual thread; whole lines are written under one lock so lines of
 * different containers never interleave. {@link #close()} cancels every stream (Ctrl-C, tests).
 */
final class LogMux implements AutoCloseable, FollowedContainers.Output {

    /** Compose's rotation: cyan, yellow, green, magenta, blue, then their bright variants. */
    private static final String[] COLOURS = {"36", "33", "32", "35", "34", "96", "93", "92", "95", "94"};

    private final EngineClient client;
    private final PrintWriter out;
    private final boolean colour;
    private final boolean prefix;
    private final int width;
    private final Map<String, String> colourOf = new ConcurrentHashMap<>();
    private final List<EngineStream<OutputLine>> streams = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /**
     * @param names  every container name that may be shown, to align the prefixes (and fix the colours)
     * @param colour ANSI colours on the prefixes
     * @param prefix print the {@code name  | } prefix at all ({@code --no-log-prefix} turns it off)
     */
    LogMux(EngineClient client, PrintWriter out, List<String> names, boolean colour, boolean prefix) {
        this.client = client;
        this.out = out;
        this.colour = colour;
        this.prefix = prefix;
        this.width = names.stream().mapToInt(String::length).max().orElse(0);
        for (int i = 0; i < names.size(); i++) {
            colourOf.put(names.get(i), COLOURS[i % COLOURS.length]);
        }
    }

    /**
     * Starts reading one container's logs; {@code onEnd} runs on the reader thread once its stream ends
     * by itself (not when cancelled).
     */
    CompletableFuture<ServiceContainer> follow(ServiceContainer container, LogsOptions options, Consumer<ServiceContainer> onEnd) {
        CompletableFuture<ServiceContainer> end = new CompletableFuture<>();
        Thread.ofVirtual().name("berth-logs-" + container.name()).start(() -> {
            try (EngineStream<OutputLine> stream = client.containers().logs(container.id(), options)) {
                streams.add(stream);
                if (closed) {
                    stream.close();
                }
                for (OutputLine line = stream.next(); line != null; line = stream.next()) {
                    print(container.name(), line);
                }
                if (!closed && onEnd != null) {
                    onEnd.accept(container);
                }
            } catch (RuntimeException e) {
                if (!closed) {
                    unavailable(container, e.getMessage());
                }
            } finally {
                end.complete(container);
            }
        });
        return end;
    }

    /** Prints a line of Berth's own in the merged output ("demo-web-1 exited with code 0"). */
    void announce(String text) {
        synchronized (out) {
            out.println(text);
            out.flush();
        }
    }

    @Override
    public void line(ServiceContainer container, OutputLine line) {
        print(container.name(), line);
    }

    @Override
    public void exited(ServiceContainer container, int exitCode) {
        announce(container.name() + " exited with code " + exitCode);
    }

    @Override
    public void unavailable(ServiceContainer container, String why) {
        announce(prefixOf(container.name()) + "(logs unavailable: " + why + ")");
    }

    /**
     * Prints a line as the container wrote it: the bytes themselves when they are not UTF-8 (on standard
     * output; a test's writer gets the decoded text), and its own line break ({@code \r\n} from a TTY), so
     * {@code berth logs --no-log-prefix} gives exactly the bytes {@code docker logs} gives. A piece of a line
     * too long to keep whole ends without a break; with prefixes a break is needed before the next prefix.
     */
    private void print(String name, OutputLine line) {
        synchronized (out) {
            if (prefix) {
                out.print(prefixOf(name));
            }
            if (line.timestamp() != null) {
                out.print(line.engineTimestamp() + " ");
            }
            if (line.lossy() && out instanceof BytePrintWriter bytes) {
                bytes.writeBytes(line.raw());
            } else {
                out.print(line.text());
            }
            out.print(line.lineBreak() == OutputLine.LineBreak.NONE && prefix ? "\n" : line.lineBreak().text());
            out.flush();
        }
    }

    private String prefixOf(String name) {
        String padded = name + " ".repeat(Math.max(0, width - name.length())) + "  | ";
        if (!colour) {
            return padded;
        }
        return "\u001b[" + colourOf.computeIfAbsent(name, key -> COLOURS[colourOf.size() % COLOURS.length]) + "m" + padded + "\u001b[0m";
    }

    @Override
    public void close() {
        closed = true;
        streams.forEach(EngineStream::close);
    }
}
