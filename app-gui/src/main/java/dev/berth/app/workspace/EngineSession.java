package dev.berth.app.workspace;

import dev.berth.bridge.discovery.DiscoveredEngine;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EngineIdentity;
import dev.berth.engine.api.Filters;
import dev.berth.engine.api.SystemApi.EventsOptions;
import dev.berth.engine.api.model.EngineEvent;
import dev.berth.engine.compose.ComposeEngine;
import dev.berth.engine.stream.EngineStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The app's one connection to its engine: discovers it on a virtual thread, keeps exactly one events
 * subscription open, notices when the engine goes away (the events stream ends) and reconnects with a
 * growing back-off. After a loss the new subscription starts where the lost one stopped ({@code since} the last
 * event's time, replayed events dropped), so what happened while the engine was away (a container that died or
 * was restarted as the engine came back) still reaches the listeners. {@link #use} re-points it at another endpoint (the status bar's engine switcher): the
 * current connection is dropped and the chosen endpoint tried at once, and from then on only that one.
 * Listeners are called on the session's thread; the GUI hands them to its batcher.
 * No JavaFX here, so it is tested without a display.
 */
public final class EngineSession implements AutoCloseable {

    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(15);

    private final Function<String, DiscoveredEngine> discoverer;
    /** Wakes the retry wait early: a switch or a close. */
    private final LinkedBlockingQueue<Object> wake = new LinkedBlockingQueue<>();
    private volatile String chosenEndpoint;
    private volatile boolean switchRequested;
    private final List<Consumer<EngineState>> stateListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<EngineEvent>> eventListeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile EngineState state = new EngineState.Connecting(1);
    private volatile DiscoveredEngine current;
    private volatile EngineStream<EngineEvent> events;
    private volatile ComposeEngine compose;
    private Thread worker;
    /** Where the lost subscription stopped: the last event's engine time, else when it was opened; null: from now. */
    private volatile Instant resumeFrom;
    /** The events delivered at {@link #resumeFrom}'s very nanosecond: a resumed stream starts with them again. */
    private final Set<EngineEvent> deliveredAtResume = ConcurrentHashMap.newKeySet();

    /** @param discoverer finds and connects to the engine; throws an {@code EngineException} saying why not */
    public EngineSession(Supplier<DiscoveredEngine> discoverer) {
        this(chosen -> discoverer.get());
    }

    /**
     * @param discoverer finds and connects to the engine: plain discovery for {@code null}, else exactly the endpoint
     *                   given (an {@code -H} value such as {@code unix:///var/run/docker.sock}); throws saying why not
     */
    public EngineSession(Function<String, DiscoveredEngine> discoverer) {
        this.discoverer = discoverer;
    }

    /**
     * Re-points the session at {@code endpoint} (null: back to plain discovery): drops the current connection and
     * connects there at once. Every listener hears the switch ({@link EngineState.Connecting#switchingTo()}) and
     * then the new engine's state, so the views follow as they do after a reconnect.
     */
    public void use(String endpoint) {
        chosenEndpoint = endpoint;
        switchRequested = true;
        disconnect(); // ends followEvents, if connected
        wake.offer(Boolean.TRUE); // ends the retry wait, if not
    }

    /** The endpoint the user chose with {@link #use}, or null while plain discovery decides. */
    public String chosenEndpoint() {
        return chosenEndpoint;
    }

    public void onStateChange(Consumer<EngineState> listener) {
        stateListeners.add(listener);
        listener.accept(state);
    }

    public void onEvent(Consumer<EngineEvent> listener) {
        eventListeners.add(listener);
    }

    public EngineState state() {
        return state;
    }

    /** The connected engine's client, while connected. */
    public Optional<EngineClient> client() {
        DiscoveredEngine engine = current;
        return engine == null ? Optional.empty() : Optional.of(engine.client());
    }

    /** The Compose verbs on the connected engine, while connected. */
    public Optional<ComposeEngine> compose() {
        return Optional.ofNullable(compose);
    }

    /** Starts connecting in the background; returns at once. */
    public synchronized void start() {
        if (worker == null) {
            worker = Thread.ofVirtual().name("berth-engine-session").start(this::run);
        }
    }

    private void run() {
        int attempt = 1;
        Duration retry = FIRST_RETRY;
        boolean wasConnected = false;
        while (closed.getCount() > 0) {
            String switching = null;
            if (switchRequested) {
                switchRequested = false;
                wake.clear();
                attempt = 1;
                retry = FIRST_RETRY;
                wasConnected = false;
                resumeFrom = null; // another engine: its events from now on
                deliveredAtResume.clear();
                switching = chosenEndpoint == null ? "the discovered engine" : chosenEndpoint;
            }
            publish(new EngineState.Connecting(attempt, switching));
            try {
                DiscoveredEngine engine = discoverer.apply(chosenEndpoint);
                EngineIdentity identity = engine.client().identity();
                current = engine;
                if (switchRequested) {
                    continue; // another engine was chosen while this one answered: drop it (finally) and switch
                }
                compose = new ComposeEngine(engine.client());
                publish(new EngineState.Connected(identity.name(), identity.version(), identity.negotiated().toString(),
                        engine.endpoint().uri(), engine.howFound()));
                wasConnected = true;
                attempt = 1;
                retry = FIRST_RETRY;
                followEvents(engine.client(), resumeFrom); // blocks until the engine goes away or the session closes
            } catch (RuntimeException e) {
                if (closed.getCount() == 0) {
                    return;
                }
                if (!switchRequested) {
                    publish(new EngineState.Unavailable(e.getMessage(), retry, wasConnected));
                }
            } finally {
                disconnect();
            }
            if (closed.getCount() == 0) {
                return;
            }
            if (switchRequested) {
                continue; // the user chose another engine: no "lost" state, no back-off
            }
            if (state instanceof EngineState.Connected) {
                publish(new EngineState.Unavailable("The engine stopped answering.", retry, true));
            }
            try {
                wake.poll(retry.toMillis(), TimeUnit.MILLISECONDS);
                if (closed.getCount() == 0) {
                    return;
                }
                if (switchRequested) {
                    continue;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            attempt++;
            retry = retry.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : retry.multipliedBy(2);
        }
    }

    private void followEvents(EngineClient client, Instant since) {
        if (since == null) {
            resumeFrom = Instant.now(); // nothing seen yet: a loss resumes from the moment this one opened
        }
        EngineStream<EngineEvent> stream = client.system().events(
                since == null ? EventsOptions.fromNow() : new EventsOptions(since, null, Filters.none()));
        events = stream;
        for (EngineEvent event : stream) {
            Instant at = timeOf(event);
            if (at != null) {
                if (since != null && (at.isBefore(since) || at.equals(since) && deliveredAtResume.contains(event))) {
                    continue; // delivered before the loss (the engine's since is inclusive)
                }
                if (!at.equals(resumeFrom)) {
                    deliveredAtResume.clear();
                }
                resumeFrom = at;
                deliveredAtResume.add(event);
            }
            for (Consumer<EngineEvent> listener : eventListeners) {
                try {
                    listener.accept(event);
                } catch (RuntimeException ignored) {
                    // one broken listener must not cut the others off the engine
                }
            }
        }
        if (closed.getCount() > 0) {
            throw new IllegalStateException("The engine's event stream ended: the engine stopped or restarted.");
        }
    }

    private static Instant timeOf(EngineEvent event) {
        if (event.timeNano() != null && event.timeNano() > 0) {
            return Instant.ofEpochSecond(0, event.timeNano());
        }
        return event.time() == null ? null : Instant.ofEpochSecond(event.time());
    }

    private void disconnect() {
        EngineStream<EngineEvent> stream = events;
        events = null;
        if (stream != null) {
            stream.close();
        }
        compose = null;
        DiscoveredEngine engine = current;
        current = null;
        if (engine != null) {
            engine.close();
        }
    }

    private void publish(EngineState newState) {
        state = newState;
        for (Consumer<EngineState> listener : stateListeners) {
            listener.accept(newState);
        }
    }

    @Override
    public void close() {
        closed.countDown();
        wake.offer(Boolean.TRUE);
        disconnect();
        Thread thread;
        synchronized (this) {
            thread = worker;
        }
        if (thread != null) {
            thread.interrupt();
        }
    }
}
