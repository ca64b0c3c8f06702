package dev.berth.bridge.vm.ports;

import dev.berth.engine.api.ContainersApi;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.Filters;
import dev.berth.engine.api.SystemApi;
import dev.berth.engine.api.model.ContainerSummary;
import dev.berth.engine.api.model.EngineEvent;
import dev.berth.engine.api.model.PortMapping;
import dev.berth.engine.stream.EngineStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every published port of every running container in the VM, on the host at the same port, while it runs.
 * Driven by the engine's events (no polling): a container's start, die, stop, kill or destroy makes it compare
 * what should be forwarded (the running containers' published ports) with what is, and open or close the
 * difference. The same comparison at startup is the reconciliation after a Berth or VM restart; forwards a
 * previous run recorded in {@code ports.json} are closed first (QEMU keeps them across a relay restart).
 * A forward that cannot be opened (the host port is taken) is logged as an error naming the port and the
 * service, kept in {@code ports.json} for {@code berth vm ports}, and tried again at the next change.
 */
public final class PortForwarder implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> CHANGES = Set.of("start", "die", "stop", "kill", "destroy", "pause", "unpause", "restart");

    /** What {@code ports.json} holds. */
    public record Report(List<PortForward> forwards, List<Failure> failures, String updated) {}

    public record Failure(PortForward forward, String reason) {}

    private final EngineClient engine;
    private final HostForwards host;
    private final Path reportFile;
    private final Set<String> hostAddresses;
    private final Consumer<String> log;
    private final Map<String, PortForward> open = new LinkedHashMap<>();
    private final Map<String, Failure> failed = new LinkedHashMap<>();
    private volatile EngineStream<EngineEvent> events;
    private volatile boolean closed;

    public PortForwarder(EngineClient engine, HostForwards host, Path reportFile, Set<String> hostAddresses, Consumer<String> log) {
        this.engine = engine;
        this.host = host;
        this.reportFile = reportFile;
        this.hostAddresses = Set.copyOf(hostAddresses);
        this.log = log;
    }

    /** This host's own addresses: a compose file's host IP is honoured only when it is one of them. */
    public static Set<String> localAddresses() {
        Set<String> addresses = new LinkedHashSet<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    addresses.add(address.getHostAddress().replaceAll("%.*$", ""));
                }
            }
        } catch (SocketException e) {
            addresses.add("127.0.0.1");
        }
        return addresses;
    }

    /**
     * The forwards these containers ask for, and the ones that cannot be honoured. A published port bound to all
     * addresses (or to loopback) inside the guest appears on the host's 127.0.0.1; one bound to a named address
     * appears on that address when it is one of this host's, and is refused otherwise. IPv4 and IPv6 listings of
     * one port are one forward.
     */
    public static Report desired(List<ContainerSummary> running, Set<String> hostAddresses) {
        Map<String, PortForward> forwards = new LinkedHashMap<>();
        List<Failure> failures = new ArrayList<>();
        for (ContainerSummary container : running) {
            if (container.ports() == null) {
                continue;
            }
            String name = container.names() == null || container.names().isEmpty() ? container.id() : container.names().getFirst().replaceFirst("^/", "");
            String service = container.labels() == null ? null : container.labels().get("com.docker.compose.service");
            for (PortMapping port : container.ports()) {
                if (port.publicPort() == null || port.publicPort() == 0) {
                    continue;
                }
                String ip = port.ip() == null ? "" : port.ip();
                String hostIp = switch (ip) {
                    case "", "0.0.0.0", "::", "127.0.0.1", "::1" -> "127.0.0.1";
                    default -> ip;
                };
                PortForward forward = new PortForward(port.type() == null ? "tcp" : port.type(), hostIp, port.publicPort(), container.id(), name,
                        service);
                if (!hostIp.equals("127.0.0.1") && !hostAddresses.contains(hostIp)) {
                    failures.add(new Failure(forward, hostIp + " is not an address of this host"));
                    continue;
                }
                forwards.putIfAbsent(forward.key(), forward);
            }
        }
        return new Report(List.copyOf(forwards.values()), List.copyOf(failures), null);
    }

    /** Closes what a previous run left open (listed in the report file); {@link #run} then reconciles. */
    public void closeStale() {
        for (PortForward stale : read(reportFile).forwards()) {
            try {
                host.remove(stale);
            } catch (IOException e) {
                // already gone (a VM restart starts with no forwards)
            }
        }
    }

    /** Makes the open forwards what the running containers ask for; safe to call at any time. */
    public synchronized void reconcile() {
        List<ContainerSummary> running = engine.containers().list(ContainersApi.ListOptions.running());
        Report wanted = desired(running, hostAddresses);
        Map<String, PortForward> target = wanted.forwards().stream().collect(Collectors.toMap(PortForward::key, f -> f, (a, b) -> a, LinkedHashMap::new));
        for (PortForward current : List.copyOf(open.values())) {
            PortForward still = target.get(current.key());
            if (still == null || !still.containerId().equals(current.containerId())) {
                try {
                    host.remove(current);
                    log.accept("closed " + current.key() + " (" + current.owner() + " stopped)");
                } catch (IOException e) {
                    log.accept("ERROR closing " + current.key() + ": " + e.getMessage());
                }
                open.remove(current.key());
            }
        }
        failed.clear();
        for (Failure failure : wanted.failures()) {
            failed.put(failure.forward().key(), failure);
            log.accept("ERROR port " + failure.forward().key() + " of " + failure.forward().owner() + " is not forwarded: " + failure.reason());
        }
        for (PortForward forward : target.values()) {
            if (open.containsKey(forward.key())) {
                continue;
            }
            try {
                host.add(forward);
                open.put(forward.key(), forward);
                log.accept("forwarding " + forward.key() + " to " + forward.owner());
            } catch (IOException e) {
                failed.put(forward.key(), new Failure(forward, e.getMessage()));
                log.accept("ERROR port " + forward.key() + " of " + forward.owner() + " is not forwarded: " + e.getMessage());
            }
        }
        write();
    }

    /** Follows the engine's container events until closed; reconnects (and reconciles) when the stream ends. */
    public void run() {
        while (!closed) {
            try (EngineStream<EngineEvent> stream = engine.system().events(SystemApi.EventsOptions.fromNow()
                    .withFilters(Filters.none().with("type", "container")))) {
                events = stream;
                reconcile(); // what changed while the stream was not open
                EngineEvent event;
                while ((event = stream.next()) != null) {
                    String action = event.action() == null ? event.status() : event.action();
                    if (action != null && CHANGES.contains(action)) {
                        reconcile();
                    }
                }
            } catch (RuntimeException e) {
                if (!closed) {
                    log.accept("engine events not available (" + e.getMessage() + "); trying again");
                    sleep(1000);
                }
            }
        }
    }

    public synchronized Report report() {
        return new Report(List.copyOf(open.values()), List.copyOf(failed.values()), Instant.now().toString());
    }

    private void write() {
        try {
            Path temporary = reportFile.resolveSibling(reportFile.getFileName() + ".new");
            Files.writeString(temporary, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report()));
            Files.move(temporary, reportFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.accept("ERROR cannot write " + reportFile + ": " + e.getMessage());
        }
    }

    /** The last report a forwarder wrote; empty when there is none. */
    public static Report read(Path reportFile) {
        if (!Files.isRegularFile(reportFile)) {
            return new Report(List.of(), List.of(), null);
        }
        try {
            return JSON.readValue(Files.readString(reportFile), Report.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            return new Report(List.of(), List.of(), null);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        EngineStream<EngineEvent> stream = events;
        if (stream != null) {
            stream.close();
        }
    }
}
