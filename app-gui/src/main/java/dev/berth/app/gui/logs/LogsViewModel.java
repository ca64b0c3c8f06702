package dev.berth.app.gui.logs;

import dev.berth.app.gui.fx.PulseBatcher;
import dev.berth.app.gui.fx.UiScheduler;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The logs pane's state: a bounded ring of lines fed from any thread through a {@link PulseBatcher},
 * the search (highlight or filter), and the display toggles. Everything except {@link #append} runs on
 * the UI thread.
 */
public final class LogsViewModel {

    public static final int DEFAULT_CAPACITY = 100_000;
    /**
     * The most log text kept, in bytes (about: a line's characters plus its record): with huge lines the
     * count bound alone would not bound memory (100,000 lines of 1 MB), and the GUI runs in a 160 MB heap.
     */
    public static final long DEFAULT_TEXT_BUDGET = 32L * 1024 * 1024;
    private static final int LINE_OVERHEAD = 96;
    /**
     * Lines waiting for the UI beyond this many, or beyond the text the pane keeps, are dropped oldest-first (and
     * counted): the pane would evict them as they arrive anyway, and a flood of 1 MiB lines that outran the UI
     * held them all in the queue first (issue 17 fault 7: +141 MB at the peak of one burst).
     */
    private static final int QUEUE_CAPACITY = 200_000;
    private static final int CHUNK = 4_096;
    private static final Duration DRAIN_BUDGET = Duration.ofMillis(8);

    /**
     * Above this much kept text a new search runs on the background executor (the pane keeps showing the
     * previous one until it is done); below it one pass costs less than a frame and runs at once.
     */
    static final long BACKGROUND_SEARCH_WEIGHT = 2L * 1024 * 1024;

    private final UiScheduler ui;
    private final Executor background;
    private final DateTimeFormatter timeFormat;
    private final RingObservableList<LogLine> all;
    private final FilteredList<LogLine> visible;
    private final PulseBatcher<LogLine> batcher;
    private final SourcePalette palette = new SourcePalette();

    private final BooleanProperty follow = new SimpleBooleanProperty(this, "follow", true);
    private final BooleanProperty showTimestamps = new SimpleBooleanProperty(this, "showTimestamps", false);
    private final BooleanProperty wrap = new SimpleBooleanProperty(this, "wrap", false);
    private final BooleanProperty filterMode = new SimpleBooleanProperty(this, "filterMode", false);
    private final StringProperty searchQuery = new SimpleStringProperty(this, "searchQuery", "");
    private final StringProperty sourceFilter = new SimpleStringProperty(this, "sourceFilter", null);
    private final ReadOnlyLongWrapper droppedLines = new ReadOnlyLongWrapper(this, "droppedLines");
    private final ReadOnlyLongWrapper receivedLines = new ReadOnlyLongWrapper(this, "receivedLines");
    private final ReadOnlyIntegerWrapper matches = new ReadOnlyIntegerWrapper(this, "matches");
    private LogSearch search = new LogSearch("");
    private SearchMemo memo = SearchMemo.NONE;
    private int searchGeneration;
    /** Travels through the batcher like a line: what was offered before it is dropped, what follows shows. */
    private static final LogLine RESET = new LogLine("", Instant.EPOCH, LogLine.Stream.STDOUT, "reset");

    public LogsViewModel(UiScheduler ui, Executor background) {
        this(ui, background, DEFAULT_CAPACITY, ZoneId.systemDefault());
    }

    public LogsViewModel(UiScheduler ui, Executor background, int capacity, ZoneId zone) {
        this.ui = ui;
        this.background = background;
        this.timeFormat = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(zone);
        this.all = new RingObservableList<>(capacity, DEFAULT_TEXT_BUDGET, line -> line.weight() + LINE_OVERHEAD);
        this.visible = new FilteredList<>(all);
        this.batcher = new PulseBatcher<>(ui, QUEUE_CAPACITY, DEFAULT_TEXT_BUDGET, line -> line.weight() + LINE_OVERHEAD, CHUNK,
                DRAIN_BUDGET, this::onBatch);
        searchQuery.addListener((obs, old, query) -> searchFor(new LogSearch(query)));
        filterMode.addListener((obs, old, on) -> applyFilter());
        sourceFilter.addListener((obs, old, source) -> {
            applyFilter();
            recountMatches();
        });
    }

    /** Accepts a line from any thread; it shows up at the next pulse. */
    public void append(LogLine line) {
        batcher.offer(line);
    }

    /** Accepts lines from any thread. */
    public void appendAll(Collection<LogLine> lines) {
        batcher.offerAll(lines);
    }

    private void onBatch(PulseBatcher.Batch<LogLine> batch) {
        List<LogLine> items = batch.items();
        int reset = -1;
        for (int i = items.size() - 1; i >= 0 && reset < 0; i--) {
            reset = items.get(i) == RESET ? i : -1; // by identity: a record's equals would match a real empty line
        }
        if (reset >= 0) {
            all.clear0();
            memo = SearchMemo.NONE; // its lines are gone; decided afresh as they come
            matches.set(0);
            items = items.subList(reset + 1, items.size());
        }
        List<LogLine> removed = all.appendAll(items);
        if (!search.isEmpty()) {
            // Counted per batch: the lines the ring evicted, then the new ones; never a pass over the ring
            // (unless the batch alone overflowed it, which is rare and then cheaper than tracking which stayed).
            if (all.size() < items.size()) { // eviction is oldest first: otherwise the whole batch stayed
                recountMatches();
            } else {
                int delta = 0;
                for (LogLine line : removed) {
                    delta -= counts(line) ? 1 : 0;
                }
                for (LogLine line : items) {
                    delta += counts(line) ? 1 : 0;
                }
                matches.set(matches.get() + delta);
            }
        }
        memo.forget(removed);
        receivedLines.set(receivedLines.get() + items.size());
        if (batch.droppedBefore() > 0) {
            droppedLines.set(droppedLines.get() + batch.droppedBefore());
        }
    }

    /** Gives services their colours in project order, so they stay the same from run to run. */
    public void assignSourceColours(List<String> services) {
        palette.assignInOrder(services);
    }

    /** Empties the pane now (UI thread); lines still waiting in the batcher arrive afterwards. */
    public void clear() {
        all.clear0();
        memo = SearchMemo.NONE; // its lines are gone; decided afresh as they come
        matches.set(0);
    }

    /**
     * Makes {@code next} the pane's search: at once when little text is kept, else after a pass on the
     * background executor over the lines kept now (the UI thread only copies their references). A query typed
     * meanwhile supersedes it: only the newest pass is applied.
     */
    private void searchFor(LogSearch next) {
        int generation = ++searchGeneration;
        if (next.isEmpty() || all.weight() < BACKGROUND_SEARCH_WEIGHT) {
            useSearch(next, SearchMemo.NONE);
            return;
        }
        List<LogLine> kept = new ArrayList<>(all);
        background.execute(() -> {
            SearchMemo decided = SearchMemo.of(next, kept);
            ui.execute(() -> {
                if (generation == searchGeneration) {
                    useSearch(next, decided);
                }
            });
        });
    }

    private void useSearch(LogSearch next, SearchMemo decided) {
        search = next;
        memo = decided == SearchMemo.NONE ? decided : decided.keepingOnly(all);
        applyFilter();
        recountMatches();
    }

    private boolean matchesSearch(LogLine line) {
        return memo.matches(line, search);
    }

    /** Whether a line counts as a match: it matches the search and is of the service shown (if one is). */
    private boolean counts(LogLine line) {
        String source = sourceFilter.get();
        return (source == null || line.source().equals(source)) && matchesSearch(line);
    }

    private void recountMatches() {
        if (search.isEmpty()) {
            matches.set(0);
            return;
        }
        int n = 0;
        for (int i = 0; i < all.size(); i++) {
            n += counts(all.get(i)) ? 1 : 0;
        }
        matches.set(n);
    }

    /** How many kept lines match the search (of the shown service, when one is): "12 matches". */
    public ReadOnlyIntegerProperty matchesProperty() {
        return matches.getReadOnlyProperty();
    }

    /**
     * The pane's status: "1,204 lines", or "87 of 1,204 lines" when a service or the search filters them,
     * "· 12 matches" while a search is typed, "· 30 dropped" after a flood.
     */
    public String statusText() {
        NumberFormat numbers = NumberFormat.getIntegerInstance();
        int shown = visible.size();
        int kept = all.size();
        StringBuilder text = new StringBuilder();
        if (shown != kept) {
            text.append(numbers.format(shown)).append(" of ");
        }
        text.append(numbers.format(kept)).append(kept == 1 ? " line" : " lines");
        if (!search.isEmpty()) {
            int found = matches.get();
            text.append(" · ").append(numbers.format(found)).append(found == 1 ? " match" : " matches");
        }
        long dropped = droppedLines.get();
        if (dropped > 0) {
            text.append(" · ").append(numbers.format(dropped)).append(" dropped");
        }
        return text.toString();
    }

    /**
     * Empties the pane in order with the lines, from any thread: lines appended before it never show (also
     * those still waiting for the pulse), lines appended after it do. A feed calls it when it replaces the
     * stream of one project by another's, or by the same project's again.
     */
    public void reset() {
        batcher.offer(RESET);
    }

    private void applyFilter() {
        String source = sourceFilter.get();
        boolean bySearch = filterMode.get() && !search.isEmpty();
        if (!bySearch && source == null) {
            visible.setPredicate(null);
            return;
        }
        LogSearch current = search;
        SearchMemo decided = memo;
        visible.setPredicate(line -> (source == null || line.source().equals(source))
                && (!bySearch || decided.matches(line, current)));
    }

    /** The lines the view shows: all kept lines, or only matching ones in filter mode. */
    public ObservableList<LogLine> lines() {
        return visible;
    }

    public int keptLines() {
        return all.size();
    }

    public int capacity() {
        return all.capacity();
    }

    public SourcePalette palette() {
        return palette;
    }

    public LogSearch search() {
        return search;
    }

    /** The index of the next visible line matching the search after (or before) {@code from}, or -1. */
    public int findNext(int from, boolean forward) {
        if (search.isEmpty() || visible.isEmpty()) {
            return -1;
        }
        int n = visible.size();
        for (int step = 1; step <= n; step++) {
            int i = Math.floorMod(forward ? from + step : from - step, n);
            if (matchesSearch(visible.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** A line as copied or saved: optional timestamp, source, plain text. */
    public String format(LogLine line) {
        StringBuilder sb = new StringBuilder(line.text().length() + 40);
        if (showTimestamps.get()) {
            sb.append(timeFormat.format(line.timestamp())).append(' ');
        }
        return sb.append(line.source()).append(" | ").append(line.plainText()).toString();
    }

    public String formatTimestamp(LogLine line) {
        return timeFormat.format(line.timestamp());
    }

    /** The text put on the clipboard for {@code lines}. */
    public String copyText(List<LogLine> lines) {
        StringBuilder sb = new StringBuilder();
        for (LogLine line : lines) {
            sb.append(format(line)).append('\n');
        }
        return sb.toString();
    }

    /** How "Save logs…" writes the lines. */
    public enum SaveFormat {
        /** As the pane shows them: {@code [time ]service | text}, escapes removed, UTF-8. */
        AS_SHOWN,
        /**
         * What the containers wrote, byte for byte: escapes kept, bytes that are not UTF-8 as they came, each
         * line's own ending (a TTY's {@code \r\n}), no prefix — as {@code docker logs > file} would save them.
         */
        AS_RECEIVED
    }

    /** {@link #saveTo(Path, SaveFormat)} as shown. */
    public CompletableFuture<Integer> saveTo(Path file) {
        return saveTo(file, SaveFormat.AS_SHOWN);
    }

    /**
     * Writes the visible lines, whole (the view may show only the start of a long line), to {@code file} on
     * the background executor; completes with the number of lines written. Only the list of lines is taken
     * on the UI thread: formatting 32 MiB of text there would stall the pane.
     */
    public CompletableFuture<Integer> saveTo(Path file, SaveFormat format) {
        List<LogLine> snapshot = new ArrayList<>(visible);
        boolean timestamps = showTimestamps.get();
        return CompletableFuture.supplyAsync(() -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                for (LogLine line : snapshot) {
                    if (format == SaveFormat.AS_RECEIVED) {
                        out.write(line.raw() != null ? line.raw() : line.text().getBytes(StandardCharsets.UTF_8));
                        out.write(line.ending().getBytes(StandardCharsets.US_ASCII));
                    } else {
                        String shown = timestamps ? timeFormat.format(line.timestamp()) + ' ' + line.source() + " | " + line.plainText()
                                : line.source() + " | " + line.plainText();
                        out.write(shown.getBytes(StandardCharsets.UTF_8));
                        out.write('\n');
                    }
                }
                return snapshot.size();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, background);
    }

    public BooleanProperty followProperty() {
        return follow;
    }

    public BooleanProperty showTimestampsProperty() {
        return showTimestamps;
    }

    public BooleanProperty wrapProperty() {
        return wrap;
    }

    public BooleanProperty filterModeProperty() {
        return filterMode;
    }

    /** Only lines of this source (a service the user selected), or null for the whole project. */
    public StringProperty sourceFilterProperty() {
        return sourceFilter;
    }

    public StringProperty searchQueryProperty() {
        return searchQuery;
    }

    /** Lines dropped before reaching the pane because producers outran the UI for a long time. */
    public ReadOnlyLongProperty droppedLinesProperty() {
        return droppedLines.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty receivedLinesProperty() {
        return receivedLines.getReadOnlyProperty();
    }

    /** For the stress test and diagnostics. */
    public PulseBatcher<LogLine> batcher() {
        return batcher;
    }
}
