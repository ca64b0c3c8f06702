package dev.berth.engine.api;

import dev.berth.engine.api.model.ContainerCreateRequest;
import dev.berth.engine.api.model.ContainerCreateResponse;
import dev.berth.engine.api.model.ContainerInspect;
import dev.berth.engine.api.model.ContainerStats;
import dev.berth.engine.api.model.ContainerSummary;
import dev.berth.engine.api.model.ContainerWaitResponse;
import dev.berth.engine.api.model.TopResult;
import dev.berth.engine.stream.DecodingStream;
import dev.berth.engine.stream.EngineStream;
import dev.berth.engine.stream.HijackedSession;
import dev.berth.engine.stream.LogDecoder;
import dev.berth.engine.stream.OutputLine;
import dev.berth.engine.transport.HttpRequest;
import dev.berth.engine.transport.HttpResponse;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Container operations: one method per engine call. Ids may be full ids, short ids or names. */
public final class ContainersApi {

    /** {@code all} includes stopped containers; {@code size} asks for sizes (slow). */
    public record ListOptions(boolean includeStopped, boolean size, Integer limit, Filters filters) {
        public static ListOptions running() {
            return new ListOptions(false, false, null, Filters.none());
        }

        public static ListOptions allContainers() {
            return new ListOptions(true, false, null, Filters.none());
        }

        public ListOptions withFilters(Filters newFilters) {
            return new ListOptions(includeStopped, size, limit, newFilters);
        }
    }

    /**
     * What to read: {@code follow} keeps the stream open for new output; {@code tail} null means all lines;
     * {@code tty} null means "ask the engine" (one inspect) to choose between raw and multiplexed decoding.
     */
    public record LogsOptions(boolean follow, boolean stdout, boolean stderr, Instant since, Instant until,
                              boolean timestamps, String tail, Boolean tty) {
        public static LogsOptions everything() {
            return new LogsOptions(false, true, true, null, null, false, null, null);
        }

        public LogsOptions following() {
            return new LogsOptions(true, stdout, stderr, since, until, timestamps, tail, tty);
        }

        public LogsOptions withTimestamps() {
            return new LogsOptions(follow, stdout, stderr, since, until, true, tail, tty);
        }

        public LogsOptions withTail(int lines) {
            return new LogsOptions(follow, stdout, stderr, since, until, timestamps, Integer.toString(lines), tty);
        }

        public LogsOptions withTty(boolean isTty) {
            return new LogsOptions(follow, stdout, stderr, since, until, timestamps, tail, isTty);
        }
    }

    /** Which streams an attach session carries; {@code logs} replays earlier output first. */
    public record AttachOptions(boolean stdin, boolean stdout, boolean stderr, boolean logs) {
        public static AttachOptions output() {
            return new AttachOptions(false, true, true, false);
        }

        public static AttachOptions interactive() {
            return new AttachOptions(true, true, true, false);
        }
    }

    private final EngineCalls calls;

    ContainersApi(EngineCalls calls) {
        this.calls = calls;
    }

    public List<ContainerSummary> list(ListOptions options) {
        Query query = Query.of().add("all", options.includeStopped()).add("size", options.size() ? true : null)
                .add("limit", options.limit()).filters(options.filters());
        return calls.getList("/containers/json" + query, ContainerSummary.class, "Listing containers");
    }

    public ContainerInspect inspect(String id) {
        return calls.get("/containers/" + Query.segment(id) + "/json", ContainerInspect.class, "Inspecting container " + id);
    }

    /** The container's inspect document as the engine sent it, every field kept: for showing, not for logic. */
    public Map<String, Object> inspectDocument(String id) {
        return calls.json(HttpRequest.get(calls.path("/containers/" + Query.segment(id) + "/json")),
                EngineCalls.type(Map.class), "Inspecting container " + id);
    }

    /** Creates a container; {@code name} may be null for an engine-chosen name. */
    public ContainerCreateResponse create(String name, ContainerCreateRequest request) {
        return calls.post("/containers/create" + Query.of().add("name", name), request, ContainerCreateResponse.class,
                "Creating container " + (name == null ? "" : name));
    }

    /** Starts; starting a running container is not an error (the engine answers 304). */
    public void start(String id) {
        calls.call("POST", "/containers/" + Query.segment(id) + "/start", null, "Starting container " + id);
    }

    /** Stops with SIGTERM, then SIGKILL after {@code timeout} (null: the container's own stop timeout). */
    public void stop(String id, Duration timeout) {
        calls.call("POST", "/containers/" + Query.segment(id) + "/stop" + Query.of().add("t", seconds(timeout)),
                blockingTimeout(timeout), "Stopping container " + id);
    }

    public void restart(String id, Duration timeout) {
        calls.call("POST", "/containers/" + Query.segment(id) + "/restart" + Query.of().add("t", seconds(timeout)),
                blockingTimeout(timeout), "Restarting container " + id);
    }

