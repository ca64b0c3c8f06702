package dev.berth.engine.compose.watch;

import dev.berth.compose.model.Project;
import dev.berth.compose.model.ServiceSpec;
import dev.berth.compose.model.WatchRule;
import dev.berth.compose.model.WatchRule.Action;
import dev.berth.engine.build.DockerIgnore;
import dev.berth.engine.compose.ComposeEngine;
import dev.berth.engine.compose.ComposeException;
import dev.berth.engine.compose.ServiceContainer;
import dev.berth.engine.compose.UpOptions;
import dev.berth.engine.compose.progress.ProgressListener;
import io.methvin.watcher.DirectoryChangeEvent;
import io.methvin.watcher.DirectoryWatcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code docker compose watch}: follows the {@code develop.watch} paths of the selected services with native
 * recursive file events ({@code io.methvin:directory-watcher}), waits for a quiet period (compose's 500 ms:
 * a save that touches several files, a {@code git checkout}, becomes one batch), then per service:
 * <ul>
 *   <li>a {@code rebuild} path changed → builds that service's image only and recreates it through the
 *       orchestrator ({@code up} of that service: unchanged dependencies stay as they are); its syncs are
 *       skipped, the new image has the files;</li>
 *   <li>else each {@code sync}, {@code sync+restart}, {@code sync+exec} rule copies its changed files into
 *       every running container of the service and removes the deleted ones ({@link ContainerSync}); then
 *       the containers are restarted, or the rule's command run in them;</li>
 *   <li>a {@code restart} path changed → the service's containers are restarted.</li>
 * </ul>
 * Every batch runs on one worker thread, in order; what was done goes to the listener as {@link WatchEvent}s.
 */
public final class ComposeWatch implements AutoCloseable {

    /** Compose's quiet period before acting on a batch of changes. */
    public static final Duration QUIET_PERIOD = Duration.ofMillis(500);

    /** One line of what watch did (or failed to do), for the CLI and the log view. */
    public record WatchEvent(Instant at, String service, Kind kind, String message) {
        public enum Kind { WATCHING, SYNCED, REBUILT, RESTARTED, EXECUTED, FAILED }

        @Override
        public String toString() {
            return message;
        }
    }

    private record Trigger(String service, WatchRule rule, WatchFilter filter) {}

