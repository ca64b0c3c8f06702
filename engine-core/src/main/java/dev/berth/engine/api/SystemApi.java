package dev.berth.engine.api;

import dev.berth.engine.api.model.DiskUsage;
import dev.berth.engine.api.model.EngineEvent;
import dev.berth.engine.api.model.ImageSummary;
import dev.berth.engine.api.model.SystemInfo;
import dev.berth.engine.api.model.VersionInfo;
import dev.berth.engine.stream.EngineStream;
import dev.berth.engine.transport.HttpRequest;
import dev.berth.engine.transport.HttpResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** {@code /_ping}, {@code /version}, {@code /info}, {@code /system/df}, {@code /events}. */
public final class SystemApi {

    /** Which events, from when to when; null bounds mean "from now" and "forever". */
    public record EventsOptions(Instant since, Instant until, Filters filters) {
        public static EventsOptions fromNow() {
            return new EventsOptions(null, null, Filters.none());
        }

        public EventsOptions withFilters(Filters newFilters) {
            return new EventsOptions(since, until, newFilters);
        }
    }

    private final EngineCalls calls;

    SystemApi(EngineCalls calls) {
        this.calls = calls;
    }

    /** Unversioned {@code /_ping}: works whatever API version the engine speaks. */
    public PingResult ping() {
        try (HttpResponse response = calls.send(HttpRequest.get("/_ping"), "Ping")) {
            response.readAllBytes();
            return new PingResult(response.header("API-Version"), response.header("OSType"),
                    "true".equals(response.header("Docker-Experimental")), response.header("Server"));
        } catch (IOException e) {
            throw EngineErrors.translate(e, calls.endpoint());
        }
    }

    /** {@code /version}, unversioned too: it is how we learn which version to speak. */
    public VersionInfo version() {
        return calls.json(HttpRequest.get("/version"), EngineCalls.type(VersionInfo.class), "Reading the engine version");
    }

    public SystemInfo info() {
        return calls.get("/info", SystemInfo.class, "Reading engine information");
    }

    /** Disk usage of images, containers and volumes; the engine computes it, which can take seconds. */
    public DiskUsage diskUsage() {
        return calls.json(HttpRequest.get(calls.path("/system/df" + Query.of().add("verbose", true))).withReadTimeout(Duration.ofMinutes(5)),
                EngineCalls.type(DiskUsage.class), "Reading disk usage");
    }

    /**
     * The images of {@code /system/df} (with their shared sizes) in either of its shapes: the plain
     * {@code Images} list up to API 1.51, {@code ImagesDiskUsage.Items} from 1.52 on (the list is gone there).
     */
    public static List<ImageSummary> images(DiskUsage usage) {
        if (usage.images() != null) {
            return usage.images();
        }
        if (usage.imagesDiskUsage() != null && usage.imagesDiskUsage().items() != null) {
            return usage.imagesDiskUsage().items();
        }
        return List.of();
    }

    /** The event stream; stays open (no read timeout) until {@code until} or until closed. */
    public EngineStream<EngineEvent> events(EventsOptions options) {
        Query query = Query.of()
                .add("since", options.since() == null ? null : epoch(options.since()))
                .add("until", options.until() == null ? null : epoch(options.until()))
                .filters(options.filters());
        return calls.jsonStream(HttpRequest.get(calls.path("/events" + query)), EngineEvent.class, "Watching events");
    }

    private static String epoch(Instant instant) {
        return instant.getEpochSecond() + "." + String.format("%09d", instant.getNano());
    }
}
