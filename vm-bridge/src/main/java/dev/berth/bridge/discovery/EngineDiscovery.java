package dev.berth.bridge.discovery;

import dev.berth.bridge.vm.VmDiscoveryStrategy;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EngineConnectionException;
import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.api.EngineErrors;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.api.EngineIdentity;
import dev.berth.engine.api.EngineNotFoundException;
import dev.berth.engine.transport.HttpClient;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds the engine the way the developer's machine is set up: a list of {@link DiscoveryStrategy}s, each
 * applicable or not, each proposing endpoints that are tested for real (ping, version, API check). When
 * nothing answers, {@link EngineNotFoundException} lists every attempt and why it failed. Each attempt is
 * bounded by {@link DiscoveryOptions#timeoutPerCandidate()}, and missing socket files fail at once, so a
 * machine without an engine is told so in well under five seconds.
 */
public final class EngineDiscovery {

    private final HostEnvironment environment;
    private final List<DiscoveryStrategy> strategies;

    public EngineDiscovery(HostEnvironment environment, List<DiscoveryStrategy> strategies) {
        this.environment = environment;
        this.strategies = strategies.stream().sorted(Comparator.comparingInt(DiscoveryStrategy::priority)).toList();
    }

    /** The standard strategies: -H, contexts, DOCKER_HOST, the well-known sockets, then Berth's own engine VMs. */
    public static EngineDiscovery standard(HostEnvironment environment) {
        List<DiscoveryStrategy> all = new ArrayList<>();
        all.add(new HostOptionStrategy());
        all.add(new ContextStrategy(ContextStrategy.Source.OPTION));
        all.add(new DockerHostStrategy());
        all.add(new ContextStrategy(ContextStrategy.Source.ENVIRONMENT));
        all.add(new ContextStrategy(ContextStrategy.Source.CONFIG));
        all.addAll(SocketFileStrategy.standard());
        all.add(new VmDiscoveryStrategy());
        return new EngineDiscovery(environment, all);
    }

    public List<DiscoveryStrategy> strategies() {
        return strategies;
    }

    /** The strategies that will be tried: the first applicable explicit one alone, else every applicable one. */
    List<DiscoveryStrategy> plan(DiscoveryOptions options) {
        List<DiscoveryStrategy> applicable = strategies.stream().filter(s -> s.isApplicable(environment, options)).toList();
        return applicable.stream().filter(DiscoveryStrategy::isExplicit).findFirst().map(List::of).orElse(applicable);
    }

    /** Connects to the first engine that answers; the caller owns (and closes) the result. */
    public DiscoveredEngine discover(DiscoveryOptions options) {
        List<EngineNotFoundException.Attempt> attempts = new ArrayList<>();
        for (Proposal proposal : (Iterable<Proposal>) proposals(plan(options), options)::iterator) {
            if (proposal.failure() != null) {
                attempts.add(new EngineNotFoundException.Attempt(proposal.strategy().name(), null, proposal.failure()));
                continue;
            }
            Candidate candidate = proposal.candidate();
            try {
                EngineClient client = probe(candidate.endpoint(), options);
                return new DiscoveredEngine(candidate.endpoint(), candidate.howFound(), client);
            } catch (EngineException e) {
                attempts.add(new EngineNotFoundException.Attempt(candidate.howFound(), candidate.endpoint().uri(), e.getMessage()));
            }
        }
        throw new EngineNotFoundException(attempts);
    }

    /** Every candidate of every applicable strategy, each tested, for {@code berth engine --all}. */
    public List<CandidateStatus> discoverAll(DiscoveryOptions options) {
        List<DiscoveryStrategy> planned = plan(options);
        List<DiscoveryStrategy> applicable = strategies.stream().filter(s -> s.isApplicable(environment, options)).toList();
        List<CandidateStatus> statuses = new ArrayList<>();
        Map<String, CandidateStatus> byEndpoint = new HashMap<>();
        int chosen = -1;
        for (Proposal proposal : (Iterable<Proposal>) proposals(applicable, options)::iterator) {
            DiscoveryStrategy strategy = proposal.strategy();
            if (proposal.failure() != null) {
                statuses.add(new CandidateStatus(strategy.name(), strategy.describe(), null, null, proposal.failure(), false));
                continue;
            }
            Candidate candidate = proposal.candidate();
            String uri = candidate.endpoint().uri();
            CandidateStatus known = byEndpoint.get(uri);
            CandidateStatus status;
            if (known != null) {
                status = new CandidateStatus(strategy.name(), candidate.howFound(), uri, known.identity(), known.failure(), false);
            } else {
                status = test(strategy, candidate, options);
                byEndpoint.put(uri, status);
            }
            if (chosen < 0 && status.reachable() && planned.contains(strategy)) {
                chosen = statuses.size();
            }
            statuses.add(status);
        }
        if (chosen >= 0) {
            statuses.set(chosen, statuses.get(chosen).asChosen());
        }
        return statuses;
    }

    /** One thing a strategy proposes: a candidate to test, or why it could not propose any. */
    private record Proposal(DiscoveryStrategy strategy, Candidate candidate, String failure) {}

    /**
     * The one discovery loop, for {@link #discover} and {@link #discoverAll}: the strategies' candidates in order,
     * each strategy asked only when the one before is exhausted (so {@code discover} stops at the first answer).
     */
    private Stream<Proposal> proposals(List<DiscoveryStrategy> strategies, DiscoveryOptions options) {
        return strategies.stream().flatMap(strategy -> {
            try {
                return strategy.candidates(environment, options).stream().map(candidate -> new Proposal(strategy, candidate, null));
            } catch (IllegalArgumentException e) {
                return Stream.of(new Proposal(strategy, null, e.getMessage()));
            }
        });
    }

    private CandidateStatus test(DiscoveryStrategy strategy, Candidate candidate, DiscoveryOptions options) {
        try (EngineClient client = probe(candidate.endpoint(), options)) {
            EngineIdentity identity = client.identity();
            return new CandidateStatus(strategy.name(), candidate.howFound(), candidate.endpoint().uri(), identity, null, false);
        } catch (EngineException e) {
            return new CandidateStatus(strategy.name(), candidate.howFound(), candidate.endpoint().uri(), null, e.getMessage(), false);
        }
    }

    /** The real socket test: connect, ping, read the version, check the API; bounded by the per-candidate timeout. */
    private EngineClient probe(EngineEndpoint endpoint, DiscoveryOptions options) {
        if (endpoint instanceof EngineEndpoint.Unix unix) {
            // Fail at once, without a connect, for the two files no engine can be behind.
            if (!Files.exists(unix.socket())) {
                throw EngineErrors.missingSocket(endpoint.uri(), null);
            }
            EngineConnectionException notSocket = EngineErrors.notASocket(endpoint.uri(), unix.socket(), null);
            if (notSocket != null) {
                throw notSocket;
            }
        }
        Duration timeout = options.timeoutPerCandidate();
        HttpClient.Options probing = new HttpClient.Options(timeout, timeout.plusSeconds(1), HttpClient.Options.defaults().maxIdleConnections());
        // The probe's short read timeout suits a handshake, not engine work: hand out a normally configured
        // client that keeps what the probe learnt (no second ping and version).
        try (EngineClient probe = EngineClient.connect(endpoint, probing)) {
            return probe.withOptions(HttpClient.Options.defaults());
        }
    }
}
