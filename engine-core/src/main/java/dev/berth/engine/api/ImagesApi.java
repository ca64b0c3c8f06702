package dev.berth.engine.api;

import dev.berth.engine.api.model.ImageDeleteItem;
import dev.berth.engine.api.model.ImageHistoryItem;
import dev.berth.engine.api.model.ImageInspect;
import dev.berth.engine.api.model.ImageSummary;
import dev.berth.engine.api.model.ProgressMessage;
import dev.berth.engine.build.BuildContext;
import dev.berth.engine.stream.EngineStream;
import dev.berth.engine.transport.HttpRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Image operations. Pull, push and build stream their progress as {@link ProgressMessage}s. */
public final class ImagesApi {

    /** What to build: the context directory, the Dockerfile within it, and the usual build flags. */
    public record BuildOptions(Path contextDir, String dockerfile, List<String> tags, Map<String, String> buildArgs,
                               Map<String, String> labels, String target, boolean pull, boolean noCache,
                               String network, String platform) {
        public static BuildOptions of(Path contextDir, String tag) {
            return new BuildOptions(contextDir, "Dockerfile", List.of(tag), Map.of(), Map.of(), null, false, false, null, null);
        }

        public BuildOptions withLabels(Map<String, String> newLabels) {
            return new BuildOptions(contextDir, dockerfile, tags, buildArgs, newLabels, target, pull, noCache, network, platform);
        }

        public BuildOptions withBuildArgs(Map<String, String> newArgs) {
            return new BuildOptions(contextDir, dockerfile, tags, newArgs, labels, target, pull, noCache, network, platform);
        }
    }

    private final EngineCalls calls;

    ImagesApi(EngineCalls calls) {
        this.calls = calls;
    }

    public List<ImageSummary> list(boolean all, Filters filters) {
        return calls.getList("/images/json" + Query.of().add("all", all).filters(filters), ImageSummary.class, "Listing images");
    }

    public ImageInspect inspect(String name) {
        return calls.get("/images/" + name + "/json", ImageInspect.class, "Inspecting image " + name);
    }

    /**
     * {@code docker history}: the image's build steps, newest first, with the size each step's layer adds
     * (0 for a step that made no layer: ENV, CMD, LABEL…). Entries that are local images carry their id and tags.
     */
    public List<ImageHistoryItem> history(String name) {
        return calls.getList("/images/" + name + "/history", ImageHistoryItem.class, "Reading the history of image " + name);
    }

    /** The image's inspect document as the engine sent it, every field kept: for showing, not for logic. */
    public Map<String, Object> inspectDocument(String name) {
        return calls.json(HttpRequest.get(calls.path("/images/" + name + "/json")), EngineCalls.type(Map.class),
                "Inspecting image " + name);
    }

    /**
     * Pulls {@code image} ({@code name[:tag]} or {@code name@digest}); per-layer progress arrives as messages
     * with an {@code id} (the layer) and {@code progressDetail}. An error arrives as a message with
     * {@code error} set — {@link Progress#throwIfFailed} turns it into an exception.
     */
    public EngineStream<ProgressMessage> pull(String image, RegistryAuth auth) {
        Reference ref = Reference.parse(image);
        HttpRequest request = HttpRequest.of("POST", calls.path("/images/create"
                        + Query.of().add("fromImage", ref.repository()).add("tag", ref.tagOrDigest())))
                .withHeader("X-Registry-Auth", (auth == null ? RegistryAuth.anonymous() : auth).header());
        return calls.jsonStream(request, ProgressMessage.class, "Pulling " + image);
    }

    public EngineStream<ProgressMessage> push(String image, RegistryAuth auth) {
        Reference ref = Reference.parse(image);
        HttpRequest request = HttpRequest.of("POST", calls.path("/images/" + ref.repository() + "/push"
                        + Query.of().add("tag", ref.tagOrDigest())))
                .withHeader("X-Registry-Auth", (auth == null ? RegistryAuth.anonymous() : auth).header());
        return calls.jsonStream(request, ProgressMessage.class, "Pushing " + image);
    }

