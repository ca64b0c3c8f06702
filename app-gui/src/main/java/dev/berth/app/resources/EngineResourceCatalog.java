package dev.berth.app.resources;

import dev.berth.engine.api.ApiVersion;
import dev.berth.engine.api.ContainersApi.ListOptions;
import dev.berth.engine.api.EngineApiException;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.Filters;
import dev.berth.engine.api.PruneReport;
import dev.berth.engine.api.SystemApi;
import dev.berth.engine.api.model.ContainerSummary;
import dev.berth.engine.api.model.EndpointSettings;
import dev.berth.engine.api.model.ImageInspect;
import dev.berth.engine.api.model.ImageSummary;
import dev.berth.engine.api.model.IpamPool;
import dev.berth.engine.api.model.MountPoint;
import dev.berth.engine.api.model.Network;
import dev.berth.engine.api.model.Volume;
import dev.berth.engine.compose.ComposeLabels;
import dev.berth.engine.compose.ContainerState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * {@link ResourceCatalog} on the Engine API. "Used by" comes from one container listing per call (the
 * engine's volume and image listings do not say). Berth's own browse helpers ({@link VolumeHelper}) never
 * count as users: they are removed with the volume.
 */
public final class EngineResourceCatalog implements ResourceCatalog {

    private static final int DF_ATTEMPTS = 6;
    private static final long DF_RETRY_MILLIS = 250;

    private final Supplier<EngineClient> client;
    private final Filters pruneScope;
    private final Map<String, List<String>> rootFsCache = new ConcurrentHashMap<>();

    /** @param client the connected engine's client; throws when there is none */
    public EngineResourceCatalog(Supplier<EngineClient> client) {
        this(client, Filters.none());
    }

    /**
     * @param pruneScope filters every prune also applies (tests limit pruning to what they created: the
     *                   engine may be shared); {@link Filters#none()} prunes everything unused
     */
    public EngineResourceCatalog(Supplier<EngineClient> client, Filters pruneScope) {
        this.client = Objects.requireNonNull(client);
        this.pruneScope = Objects.requireNonNull(pruneScope);
    }

    private EngineClient engine() {
        return client.get();
    }

    // ---- volumes ------------------------------------------------------------------------------------------------

    @Override
    public List<VolumeInfo> volumes() {
        EngineClient engine = engine();
        List<Volume> volumes = engine.volumes().list(Filters.none());
        Map<String, List<String>> users = volumeUsers(engine.containers().list(ListOptions.allContainers()));
        List<VolumeInfo> rows = new ArrayList<>(volumes.size());
        for (Volume volume : volumes) {
            long size = volume.usageData() == null || volume.usageData().size() == null ? -1 : volume.usageData().size();
            rows.add(new VolumeInfo(volume.name(), volume.driver(), size, users.getOrDefault(volume.name(), List.of()),
                    project(volume.labels()), volume.createdAt(), volume.mountpoint(), volume.labels()));
        }
        rows.sort(Comparator.comparing(VolumeInfo::name));
        return rows;
    }

    /**
     * The engine runs one disk-usage walk at a time and refuses a second one meanwhile ("a disk usage
     * operation is already running"): another client, or another Berth pane, may be asking. Wait for it.
     */
    @Override
    public Map<String, Long> volumeSizes() {
        return diskUsageCall(() -> engine().volumes().sizes());
    }

    private static <T> T diskUsageCall(Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (EngineApiException e) {
                boolean busy = e.engineMessage() != null && e.engineMessage().contains("already running");
                if (!busy || attempt == DF_ATTEMPTS) {
                    throw e;
                }
                try {
                    Thread.sleep(DF_RETRY_MILLIS * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    static Map<String, List<String>> volumeUsers(List<ContainerSummary> containers) {
        Map<String, List<String>> users = new LinkedHashMap<>();
        for (ContainerSummary container : containers) {
            if (VolumeHelper.isHelper(container.labels()) || container.mounts() == null) {
                continue;
            }
            for (MountPoint mount : container.mounts()) {
                if ("volume".equals(mount.type()) && mount.name() != null) {
                    users.computeIfAbsent(mount.name(), k -> new ArrayList<>()).add(name(container));
                }
            }
        }
        return users;
    }

    @Override
    public void removeVolume(String name) {
        EngineClient engine = engine();
        List<ContainerSummary> using = engine.containers().list(ListOptions.allContainers().withFilters(Filters.none().with("volume", name)));
        List<String> others = new ArrayList<>();
        for (ContainerSummary container : using) {
            if (VolumeHelper.isHelper(container.labels())) {
                removeHelper(engine, container.id()); // ours, never started: safe to drop
            } else {
                others.add(name(container));
            }
        }
        if (!others.isEmpty()) {
            throw new ResourceRefusedException("Volume " + name + " is in use by " + containersPhrase(others)
                    + ". Stop and remove " + (others.size() == 1 ? "that container" : "those containers") + " first.");
        }
        try {
            engine.volumes().remove(name, false);
        } catch (EngineApiException e) {
            if (e.isConflict()) {
                throw new ResourceRefusedException("Volume " + name + " is in use: " + e.engineMessage(), e);
            }
            throw e;
        }
    }

    @Override
    public PruneResult pruneVolumes() {
        EngineClient engine = engine();
        // Our own idle helpers would keep their volumes "in use"; they are never needed once a view closed them.
        for (ContainerSummary helper : engine.containers().list(ListOptions.allContainers().withFilters(VolumeHelper.filter()))) {
            if (ContainerState.of(helper.state()) != ContainerState.RUNNING) {
                removeHelper(engine, helper.id());
            }
        }
        // From API 1.42 the engine prunes only anonymous volumes unless asked for all; the confirmation
        // lists every unused volume, so ask for all (1.41 engines always prune all and reject the filter).
        Filters scope = engine.apiVersion().isAtLeast(ApiVersion.parse("1.42")) ? pruneScope.with("all", "true") : pruneScope;
        return result(engine.volumes().prune(scope));
    }

    /**
     * Removes browse helpers older than {@code age}: ones a Berth that was killed could not remove. A
     * helper in use by a running Berth is younger (it lives while one volume is shown) or is simply
     * recreated by it on its next browse.
     */
    public int removeLeftoverHelpers(Duration age) {
        return removeLeftoverHelpers(age, VolumeHelper.filter());
    }

    /** {@link #removeLeftoverHelpers(java.time.Duration)} for the helpers of one volume only. */
    public int removeLeftoverHelpers(Duration age, String volume) {
        return removeLeftoverHelpers(age, Filters.none().label(VolumeHelper.LABEL + "=" + volume));
    }

    private int removeLeftoverHelpers(Duration age, Filters helpers) {
        EngineClient engine = engine();
        long cutoff = Instant.now().minus(age).getEpochSecond();
        int removed = 0;
        for (ContainerSummary helper : engine.containers().list(ListOptions.allContainers().withFilters(helpers))) {
            if (helper.created() != null && helper.created() < cutoff && ContainerState.of(helper.state()) != ContainerState.RUNNING) {
                removeHelper(engine, helper.id());
                removed++;
            }
        }
        return removed;
    }

    /** Removes a browse helper; one already gone, or being removed by its view, is fine. */
    private static void removeHelper(EngineClient engine, String id) {
        try {
            engine.containers().remove(id, true, false);
        } catch (EngineApiException e) {
            if (!e.isNotFound() && !e.isConflict()) {
                throw e;
            }
        }
    }

    @Override
    public VolumeFiles browse(String volume) {
        return VolumeHelper.open(engine(), volume);
    }

    // ---- networks -----------------------------------------------------------------------------------------------

    @Override
    public List<NetworkInfo> networks() {
        EngineClient engine = engine();
        List<Network> networks = engine.networks().list(Filters.none());
        Map<String, List<String>> attached = new LinkedHashMap<>();
        for (ContainerSummary container : engine.containers().list(ListOptions.allContainers())) {
            if (container.networkSettings() == null || container.networkSettings().networks() == null) {
                continue;
            }
            for (Map.Entry<String, EndpointSettings> endpoint : container.networkSettings().networks().entrySet()) {
                String key = endpoint.getValue() != null && endpoint.getValue().networkId() != null
                        ? endpoint.getValue().networkId() : endpoint.getKey();
                attached.computeIfAbsent(key, k -> new ArrayList<>()).add(name(container));
                if (!key.equals(endpoint.getKey())) {
                    attached.computeIfAbsent(endpoint.getKey(), k -> new ArrayList<>()).add(name(container));
                }
            }
        }
        List<NetworkInfo> rows = new ArrayList<>(networks.size());
        for (Network network : networks) {
            List<String> subnets = new ArrayList<>();
            if (network.ipam() != null && network.ipam().config() != null) {
                for (IpamPool pool : network.ipam().config()) {
                    if (pool.subnet() != null) {
                        subnets.add(pool.subnet());
                    }
                }
            }
            List<String> containers = attached.getOrDefault(network.id(), attached.getOrDefault(network.name(), List.of()));
            rows.add(new NetworkInfo(network.id(), network.name(), network.driver(), network.scope(), subnets,
                    containers.stream().distinct().toList(), project(network.labels()), Boolean.TRUE.equals(network.internal())));
        }
        rows.sort(Comparator.comparing(NetworkInfo::name));
        return rows;
    }

    @Override
    public Map<String, Object> inspectNetwork(String id) {
        return engine().networks().inspectDocument(id);
    }

    @Override
    public void removeNetwork(NetworkInfo network) {
        if (network.predefined()) {
            throw new ResourceRefusedException("Network " + network.name() + " is one of the engine's predefined networks "
                    + "(bridge, host, none); it cannot be removed.");
        }
        EngineClient engine = engine();
        Network current = engine.networks().inspect(network.id());
        if (current.containers() != null && !current.containers().isEmpty()) {
            List<String> names = current.containers().values().stream().map(c -> c.name() == null ? "?" : c.name()).sorted().toList();
            throw new ResourceRefusedException("Network " + network.name() + " has " + containersPhrase(names)
                    + " attached. Stop or disconnect " + (names.size() == 1 ? "it" : "them") + " first.");
        }
        try {
            engine.networks().remove(network.id());
        } catch (EngineApiException e) {
            if (e.status() == 403 || e.isConflict()) {
                throw new ResourceRefusedException("Network " + network.name() + " cannot be removed: " + e.engineMessage(), e);
            }
            throw e;
        }
    }

    @Override
    public PruneResult pruneNetworks() {
        return result(engine().networks().prune(pruneScope));
    }

    // ---- images -------------------------------------------------------------------------------------------------

    @Override
    public List<ImageInfo> images() {
        EngineClient engine = engine();
        List<ImageSummary> images = engine.images().list(false, Filters.none());
        Map<String, List<String>> users = new LinkedHashMap<>();
        for (ContainerSummary container : engine.containers().list(ListOptions.allContainers())) {
            if (container.imageId() != null && !VolumeHelper.isHelper(container.labels())) {
                users.computeIfAbsent(container.imageId(), k -> new ArrayList<>()).add(name(container));
            }
        }
        List<ImageInfo> rows = new ArrayList<>(images.size());
        for (ImageSummary image : images) {
            List<String> tags = image.repoTags() == null ? List.of()
                    : image.repoTags().stream().filter(tag -> !"<none>:<none>".equals(tag)).toList();
            long size = image.size() == null ? -1 : image.size();
            Instant created = image.created() == null ? null : Instant.ofEpochSecond(image.created());
            List<String> usedBy = users.getOrDefault(image.id(), List.of());
            if (tags.isEmpty()) {
                rows.add(new ImageInfo(image.id(), null, tags, size, created, usedBy));
            }
            for (String tag : tags) {
                rows.add(new ImageInfo(image.id(), tag, tags, size, created, usedBy));
            }
        }
        rows.sort(Comparator.comparing(ImageInfo::displayName));
        return rows;
    }

    /**
     * History for the steps, every local image's RootFS for what is shared (cached by image id: an image's
     * layers never change), {@code /system/df}'s shared size for the unique size (the engine's own figure).
     */
    @Override
    public ImageLayers imageLayers(ImageInfo image) {
        EngineClient engine = engine();
        List<ImageLayers.HistoryEntry> history = engine.images().history(image.id()).stream()
                .map(h -> new ImageLayers.HistoryEntry(h.createdBy(), h.size() == null ? 0 : h.size(),
                        h.created() == null ? null : Instant.ofEpochSecond(h.created()), h.comment()))
                .toList();
        List<ImageLayers.LocalImage> locals = new ArrayList<>();
        for (ImageSummary other : engine.images().list(false, Filters.none())) {
            List<String> layers = rootFs(engine, other.id());
            if (layers != null) {
                locals.add(new ImageLayers.LocalImage(other.id(), displayName(other), layers));
            }
        }
        List<String> own = rootFs(engine, image.id());
        long shared = -1;
        try {
            shared = diskUsageCall(() -> SystemApi.images(engine.system().diskUsage())).stream()
                    .filter(i -> image.id().equals(i.id()) && i.sharedSize() != null && i.sharedSize() >= 0)
                    .mapToLong(ImageSummary::sharedSize).findFirst().orElse(-1);
        } catch (EngineApiException e) {
            // the shared size is then computed from the layers: the same rule, without the engine's word
        }
        return ImageLayers.of(image.id(), image.displayName(), history, own == null ? List.of() : own, locals, shared);
    }

    /** The image's RootFS diff ids, or null when it is gone (removed between listing and asking). */
    private List<String> rootFs(EngineClient engine, String id) {
        List<String> cached = rootFsCache.get(id);
        if (cached != null) {
            return cached;
        }
        try {
            ImageInspect inspect = engine.images().inspect(id);
            List<String> layers = inspect.rootFs() == null || inspect.rootFs().layers() == null ? List.of()
                    : List.copyOf(inspect.rootFs().layers());
            rootFsCache.put(id, layers);
            return layers;
        } catch (EngineApiException e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }

    private static String displayName(ImageSummary image) {
        if (image.repoTags() != null) {
            for (String tag : image.repoTags()) {
                if (!"<none>:<none>".equals(tag)) {
                    return tag;
                }
            }
        }
        String hex = image.id().startsWith("sha256:") ? image.id().substring(7) : image.id();
        return hex.substring(0, Math.min(12, hex.length()));
    }

    @Override
    public Map<String, Object> inspectImage(String id) {
        return engine().images().inspectDocument(id);
    }

    @Override
    public void removeImage(ImageInfo image, boolean force) {
        // Untagging one of several tags never affects containers; deleting the image does.
        if (!force && image.inUse() && image.removesImage()) {
            throw new ResourceRefusedException("Image " + image.displayName() + " is used by " + containersPhrase(image.usedBy())
                    + ". Remove " + (image.usedBy().size() == 1 ? "that container" : "those containers")
                    + " first, or force the removal (the image is untagged; its containers keep running).");
        }
        try {
            // By tag: only this row goes; the image (and its layers) only when this was its last tag.
            engine().images().remove(image.reference(), force, false);
        } catch (EngineApiException e) {
            if (e.isConflict()) {
                throw new ResourceRefusedException("Image " + image.displayName() + " cannot be removed: " + e.engineMessage()
                        + (force ? "" : ". Force the removal to remove it anyway."), e);
            }
            throw e;
        }
    }

    @Override
    public PruneResult pruneImages() {
        return result(engine().images().prune(pruneScope, true));
    }

    // ---- shared -------------------------------------------------------------------------------------------------

    private static PruneResult result(PruneReport report) {
        return new PruneResult(report.deleted(), report.spaceReclaimed());
    }

    static String name(ContainerSummary container) {
        if (container.names() == null || container.names().isEmpty()) {
            return container.id().substring(0, Math.min(12, container.id().length()));
        }
        String name = container.names().getFirst();
        return name.startsWith("/") ? name.substring(1) : name;
    }

    private static String project(Map<String, String> labels) {
        return labels == null ? null : labels.get(ComposeLabels.PROJECT);
    }

    /** "container web-1", "containers web-1 and db-1", "containers a, b, c and 4 more". */
    static String containersPhrase(List<String> names) {
        if (names.size() == 1) {
            return "container " + names.getFirst();
        }
        List<String> shown = names.subList(0, Math.min(3, names.size()));
        String list = names.size() <= 3
                ? String.join(", ", shown.subList(0, shown.size() - 1)) + " and " + shown.getLast()
                : String.join(", ", shown) + " and " + (names.size() - 3) + " more";
        return "containers " + list;
    }
}