    private final ComposeEngine compose;
    private final Project project;
    private final List<Trigger> triggers;
    private final Duration quietPeriod;
    private final Consumer<WatchEvent> listener;
    private final ContainerSync sync;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("berth-watch").daemon(true).factory());
    private final ExecutorService events = Executors.newVirtualThreadPerTaskExecutor();
    private final Object lock = new Object();
    private final Map<Trigger, Set<Path>> pending = new LinkedHashMap<>();
    private ScheduledFuture<?> flush;
    private DirectoryWatcher watcher;
    private CompletableFuture<Void> watching;

    /**
     * @param services the services to watch; empty for every service with {@code develop.watch}
     * @throws ComposeException when none of them has watch rules (as compose refuses)
     */
    public ComposeWatch(ComposeEngine compose, Project project, Set<String> services, Duration quietPeriod,
                        Consumer<WatchEvent> listener) {
        this.compose = compose;
        this.project = project;
        this.quietPeriod = quietPeriod;
        this.listener = listener;
        this.sync = new ContainerSync(compose.engine());
        this.triggers = triggers(project, services);
        if (triggers.isEmpty()) {
            throw new ComposeException("None of the selected services is configured for watch: add a develop.watch section"
                    + " (see https://docs.docker.com/compose/how-tos/file-watch/).");
        }
    }

    private static List<Trigger> triggers(Project project, Set<String> services) {
        for (String name : services) {
            if (project.service(name) == null) {
                throw new ComposeException("No such service: " + name);
            }
        }
        List<Trigger> found = new ArrayList<>();
        for (ServiceSpec service : project.services().values()) {
            if (!services.isEmpty() && !services.contains(service.name())) {
                continue;
            }
            Path context = service.build() == null || service.build().context() == null || service.build().context().contains("://")
                    ? null : Path.of(service.build().context());
            DockerIgnore dockerIgnore;
            try {
                dockerIgnore = context == null ? DockerIgnore.none() : DockerIgnore.of(context);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + context.resolve(".dockerignore") + ": " + e.getMessage(), e);
            }
            for (WatchRule rule : WatchRule.of(service)) {
                found.add(new Trigger(service.name(), rule, new WatchFilter(rule, context, dockerIgnore)));
            }
        }
        return List.copyOf(found);
    }

    /** Runs the initial syncs, then watches; returns once the watcher is registered (changes from now on count). */
    public ComposeWatch start() throws IOException {
        for (Trigger trigger : triggers) {
            if (trigger.rule().initialSync() && trigger.rule().action().syncs() && Files.exists(trigger.filter().root())) {
                runSync(trigger.service(), Map.of(trigger, Set.of(trigger.filter().root())));
            }
        }
        Set<Path> roots = new LinkedHashSet<>();
        for (Trigger trigger : triggers) {
            Path root = trigger.filter().root();
            // a watched file is followed through its directory; a path that does not exist yet through its parent
            roots.add(Files.isDirectory(root) ? root : root.getParent());
            emit(trigger.service(), WatchEvent.Kind.WATCHING, "Watching " + root + " for service " + trigger.service()
                    + " (" + trigger.rule().action().word() + (trigger.rule().target() == null ? "" : " → " + trigger.rule().target()) + ")");
        }
        // one registration per directory tree: a root inside another root would report each change twice
        List<Path> distinct = roots.stream().filter(r -> roots.stream().noneMatch(o -> !o.equals(r) && r.startsWith(o))).toList();
        watcher = DirectoryWatcher.builder()
                .paths(distinct)
                .fileHashing(false) // every save counts, even one that writes the same bytes; hashing a tree costs start-up time
                .listener(this::changed)
                .build();
        watching = watcher.watchAsync(events);
        return this;
    }

    /** Blocks until {@link #close()} (the CLI's foreground mode). */
    public void awaitClosed() throws InterruptedException {
        try {
            watching.get();
        } catch (ExecutionException | CancellationException e) {
            // closed
        }
    }

    private void changed(DirectoryChangeEvent event) {
        if (event.eventType() == DirectoryChangeEvent.EventType.OVERFLOW || event.path() == null) {
            return;
        }
        Path path = event.path().toAbsolutePath().normalize();
        synchronized (lock) {
            boolean any = false;
            for (Trigger trigger : triggers) {
                if (trigger.filter().accepts(path)) {
                    pending.computeIfAbsent(trigger, t -> new LinkedHashSet<>()).add(path);
                    any = true;
                }
            }
            if (any) {
                if (flush != null) {
                    flush.cancel(false);
                }
                flush = worker.schedule(this::flush, quietPeriod.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private void flush() {
        Map<Trigger, Set<Path>> batch;
        synchronized (lock) {
            batch = new LinkedHashMap<>(pending);
            pending.clear();
            flush = null;
        }
        Map<String, Map<Trigger, Set<Path>>> byService = new LinkedHashMap<>();
        batch.forEach((trigger, paths) -> byService.computeIfAbsent(trigger.service(), s -> new LinkedHashMap<>()).put(trigger, paths));
        byService.forEach((service, changes) -> {
            try {
                act(service, changes);
            } catch (RuntimeException e) {
                emit(service, WatchEvent.Kind.FAILED, "Service " + service + ": " + e.getMessage());
            }
        });
    }

    private void act(String service, Map<Trigger, Set<Path>> changes) {
        int changed = changes.values().stream().mapToInt(Set::size).sum();
        if (changes.keySet().stream().anyMatch(t -> t.rule().action() == Action.REBUILD)) {
            rebuild(service, changed);
            return;
        }
        Map<Trigger, Set<Path>> syncs = new LinkedHashMap<>();
        changes.forEach((trigger, paths) -> {
            if (trigger.rule().action().syncs()) {
                syncs.put(trigger, paths);
            }
        });
        List<ServiceContainer> containers = syncs.isEmpty() ? List.of() : runSync(service, syncs);
        boolean restart = changes.keySet().stream().anyMatch(t -> t.rule().action() == Action.SYNC_RESTART || t.rule().action() == Action.RESTART);
        if (restart) {
            compose.restart(project.name(), Set.of(service), null, ProgressListener.NONE);
            emit(service, WatchEvent.Kind.RESTARTED, "Restarted service " + service + " after " + files(changed));
        }
        for (Trigger trigger : syncs.keySet()) {
            if (trigger.rule().action() == Action.SYNC_EXEC && !trigger.rule().exec().isEmpty()) {
                for (ServiceContainer container : containers) {
                    var result = compose.engine().exec().run(container.id(), trigger.rule().exec());
                    emit(service, result.exitCode() == 0 ? WatchEvent.Kind.EXECUTED : WatchEvent.Kind.FAILED,
                            "Ran " + String.join(" ", trigger.rule().exec()) + " in " + container.name() + ": exit " + result.exitCode());
                }
            }
        }
    }

    /** Syncs to every running container of the service; returns those containers. */
    private List<ServiceContainer> runSync(String service, Map<Trigger, Set<Path>> syncs) {
        List<ServiceContainer> containers = compose.ps(project.name(), Set.of(service), false).stream()
                .filter(c -> service.equals(c.service()) && !c.oneOff()).toList();
        if (containers.isEmpty()) {
            emit(service, WatchEvent.Kind.FAILED, "Service " + service + " has no running container to sync to: skipped");
            return containers;
        }
        for (Map.Entry<Trigger, Set<Path>> entry : syncs.entrySet()) {
            Trigger trigger = entry.getKey();
            List<ContainerSync.Change> changes = entry.getValue().stream()
                    .map(path -> new ContainerSync.Change(path, trigger.filter().containerPath(trigger.rule().target(), path)))
                    .toList();
            for (ServiceContainer container : containers) {
                ContainerSync.Result result = sync.sync(container.id(), changes, trigger.filter());
                emit(service, WatchEvent.Kind.SYNCED, "Synced " + files(result.copied())
                        + (result.removed() > 0 ? ", removed " + result.removed() + (result.removed() == 1 ? " path" : " paths") : "")
                        + " to " + container.name() + ":" + trigger.rule().target());
            }
        }
        return containers;
    }

    private void rebuild(String service, int changed) {
        emit(service, WatchEvent.Kind.REBUILT, "Rebuilding service " + service + " after " + files(changed) + " changed");
        compose.build(project, Set.of(service), ProgressListener.NONE);
        compose.up(project, UpOptions.defaults().withServices(Set.of(service)), ProgressListener.NONE);
        emit(service, WatchEvent.Kind.REBUILT, "Rebuilt and recreated service " + service);
    }

    private static String files(int count) {
        return count + (count == 1 ? " file" : " files");
    }

    private void emit(String service, WatchEvent.Kind kind, String message) {
        try {
            listener.accept(new WatchEvent(Instant.now(), service, kind, message));
        } catch (RuntimeException e) {
            // a listener's failure must not stop watching
        }
    }

    @Override
    public void close() {
        if (watcher != null) {
            try {
                watcher.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        worker.shutdownNow();
        events.shutdownNow();
    }
}