    /** Tags {@code source} as {@code target} ({@code repo[:tag]}). */
    public void tag(String source, String target) {
        Reference ref = Reference.parse(target);
        calls.call("POST", "/images/" + source + "/tag" + Query.of().add("repo", ref.repository()).add("tag", ref.tagOrDigest()),
                null, "Tagging " + source + " as " + target);
    }

    public List<ImageDeleteItem> remove(String name, boolean force, boolean noPrune) {
        return calls.json(HttpRequest.of("DELETE", calls.path("/images/" + name + Query.of().add("force", force).add("noprune", noPrune))),
                EngineCalls.listOf(ImageDeleteItem.class), "Removing image " + name);
    }

    /**
     * Builds from a context directory, streamed as tar (honouring {@code .dockerignore}) while the engine
     * reads it. Output lines arrive in {@code stream}; the new image id in {@code aux.ID}; failures as
     * {@code error}.
     */
    public EngineStream<ProgressMessage> build(BuildOptions options) {
        return build(options, Map.of());
    }

    /**
     * {@link #build(BuildOptions)} with the credentials of private registries its {@code FROM} images come from,
     * sent as {@code X-Registry-Config} (keyed by registry, as {@link DockerCredentials#all()} gives them).
     */
    public EngineStream<ProgressMessage> build(BuildOptions options, Map<String, RegistryAuth> registries) {
        BuildContext context;
        try {
            context = new BuildContext(options.contextDir(), options.dockerfile());
        } catch (IOException e) {
            throw new EngineException("Cannot read the build context " + options.contextDir() + ": " + e.getMessage(), e);
        }
        Query query = Query.of().add("dockerfile", options.dockerfile()).add("target", options.target())
                .add("pull", options.pull() ? true : null).add("nocache", options.noCache() ? true : null)
                .add("networkmode", options.network()).add("platform", options.platform()).add("rm", true)
                // a failed step's container too: otherwise every failed build leaves an exited container behind
                .add("forcerm", true);
        for (String tag : options.tags()) {
            query.add("t", tag);
        }
        if (!options.buildArgs().isEmpty()) {
            query.add("buildargs", EngineJson.MAPPER.writeValueAsString(options.buildArgs()));
        }
        if (!options.labels().isEmpty()) {
            query.add("labels", EngineJson.MAPPER.writeValueAsString(options.labels()));
        }
        HttpRequest request = HttpRequest.of("POST", calls.path("/build" + query))
                .withStreamedBody("application/x-tar", context::writeTar);
        if (!registries.isEmpty()) {
            request = request.withHeader("X-Registry-Config", RegistryAuth.configHeader(registries));
        }
        return calls.jsonStream(request, ProgressMessage.class, "Building " + options.tags());
    }

    /** Removes unused images matching the filters ({@code danglingOnly} false: all unused, like {@code -a}). */
    public PruneReport prune(Filters filters, boolean danglingOnly) {
        Filters given = filters == null ? Filters.none() : filters;
        if (!danglingOnly && calls.podman()) {
            // Podman's compatible endpoint adds dangling=true itself and rejects a second, different value.
            JsonNode node = calls.tree(HttpRequest.of("POST", PodmanCompat.LIBPOD_IMAGE_PRUNE + Query.of().add("all", true).filters(given))
                    .withReadTimeout(Duration.ofMinutes(5)), "Pruning images");
            return PodmanCompat.libpodPruneReport(node);
        }
        // Dangling only is both engines' default: say dangling=false only when asking for more.
        Filters sent = danglingOnly ? given : given.with("dangling", "false");
        JsonNode node = calls.tree(HttpRequest.of("POST", calls.path("/images/prune" + Query.of().filters(sent)))
                .withReadTimeout(Duration.ofMinutes(5)), "Pruning images");
        return ContainersApi.report(node, "ImagesDeleted");
    }

    /** {@code name[:tag]} split where the engine wants it (a registry port is not a tag). */
    record Reference(String repository, String tagOrDigest) {
        static Reference parse(String image) {
            int at = image.indexOf('@');
            if (at >= 0) {
                return new Reference(image.substring(0, at), image.substring(at + 1));
            }
            int colon = image.lastIndexOf(':');
            if (colon > image.lastIndexOf('/')) {
                return new Reference(image.substring(0, colon), image.substring(colon + 1));
            }
            return new Reference(image, "latest");
        }
    }
}