    /** Sends a signal (null: SIGKILL). */
    public void kill(String id, String signal) {
        calls.call("POST", "/containers/" + Query.segment(id) + "/kill" + Query.of().add("signal", signal), null,
                "Killing container " + id);
    }

    /** Resizes the container's TTY (run/attach on a terminal); the engine answers an error when it has none. */
    public void resize(String id, int height, int width) {
        calls.call("POST", "/containers/" + Query.segment(id) + "/resize" + Query.of().add("h", height).add("w", width), null,
                "Resizing container " + id);
    }

    public void pause(String id) {
        calls.call("POST", "/containers/" + Query.segment(id) + "/pause", null, "Pausing container " + id);
    }

    public void unpause(String id) {
        calls.call("POST", "/containers/" + Query.segment(id) + "/unpause", null, "Unpausing container " + id);
    }

    /** Removes; {@code force} kills a running container first, {@code volumes} removes its anonymous volumes. */
    public void remove(String id, boolean force, boolean volumes) {
        calls.call("DELETE", "/containers/" + Query.segment(id) + Query.of().add("force", force).add("v", volumes),
                null, "Removing container " + id);
    }

    /**
     * Blocks until the container reaches {@code condition} ("not-running", "next-exit", "removed"; null:
     * not-running) and returns how it ended. No read timeout: it may wait as long as the container runs.
     */
    public ContainerWaitResponse waitFor(String id, String condition) {
        return calls.json(HttpRequest.of("POST", calls.path("/containers/" + Query.segment(id) + "/wait"
                        + Query.of().add("condition", condition))).withReadTimeout(Duration.ZERO),
                EngineCalls.type(ContainerWaitResponse.class), "Waiting for container " + id);
    }

    public void rename(String id, String newName) {
        calls.call("POST", "/containers/" + Query.segment(id) + "/rename" + Query.of().add("name", newName), null,
                "Renaming container " + id);
    }

    /** Processes in the container ({@code psArgs} null: the engine's default {@code -ef}). */
    public TopResult top(String id, String psArgs) {
        return PodmanCompat.splitPsColumns(calls.get("/containers/" + Query.segment(id) + "/top" + Query.of().add("ps_args", psArgs),
                TopResult.class, "Listing processes of " + id));
    }

    /** Log lines, demultiplexed into stdout/stderr (or raw for TTY containers), read as they are consumed. */
    public EngineStream<OutputLine> logs(String id, LogsOptions options) {
        boolean tty = options.tty() != null ? options.tty()
                : Boolean.TRUE.equals(inspect(id).config().tty());
        Query query = Query.of().add("follow", options.follow()).add("stdout", options.stdout())
                .add("stderr", options.stderr()).add("timestamps", options.timestamps() ? true : null)
                // seconds.nanoseconds, as the docker CLI sends them: a re-follow from a line's own timestamp
                .add("since", options.since() == null ? null : epoch(options.since()))
                .add("until", options.until() == null ? null : epoch(options.until()))
                .add("tail", options.tail());
        HttpResponse response = calls.send(HttpRequest.get(calls.path("/containers/" + Query.segment(id) + "/logs" + query))
                .withReadTimeout(options.follow() ? Duration.ZERO : null), "Reading logs of " + id);
        return new DecodingStream<>(new LogDecoder(response.body(), !tty, options.timestamps()), response,
                e -> EngineErrors.translate(e, calls.endpoint()));
    }

    /** Live resource samples, about one per second (Podman 4: one per five seconds), until closed. */
    public EngineStream<ContainerStats> stats(String id) {
        return calls.jsonStream(HttpRequest.get(calls.path("/containers/" + Query.segment(id) + "/stats?stream=1")),
                ContainerStats.class, "Reading stats of " + id);
    }

