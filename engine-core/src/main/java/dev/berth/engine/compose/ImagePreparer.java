package dev.berth.engine.compose;

import dev.berth.compose.model.BuildSpec;
import dev.berth.compose.model.Project;
import dev.berth.compose.model.ServiceSpec;
import dev.berth.engine.api.DockerCredentials;
import dev.berth.engine.api.EngineApiException;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.ImagesApi.BuildOptions;
import dev.berth.engine.api.RegistryAuth;
import dev.berth.engine.api.model.ProgressMessage;
import dev.berth.engine.compose.progress.ProgressEvent;
import dev.berth.engine.compose.progress.ProgressListener;
import dev.berth.engine.compose.progress.ResourceKind;
import dev.berth.engine.stream.EngineStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Makes sure every service's image is on the engine before containers are planned: pulled according to
 * {@code pull_policy} (with per-layer progress), or built from {@code build:} (tagged {@code image:} or
 * {@code <project>-<service>}). Returns the image id each service will run, which the planner compares
 * with the running containers' images.
 */
final class ImagePreparer {

    private final EngineClient engine;
    private final Project project;
    private final ProgressListener progress;

    ImagePreparer(EngineClient engine, Project project, ProgressListener progress) {
        this.engine = engine;
        this.project = project;
        this.progress = progress;
    }

