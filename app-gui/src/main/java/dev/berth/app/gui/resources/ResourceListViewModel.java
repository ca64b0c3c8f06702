package dev.berth.app.gui.resources;

import dev.berth.app.gui.controls.Confirmations;
import dev.berth.app.gui.fx.UiScheduler;
import dev.berth.app.resources.ResourceCatalog;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;

/**
 * What the volumes, networks and images lists share: rows loaded on a background (virtual) thread and
 * applied on the UI thread — a newer refresh wins over a slower older one — a text filter, the selection,
 * a busy flag, and a {@link Notice} saying what the last action did. Actions go through
 * {@link Confirmations} first, run in the background, then reload the list.
 */
public abstract class ResourceListViewModel<R> {

    protected final ResourceCatalog catalog;
    protected final UiScheduler ui;
    protected final Executor background;
    protected final Confirmations confirmations;

    private final ObservableList<R> all = FXCollections.observableArrayList();
    private final FilteredList<R> filtered = new FilteredList<>(all);
    private final SortedList<R> rows = new SortedList<>(filtered);
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final ObjectProperty<R> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyObjectWrapper<Notice> notice = new ReadOnlyObjectWrapper<>(this, "notice", Notice.NONE);
    private final AtomicLong generation = new AtomicLong();
    private int running;
    private boolean replacing;
    private boolean listingFailed;

    protected ResourceListViewModel(ResourceCatalog catalog, UiScheduler ui, Executor background, Confirmations confirmations) {
        this.catalog = catalog;
        this.ui = ui;
        this.background = background;
        this.confirmations = confirmations;
        filter.addListener((obs, old, text) -> refilter());
    }

    /** Loads the rows; runs on a background thread. */
    protected abstract List<R> load();

    /** The text a row is filtered by (name, driver, project…), lower-case not needed. */
    protected abstract String searchText(R row);

    /** The row's identity, to keep the selection across reloads. */
    protected abstract String key(R row);

    /** Extra filtering beyond the text (the volumes' project scope); all rows by default. */
    protected Predicate<R> scope() {
        return row -> true;
    }

    /** Re-applies the filters; call when something {@link #scope()} depends on changes. */
    protected final void refilter() {
        String needle = filter.get() == null ? "" : filter.get().strip().toLowerCase(Locale.ROOT);
        Predicate<R> inScope = scope();
        filtered.setPredicate(row -> inScope.test(row) && (needle.isEmpty() || searchText(row).toLowerCase(Locale.ROOT).contains(needle)));
    }

    /** Reloads the list in the background; callable from the UI thread at any time. */
    public void refresh() {
        long mine = generation.incrementAndGet();
        started();
        background.execute(() -> {
            try {
                List<R> loaded = load();
                ui.execute(() -> {
                    finished();
                    if (generation.get() == mine) {
                        if (listingFailed) {
                            listingFailed = false;
                            notice.set(Notice.NONE); // the engine answers again: the old failure is history
                        }
                        apply(loaded);
                    }
                });
            } catch (RuntimeException e) {
                ui.execute(() -> {
                    finished();
                    if (generation.get() == mine) {
                        listingFailed = true;
                        notice.set(Notice.failure("Listing", e));
                    }
                });
            }
        });
    }

    private void apply(List<R> loaded) {
        replaceRows(loaded);
        loaded(loaded);
    }

    /**
     * Replaces the rows, keeping the selected row (by {@link #key}) selected. A table clears its selection
     * while its items are replaced; {@link #isReplacing()} lets selection listeners ignore that flicker, and
     * {@link #selectionSettled} reports where the selection ended up.
     */
    protected final void replaceRows(List<R> loaded) {
        R previous = selected.get();
        replacing = true;
        try {
            all.setAll(loaded);
            String previousKey = previous == null ? null : key(previous);
            selected.set(previousKey == null ? null : loaded.stream().filter(row -> key(row).equals(previousKey)).findFirst().orElse(null));
        } finally {
            replacing = false;
        }
        selectionSettled(selected.get());
    }

    /** Whether the rows are being replaced right now (a selection change then is not the user's). */
    protected final boolean isReplacing() {
        return replacing;
    }

    /** Called on the UI thread after the rows were replaced, with the row selected now (or null). */
    protected void selectionSettled(R row) {
    }

    /** Called on the UI thread after each load was applied. */
    protected void loaded(List<R> loaded) {
    }

    /** Asks through the injected {@link Confirmations}. */
    protected final Confirmations.Answer ask(Confirmations.Request request) {
        return confirmations.ask(request);
    }

    /** Runs {@code action} (which returns the success message) in the background, then reloads. */
    protected final void run(String doing, Callable<String> action) {
        started();
        notice.set(Notice.info(doing + "…"));
        background.execute(() -> {
            Notice outcome;
            try {
                outcome = Notice.success(action.call());
            } catch (Exception e) {
                outcome = Notice.failure(doing, e);
            }
            Notice result = outcome;
            ui.execute(() -> {
                finished();
                notice.set(result);
                refresh();
            });
        });
    }

    /** Runs a background read whose result only the UI thread applies. */
    protected final <T> void read(Callable<T> read, Consumer<T> apply, String doing) {
        background.execute(() -> {
            try {
                T value = read.call();
                ui.execute(() -> apply.accept(value));
            } catch (Exception e) {
                ui.execute(() -> notice.set(Notice.failure(doing, e)));
            }
        });
    }

    private void started() {
        running++;
        busy.set(true);
    }

    private void finished() {
        running = Math.max(0, running - 1);
        busy.set(running > 0);
    }

    protected final void notice(Notice value) {
        notice.set(value);
    }

    /** The rows to show: filtered, and sorted by whatever the table's comparator is bound to. */
    public SortedList<R> rows() {
        return rows;
    }

    /** Every loaded row, unfiltered. */
    public ObservableList<R> allRows() {
        return FXCollections.unmodifiableObservableList(all);
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ObjectProperty<R> selectedProperty() {
        return selected;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Notice> noticeProperty() {
        return notice.getReadOnlyProperty();
    }
}