    /**
     * One sample with its previous CPU reading filled in, so {@link StatsCalculator} can compute CPU %. The
     * engine takes about a second to collect the two readings.
     */
    public ContainerStats statsOnce(String id) {
        ContainerStats sample = readStatsOnce(id);
        if (PodmanCompat.hasPreviousReading(sample)) {
            return sample;
        }
        // Podman 4 answers at once with an empty previous reading: take the second reading ourselves.
        try {
            Thread.sleep(PodmanCompat.STATS_GAP.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return sample;
        }
        return PodmanCompat.withPrevious(readStatsOnce(id), sample);
    }

    private ContainerStats readStatsOnce(String id) {
        return calls.json(HttpRequest.get(calls.path("/containers/" + Query.segment(id) + "/stats?stream=0")),
                EngineCalls.type(ContainerStats.class), "Reading stats of " + id);
    }

    /** Attaches to the container's stdio over a hijacked connection. */
    public HijackedSession attach(String id, AttachOptions options) {
        boolean tty = Boolean.TRUE.equals(inspect(id).config().tty());
        Query query = Query.of().add("stream", true).add("stdin", options.stdin()).add("stdout", options.stdout())
                .add("stderr", options.stderr()).add("logs", options.logs());
        HttpResponse response = calls.upgrade(HttpRequest.of("POST", calls.path("/containers/" + Query.segment(id) + "/attach" + query))
                .withReadTimeout(Duration.ZERO), "Attaching to " + id);
        if (response.upgraded() == null) {
            response.close();
            throw new EngineException("Attaching to " + id + " failed: the engine did not switch to a raw stream (HTTP " + response.status() + ")");
        }
        return new HijackedSession(response.upgraded(), tty, e -> EngineErrors.translate(e, calls.endpoint()));
    }

    /** A tar archive of {@code path} in the container; close the stream when done. */
    public InputStream archive(String id, String path) {
        HttpResponse response = calls.send(HttpRequest.get(calls.path("/containers/" + Query.segment(id) + "/archive"
                + Query.of().add("path", path))), "Copying " + path + " from " + id);
        return response.body();
    }

    /** Extracts a tar archive into directory {@code path} of the container; the tar is streamed. */
    public void putArchive(String id, String path, InputStream tar) {
        putArchive(id, path, tar, false);
    }

    /**
     * Extracts a tar archive into directory {@code path}; {@code copyOwnership} asks the engine to give the
     * files the uid/gid of the tar headers mapped for the container ({@code docker cp -a}), otherwise root.
     */
    public void putArchive(String id, String path, InputStream tar, boolean copyOwnership) {
        Query query = Query.of().add("path", path);
        if (copyOwnership) {
            query.add("copyUIDGID", true);
        }
        HttpRequest request = HttpRequest.of("PUT", calls.path("/containers/" + Query.segment(id) + "/archive" + query))
                .withStreamedBody("application/x-tar", tar::transferTo);
        calls.bytes(request, "Copying into " + path + " of " + id);
    }

    /**
     * Stats {@code path} in the container without reading it ({@code HEAD …/archive}); symlinks are not
     * followed. A missing path throws an {@link EngineApiException} whose {@code isNotFound()} is true.
     */
    public ContainerPathStat stat(String id, String path) {
        String what = "Looking at " + path + " in " + id;
        try (HttpResponse response = calls.send(HttpRequest.of("HEAD", calls.path("/containers/" + Query.segment(id) + "/archive"
                + Query.of().add("path", path))), what)) {
            String header = response.header("X-Docker-Container-Path-Stat");
            if (header == null) {
                throw new EngineException(what + " failed: the engine sent no X-Docker-Container-Path-Stat header");
            }
            JsonNode node = EngineJson.MAPPER.readTree(Base64.getDecoder().decode(header.strip()));
            String modified = node.path("mtime").asString(null);
            String link = node.path("linkTarget").asString("");
            return new ContainerPathStat(node.path("name").asString(""), node.path("size").asLong(0), node.path("mode").asLong(0),
                    modified == null ? null : OffsetDateTime.parse(modified).toInstant(), link.isEmpty() ? null : link);
        } catch (IllegalArgumentException | JacksonException | DateTimeParseException e) {
            throw new EngineException(what + " failed: the engine's path stat could not be read (" + e.getMessage() + ")", e);
        }
    }

    /** Removes stopped containers matching the filters (use label filters: the engine may be shared). */
    public PruneReport prune(Filters filters) {
        JsonNode node = calls.tree(calls.jsonRequest("POST", "/containers/prune" + Query.of().filters(filters), null),
                "Pruning containers");
        return report(node, "ContainersDeleted");
    }

    static PruneReport report(JsonNode node, String listField) {
        List<String> deleted = new ArrayList<>();
        JsonNode list = node.get(listField);
        if (list != null && list.isArray()) {
            for (JsonNode item : list) {
                if (item.isString()) {
                    deleted.add(item.asString());
                } else {
                    JsonNode d = item.get("Deleted");
                    JsonNode u = item.get("Untagged");
                    deleted.add(d != null && !d.isNull() ? d.asString() : u == null ? item.toString() : u.asString());
                }
            }
        }
        JsonNode space = node.get("SpaceReclaimed");
        return new PruneReport(deleted, space == null ? 0 : space.asLong());
    }

    private static String epoch(Instant instant) {
        return instant.getEpochSecond() + "." + String.format("%09d", instant.getNano());
    }

    private static Long seconds(Duration timeout) {
        return timeout == null ? null : timeout.toSeconds();
    }

    private static Duration blockingTimeout(Duration stopTimeout) {
        return (stopTimeout == null ? Duration.ofSeconds(10) : stopTimeout).plusSeconds(60);
    }
}