    /**
     * The image id per service. Distinct images are prepared at once, as Compose v2 does (inspections are
     * round trips, pulls wait on a registry); services sharing an image share its preparation, done as for
     * the one that builds it if any does.
     */
    Map<String, String> prepare(List<String> services, UpOptions options) {
        Map<String, String> imageOfService = new LinkedHashMap<>();
        Map<String, ServiceSpec> representativeOfImage = new LinkedHashMap<>();
        for (String name : services) {
            ServiceSpec service = project.services().get(name);
            if (service != null) {
                String image = ContainerRequests.imageOf(project, service);
                imageOfService.put(name, image);
                // A service that builds the image speaks for it: the others that only name it must not pull it.
                representativeOfImage.merge(image, service, (chosen, other) -> chosen.build() == null && other.build() != null ? other : chosen);
            }
        }
        Map<String, String> idByImage = new HashMap<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Map<String, Future<String>> preparing = new LinkedHashMap<>();
            representativeOfImage.forEach((image, service) ->
                    preparing.put(image, threads.submit(() -> prepare(service, image, options))));
            RuntimeException failure = null;
            for (Map.Entry<String, Future<String>> entry : preparing.entrySet()) {
                try {
                    idByImage.put(entry.getKey(), BackgroundResults.join(entry.getValue(), "preparing images"));
                } catch (RuntimeException e) {
                    failure = failure == null ? e : failure; // the first one in the file's order, after all finished
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
        Map<String, String> imageIds = new HashMap<>();
        imageOfService.forEach((service, image) -> imageIds.put(service, idByImage.get(image)));
        return imageIds;
    }

    private String prepare(ServiceSpec service, String image, UpOptions options) {
        String policy = service.pullPolicy() == null ? "missing" : service.pullPolicy();
        String existing = imageId(image);
        boolean canBuild = service.build() != null && !options.noBuild();
        if (canBuild && (options.build() || policy.equals("build") || existing == null)) {
            build(service, image);
            return imageId(image);
        }
        boolean pull = !options.pullNever() && (options.pullAlways() || policy.equals("always")
                || (existing == null && !policy.equals("never") && service.build() == null));
        if (pull) {
            pull(service, image);
            return imageId(image);
        }
        if (existing == null) {
            String why = service.build() != null ? "it has a build section but --no-build was given"
                    : options.pullNever() ? "--pull never was given" : "pull_policy is never";
            throw new ComposeException("service " + service.name() + ": image " + image + " is not on the engine and " + why);
        }
        return existing;
    }

    private String imageId(String image) {
        try {
            return engine.images().inspect(image).id();
        } catch (EngineApiException e) {
            if (e.isNotFound()) {
                return null;
            }
            throw e;
        }
    }

    void pull(ServiceSpec service, String image) {
        progress.onEvent(ProgressEvent.working(ResourceKind.IMAGE, image, service.name(), "Pulling"));
        Map<String, long[]> layers = new LinkedHashMap<>();
        RegistryAuth auth;
        try {
            auth = DockerCredentials.fromEnvironment().forImage(image);
        } catch (DockerCredentials.CredentialsException e) {
            progress.onEvent(ProgressEvent.error(ResourceKind.IMAGE, image, service.name(), "Error", e.getMessage()));
            throw new ComposeException("service " + service.name() + ": pulling " + image + " failed: " + e.getMessage(), e);
        }
        try (EngineStream<ProgressMessage> stream = engine.images().pull(image, auth)) {
            for (ProgressMessage message : stream) {
                if (message.error() != null || message.errorDetail() != null) {
                    String error = message.error() != null ? message.error() : message.errorDetail().message();
                    progress.onEvent(ProgressEvent.error(ResourceKind.IMAGE, image, service.name(), "Error", error));
                    throw new ComposeException("service " + service.name() + ": pulling " + image + " failed: " + error);
                }
                if (message.id() != null && message.progressDetail() != null && message.progressDetail().total() != null) {
                    layers.put(message.id(), new long[] {orZero(message.progressDetail().current()), message.progressDetail().total()});
                    long current = layers.values().stream().mapToLong(layer -> layer[0]).sum();
                    long total = layers.values().stream().mapToLong(layer -> layer[1]).sum();
                    progress.onEvent(ProgressEvent.working(ResourceKind.IMAGE, image, service.name(), "Pulling")
                            .withProgress(current, total));
                }
            }
        } catch (EngineApiException e) {
            progress.onEvent(ProgressEvent.error(ResourceKind.IMAGE, image, service.name(), "Error", e.engineMessage()));
            throw new ComposeException("service " + service.name() + ": pulling " + image + " failed: " + e.engineMessage(), e);
        }
        progress.onEvent(ProgressEvent.done(ResourceKind.IMAGE, image, service.name(), "Pulled"));
    }

    void build(ServiceSpec service, String image) {
        BuildSpec build = service.build();
        progress.onEvent(ProgressEvent.working(ResourceKind.IMAGE, image, service.name(), "Building"));
        Path context = Path.of(build.context() == null ? "." : build.context());
        if (!context.isAbsolute() && project.workingDir() != null) {
            context = project.workingDir().resolve(context);
        }
        BuildOptions options = new BuildOptions(context, build.dockerfile() == null ? "Dockerfile" : build.dockerfile(),
                List.of(image), build.args(), build.labels(), build.target(), false, false, build.network(),
                build.platforms().isEmpty() ? null : build.platforms().getFirst());
        Map<String, RegistryAuth> registries;
        try {
            registries = DockerCredentials.fromEnvironment().all();
        } catch (DockerCredentials.CredentialsException e) {
            progress.onEvent(ProgressEvent.error(ResourceKind.IMAGE, image, service.name(), "Error", e.getMessage()));
            throw new ComposeException("service " + service.name() + ": building " + image + " failed: " + e.getMessage(), e);
        }
        Deque<String> tail = new ArrayDeque<>();
        try (EngineStream<ProgressMessage> stream = engine.images().build(options, registries)) {
            for (ProgressMessage message : stream) {
                if (message.error() != null || message.errorDetail() != null) {
                    String error = message.error() != null ? message.error() : message.errorDetail().message();
                    progress.onEvent(ProgressEvent.error(ResourceKind.IMAGE, image, service.name(), "Error", error.strip()));
                    throw new ComposeException("service " + service.name() + ": building " + image + " failed: " + error.strip()
                            + (tail.isEmpty() ? "" : "\n" + String.join("\n", tail)));
                }
                if (message.stream() != null && !message.stream().isBlank()) {
                    String line = message.stream().strip();
                    tail.addLast(line);
                    if (tail.size() > 10) {
                        tail.removeFirst();
                    }
                    progress.onEvent(new ProgressEvent(ResourceKind.IMAGE, image, service.name(),
                            ProgressEvent.Status.WORKING, "Building", line, -1, -1, null));
                }
            }
        } catch (EngineApiException e) {
            progress.onEvent(ProgressEvent.error(ResourceKind.IMAGE, image, service.name(), "Error", e.engineMessage()));
            throw new ComposeException("service " + service.name() + ": building " + image + " failed: " + e.engineMessage(), e);
        } catch (UncheckedIOException e) {
            throw new ComposeException("service " + service.name() + ": cannot read the build context " + context + ": "
                    + e.getMessage(), e);
        }
        progress.onEvent(ProgressEvent.done(ResourceKind.IMAGE, image, service.name(), "Built"));
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
