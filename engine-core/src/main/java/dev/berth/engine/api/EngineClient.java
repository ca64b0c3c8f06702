package dev.berth.engine.api;

import dev.berth.engine.api.model.VersionComponent;
import dev.berth.engine.api.model.VersionInfo;
import dev.berth.engine.transport.HttpClient;
import dev.berth.engine.transport.HttpRequest;
import dev.berth.engine.transport.HttpResponse;
import dev.berth.engine.transport.Transport;
import java.io.IOException;

/**
 * A client for one engine endpoint: thread-safe, keeps connections alive, one per endpoint for the app's
 * lifetime. {@link #connect} pings the engine, reads {@code /version}, refuses engines older than
 * {@link ApiVersion#MINIMUM}, recognises Podman, and pins every later request to the negotiated version.
 *
 * <pre>{@code
 * try (EngineClient engine = EngineClient.connect(new EngineEndpoint.Unix(Path.of("/var/run/docker.sock")))) {
 *     engine.containers().list(ContainersApi.ListOptions.allContainers());
 * }
 * }</pre>
 */
public final class EngineClient implements AutoCloseable {

    private final EngineEndpoint endpoint;
    private final HttpClient http;
    private final EngineCalls calls;
    private final EngineIdentity identity;
    private final SystemApi system;
    private final ContainersApi containers;
    private final ImagesApi images;
    private final NetworksApi networks;
    private final VolumesApi volumes;
    private final ExecApi exec;
    private final EngineRequests requests;

    private EngineClient(EngineEndpoint endpoint, HttpClient http) {
        this(endpoint, http, null);
    }

    /** With {@code known} the engine was already identified (see {@link #withOptions}): no handshake. */
    private EngineClient(EngineEndpoint endpoint, HttpClient http, EngineIdentity known) {
        this.endpoint = endpoint;
        this.http = http;
        this.calls = new EngineCalls(http, endpoint.uri());
        this.system = new SystemApi(calls);
        this.identity = known != null ? known : handshake();
        calls.useVersion(identity.negotiated());
        calls.podman(identity.podman());
        this.containers = new ContainersApi(calls);
        this.images = new ImagesApi(calls);
        this.networks = new NetworksApi(calls);
        this.volumes = new VolumesApi(calls, system);
        this.exec = new ExecApi(calls);
        this.requests = new EngineRequests(calls);
    }

    public static EngineClient connect(EngineEndpoint endpoint) {
        return connect(endpoint, HttpClient.Options.defaults());
    }

    /** Connects and negotiates; throws a typed {@link EngineException} with a user-facing message on failure. */
    public static EngineClient connect(EngineEndpoint endpoint, HttpClient.Options options) {
        Transport transport;
        try {
            transport = endpoint.transport(options.readTimeout());
        } catch (IOException e) {
            throw new EngineTlsException("Cannot set up TLS for " + endpoint.uri() + ": " + e.getMessage(), e);
        }
        HttpClient http = new HttpClient(transport, options);
        try {
            return new EngineClient(endpoint, http);
        } catch (RuntimeException e) {
            http.close();
            throw e;
        }
    }

    /**
     * A client for the same engine with other connection options, reusing this one's identification:
     * discovery probes with short timeouts, then hands out a normally configured client without a second
     * round of ping, version and Podman check. This client stays open; close it when done with it.
     */
    public EngineClient withOptions(HttpClient.Options options) {
        Transport transport;
        try {
            transport = endpoint.transport(options.readTimeout());
        } catch (IOException e) {
            throw new EngineTlsException("Cannot set up TLS for " + endpoint.uri() + ": " + e.getMessage(), e);
        }
        return new EngineClient(endpoint, new HttpClient(transport, options), identity);
    }

    private EngineIdentity handshake() {
        // One round trip for a normal engine: /version names the API and the components; /_ping only
        // for an engine whose /version leaves the API out.
        VersionInfo version = system.version();
        String api = version.apiVersion() != null ? version.apiVersion() : system.ping().apiVersion();
        if (api == null) {
            throw new EngineIncompatibleException("The engine at " + endpoint.uri() + " reports no API version, so it is not a"
                    + " Docker-compatible engine: " + EngineErrors.POINT_ELSEWHERE + ".");
        }
        ApiVersion engineApi = ApiVersion.parse(api);
        if (!engineApi.isAtLeast(ApiVersion.MINIMUM)) {
            throw new EngineIncompatibleException("The engine at " + endpoint.uri() + " speaks API " + engineApi
                    + " (version " + version.version() + "), but Berth needs API " + ApiVersion.MINIMUM
                    + " or newer: upgrade it to Docker Engine 20.10+ or Podman 4+, or " + EngineErrors.POINT_ELSEWHERE + ".");
        }
        boolean podman = isPodman(version);
        String name = podman ? "Podman Engine" : "Docker Engine";
        ApiVersion min = version.minApiVersion() == null ? null : ApiVersion.parse(version.minApiVersion());
        return new EngineIdentity(name, version.version(), engineApi, min, ApiVersion.negotiate(engineApi),
                version.os(), version.arch(), version.kernelVersion(), podman);
    }

    /**
     * Podman names itself among the components of {@code /version} ("Podman Engine"); Docker lists "Engine",
     * containerd, runc. Only an engine that lists no components is asked {@code /libpod/_ping}, which Podman
     * answers and Docker does not know.
     */
    private boolean isPodman(VersionInfo version) {
        if (version.components() != null && !version.components().isEmpty()) {
            for (VersionComponent component : version.components()) {
                if (component.name() != null && component.name().contains("Podman")) {
                    return true;
                }
            }
            return false;
        }
        try (HttpResponse response = http.send(HttpRequest.get("/libpod/_ping"))) {
            response.readAllBytes();
            return response.status() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    public EngineEndpoint endpoint() {
        return endpoint;
    }

    public EngineIdentity identity() {
        return identity;
    }

    public ApiVersion apiVersion() {
        return identity.negotiated();
    }

    public SystemApi system() {
        return system;
    }

    public ContainersApi containers() {
        return containers;
    }

    public ImagesApi images() {
        return images;
    }

    public NetworksApi networks() {
        return networks;
    }

    public VolumesApi volumes() {
        return volumes;
    }

    public ExecApi exec() {
        return exec;
    }

    /** The shared request plumbing, for engine-core's other API packages (swarm). */
    public EngineRequests requests() {
        return requests;
    }

    /** The HTTP layer, for diagnostics and benchmarks (e.g. how many connections were opened). */
    public HttpClient http() {
        return http;
    }

    @Override
    public void close() {
        http.close();
    }
}
