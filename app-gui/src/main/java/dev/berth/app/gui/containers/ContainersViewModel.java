package dev.berth.app.gui.containers;

import dev.berth.app.gui.controls.Confirmations;
import dev.berth.app.gui.feed.ContainerAction;
import dev.berth.app.gui.format.Formats;
import dev.berth.engine.compose.ContainerState;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;

/**
 * The containers table's state: rows keyed by container id, a filter (name, service, image, state or port),
 * and the port-link action. Runs on the UI thread.
 */
public final class ContainersViewModel {

    private final ObservableList<ContainerRow> rows = FXCollections.observableArrayList();
    private final FilteredList<ContainerRow> filtered = new FilteredList<>(rows);
    private final SortedList<ContainerRow> sorted = new SortedList<>(filtered);
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final Consumer<String> browser;
    private final Clock clock;
    private Commands commands = Commands.NONE;
    private Confirmations confirmations = request -> Confirmations.Answer.NO;

    /** What the row menu does, wired by the window to the feed and its tabs. Called on the UI thread. */
    public interface Commands {
        Commands NONE = new Commands() {
            @Override public void showLogs(ContainerRow row) {}
            @Override public void inspect(ContainerRow row) {}
            @Override public void run(ContainerAction action, ContainerRow row) {}
        };

        void showLogs(ContainerRow row);

        void inspect(ContainerRow row);

        void run(ContainerAction action, ContainerRow row);

        /** Opens the container's file tree. */
        default void browseFiles(ContainerRow row) {}

        /** Opens a terminal tab on a shell in the container (bash, else sh). */
        default void openShell(ContainerRow row) {}

        /** Asks for a command, then opens a terminal tab running it in the container. */
        default void openShellWith(ContainerRow row) {}

        /** Opens a terminal tab attached to the container's main process. */
        default void attach(ContainerRow row) {}
    }

    /** {@code browser} opens a URL (HostServices::showDocument in the app, a recorder in tests). */
    public ContainersViewModel(Consumer<String> browser, Clock clock) {
        this.browser = browser;
        this.clock = clock;
        filter.addListener((obs, old, text) -> applyFilter(text));
    }

    /** Wires the row menu: what its items do, and who asks before a container is removed. */
    public void setCommands(Commands commands, Confirmations confirmations) {
        this.commands = commands;
        this.confirmations = confirmations;
    }

    public void showLogs(ContainerRow row) {
        commands.showLogs(row);
    }

    public void inspect(ContainerRow row) {
        commands.inspect(row);
    }

    public void openShell(ContainerRow row) {
        commands.openShell(row);
    }

    public void openShellWith(ContainerRow row) {
        commands.openShellWith(row);
    }

    public void attach(ContainerRow row) {
        commands.attach(row);
    }

    public void browseFiles(ContainerRow row) {
        commands.browseFiles(row);
    }

    public void restart(ContainerRow row) {
        commands.run(ContainerAction.RESTART, row);
    }

    public void stop(ContainerRow row) {
        commands.run(ContainerAction.STOP, row);
    }

    /** Removes the container after the user confirmed (Cancel is the default); returns whether it was asked for. */
    public boolean remove(ContainerRow row) {
        var answer = confirmations.ask(Confirmations.Request.of("Remove container " + row.name() + "?",
                "This stops (if running) and removes the container " + row.name() + " of service " + row.service()
                        + ". Named volumes stay; Up creates the container again.", "Remove"));
        if (answer.confirmed()) {
            commands.run(ContainerAction.REMOVE, row);
        }
        return answer.confirmed();
    }

    /** The row's first port that opens in a browser, if any. */
    public Optional<PublishedPort> webPort(ContainerRow row) {
        return row.ports().stream().filter(PublishedPort::isWebLink).findFirst();
    }

    /**
     * Makes the rows those of a fresh listing, touching only what changed: rows that went are removed, rows that
     * changed are replaced in place, new ones are added at the end (the order of rows that stay is kept). A
     * listing arrives after every burst of events; replacing all rows made the table rebuild every visible cell
     * and re-sort every row each time, 1,000 of them in a large project. A running container keeps the usage
     * figures its stats gave until the next sample (a listing has none).
     */
    public void setAll(Collection<ContainerRow> fresh) {
        Map<String, ContainerRow> byId = new LinkedHashMap<>();
        fresh.forEach(row -> byId.put(row.id(), row));
        if (rows.stream().anyMatch(old -> !byId.containsKey(old.id()))) {
            rows.removeIf(old -> !byId.containsKey(old.id())); // one change however many went
        }
        for (int i = 0; i < rows.size(); i++) {
            ContainerRow old = rows.get(i);
            ContainerRow update = byId.remove(old.id());
            if (update.state() == ContainerState.RUNNING && old.state() == ContainerState.RUNNING) {
                update = update.withUsage(old.cpuPercent(), old.memoryUsage(), old.memoryLimit());
            }
            if (!update.equals(old)) {
                rows.set(i, update);
            }
        }
        if (!byId.isEmpty()) {
            rows.addAll(byId.values());
        }
    }

    /** Adds or replaces one row (an event for one container). */
    public void upsert(ContainerRow row) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).id().equals(row.id())) {
                rows.set(i, row);
                return;
            }
        }
        rows.add(row);
    }

    public void remove(String id) {
        rows.removeIf(row -> row.id().equals(id));
    }

    /** What a stats sample says about a container's usage. */
    public record Usage(double cpuPercent, long memoryUsage, long memoryLimit) {}

    /** Updates CPU and memory of a container from a stats sample, by container name. */
    public void updateUsage(String name, double cpu, long memory, long limit) {
        updateUsage(Map.of(name, new Usage(cpu, memory, limit)));
    }

    /**
     * Updates CPU and memory of the named containers in one pass over the rows: every running container's
     * stats stream sends a sample a second, and one scan of every row per sample was 200,000 row visits a
     * second on the FX thread for 200 running containers among 1,000.
     */
    public void updateUsage(Map<String, Usage> byName) {
        int left = byName.size();
        for (int i = 0; i < rows.size() && left > 0; i++) {
            ContainerRow row = rows.get(i);
            Usage usage = byName.get(row.name());
            if (usage == null) {
                continue;
            }
            left--;
            if (row.state() != ContainerState.RUNNING) {
                continue; // a sample that was on its way when the container stopped: no figures for a stopped one
            }
            if (row.cpuPercent() != usage.cpuPercent() || row.memoryUsage() != usage.memoryUsage() || row.memoryLimit() != usage.memoryLimit()) {
                rows.set(i, row.withUsage(usage.cpuPercent(), usage.memoryUsage(), usage.memoryLimit()));
            }
        }
    }

    /** The rows to show: filtered, and sorted by whatever the table's comparator is bound to. */
    public SortedList<ContainerRow> rows() {
        return sorted;
    }

    public int totalRows() {
        return rows.size();
    }

    public StringProperty filterProperty() {
        return filter;
    }

    /** Opens a published port in the browser. */
    public void open(PublishedPort port) {
        if (port.isWebLink()) {
            browser.accept(port.url());
        }
    }

    public String uptime(ContainerRow row) {
        return row.startedAt() == null ? "" : Formats.uptime(Duration.between(row.startedAt(), clock.instant()));
    }

    private void applyFilter(String text) {
        String needle = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (needle.isEmpty()) {
            filtered.setPredicate(null);
            return;
        }
        filtered.setPredicate(row -> matches(row, needle));
    }

    static boolean matches(ContainerRow row, String needle) {
        if (row.name().toLowerCase(Locale.ROOT).contains(needle) || row.service().toLowerCase(Locale.ROOT).contains(needle)
                || row.image().toLowerCase(Locale.ROOT).contains(needle)
                || row.stateAndHealth().toLowerCase(Locale.ROOT).contains(needle)) {
            return true;
        }
        return row.ports().stream().anyMatch(p -> String.valueOf(p.hostPort()).equals(needle) || String.valueOf(p.containerPort()).equals(needle));
    }
}
