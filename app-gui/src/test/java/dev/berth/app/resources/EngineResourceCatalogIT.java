package dev.berth.app.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.engine.api.ContainersApi;
import dev.berth.engine.api.EngineApiException;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.api.Filters;
import dev.berth.engine.api.ImagesApi;
import dev.berth.engine.api.Progress;
import dev.berth.engine.api.model.ContainerConfig;
import dev.berth.engine.api.model.ContainerCreateRequest;
import dev.berth.engine.api.model.HostConfig;
import dev.berth.engine.api.model.Mount;
import dev.berth.engine.api.model.NetworkCreateRequest;
import dev.berth.engine.api.model.VolumeCreateRequest;
import dev.berth.engine.compose.ComposeLabels;
import dev.berth.testkit.RequiresEngine;
import dev.berth.testkit.TestEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog on the real engine. The engine is shared: every object is uniquely named and labelled
 * {@code berth.test=<run>}, prunes are scoped to that label, and clean-up removes exactly what was made.
 */
@RequiresEngine
class EngineResourceCatalogIT {

    private static final String LABEL = "berth.test";

    private final String run = "res-" + UUID.randomUUID().toString().substring(0, 8);
    private final EngineClient engine = EngineClient.connect(new EngineEndpoint.Unix(TestEngine.socket()));
    private final EngineResourceCatalog catalog = new EngineResourceCatalog(() -> engine, Filters.none().label(LABEL + "=" + run));
    private final List<String> containers = new ArrayList<>();
    private final List<String> volumes = new ArrayList<>();
    private final List<String> networks = new ArrayList<>();
    private final List<String> tags = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        containers.forEach(id -> quietly(() -> engine.containers().remove(id, true, false)));
        for (var helper : engine.containers().list(ContainersApi.ListOptions.allContainers().withFilters(VolumeHelper.filter()))) {
            if (volumes.contains(helper.labels().get(VolumeHelper.LABEL))) {
                quietly(() -> engine.containers().remove(helper.id(), true, false));
            }
        }
        volumes.forEach(name -> quietly(() -> engine.volumes().remove(name, true)));
        networks.forEach(name -> quietly(() -> engine.networks().remove(name)));
        tags.forEach(tag -> quietly(() -> engine.images().remove(tag, false, false)));
        engine.close();
    }

    private static void quietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException ignored) {
            // already gone
        }
    }

    private Map<String, String> labels() {
        return Map.of(LABEL, run, ComposeLabels.PROJECT, run);
    }

    private String volume(String suffix) {
        String name = run + "-" + suffix;
        engine.volumes().create(VolumeCreateRequest.builder().name(name).labels(labels()).build());
        volumes.add(name);
        return name;
    }

    /** Creates (and with a command, runs to completion) a busybox container with {@code volume} at /data. */
    private String container(String name, String volume, String script, String network) {
        return container(name, volume, script, network, TestEngine.BUSYBOX_IMAGE);
    }

    private String container(String name, String volume, String script, String network, String image) {
        ContainerConfig.Builder config = ContainerConfig.builder().image(image).labels(Map.of(LABEL, run));
        config.cmd(script == null ? List.of("sleep", "60") : List.of("sh", "-c", script));
        HostConfig.Builder host = HostConfig.builder();
        if (volume != null) {
            host.mounts(List.of(Mount.builder().type("volume").source(volume).target("/data").build()));
        }
        if (network != null) {
            host.networkMode(network);
        }
        String id = engine.containers().create(run + "-" + name, ContainerCreateRequest.builder().config(config.build()).hostConfig(host.build()).build()).id();
        containers.add(id);
        return id;
    }

    /** A volume holding a small tree of files, written by a busybox container that is then removed. */
    private String volumeWithFiles() {
        String volume = volume("data");
        String writer = container("writer", volume, "mkdir -p /data/conf/nested && echo hello > /data/conf/app.ini"
                + " && printf 'a\\nb\\n' > /data/conf/nested/list.txt && head -c 300000 /dev/zero > /data/blob.bin"
                + " && ln -s conf/app.ini /data/current && echo été > '/data/conf/notes d’été.txt'", null);
        engine.containers().start(writer);
        assertThat(engine.containers().waitFor(writer, "not-running").statusCode()).isZero();
        engine.containers().remove(writer, true, false);
        return volume;
    }

    @Test
    void listsVolumesWithProjectUsersAndSizes() {
        String volume = volumeWithFiles();
        String user = container("user", volume, null, null);

        VolumeInfo info = catalog.volumes().stream().filter(v -> v.name().equals(volume)).findFirst().orElseThrow();
        assertThat(info.driver()).isEqualTo("local");
        assertThat(info.project()).isEqualTo(run);
        assertThat(info.usedBy()).containsExactly(run + "-user");
        assertThat(catalog.volumeSizes().get(volume)).isGreaterThanOrEqualTo(300_000L);
        engine.containers().remove(user, true, false);
    }

    @Test
    void browsesAVolumeReadOnlyAndRemovesItsHelperAfterwards() {
        String volume = volumeWithFiles();

        String helper;
        try (VolumeHelper files = (VolumeHelper) catalog.browse(volume)) {
            helper = files.containerId();
            VolumeListing listing = files.list();
            assertThat(listing.entries()).extracting(VolumeEntry::path)
                    .contains("conf", "conf/app.ini", "conf/nested", "conf/nested/list.txt", "blob.bin", "current");
            assertThat(listing.entries()).filteredOn(e -> e.path().equals("blob.bin")).first()
                    .satisfies(e -> assertThat(e.size()).isEqualTo(300_000));
            assertThat(listing.entries()).filteredOn(e -> e.path().equals("current")).first()
                    .satisfies(e -> assertThat(e.linkTarget()).isEqualTo("conf/app.ini"));

            FilePreview text = files.preview("conf/app.ini");
            assertThat(text.binary()).isFalse();
            assertThat(text.text()).isEqualTo("hello\n");

            assertThat(files.preview("conf/notes d’été.txt").text()).isEqualTo("été\n"); // spaces and non-ASCII names

            FilePreview blob = files.preview("blob.bin");
            assertThat(blob.binary()).isTrue();
            assertThat(blob.size()).isEqualTo(300_000);
            assertThat(blob.truncated()).isTrue();

            // the helper does not count as a user of the volume
            assertThat(catalog.volumes()).filteredOn(v -> v.name().equals(volume)).first()
                    .satisfies(v -> assertThat(v.usedBy()).isEmpty());
            // and it never ran: nothing could write to the volume
            assertThat(engine.containers().inspect(helper).state().status()).isEqualTo("created");
        }
        assertThatThrownBy(() -> engine.containers().inspect(helper))
                .isInstanceOfSatisfying(EngineApiException.class, e -> assertThat(e.isNotFound()).isTrue());
    }

    @Test
    void removesHelpersLeftOverByABerthThatWasKilledButNotFreshOnes() {
        String volume = volume("left");
        VolumeHelper fresh = (VolumeHelper) catalog.browse(volume);

        catalog.removeLeftoverHelpers(Duration.ofHours(1), volume);
        assertThat(engine.containers().inspect(fresh.containerId()).state().status()).isEqualTo("created");

        catalog.removeLeftoverHelpers(Duration.ofSeconds(-5), volume); // everything counts as old
        assertThatThrownBy(() -> engine.containers().inspect(fresh.containerId()))
                .isInstanceOfSatisfying(EngineApiException.class, e -> assertThat(e.isNotFound()).isTrue());
        fresh.close(); // gone already: no error
    }

    @Test
    void refusesToRemoveAVolumeInUseThenRemovesItOnceFree() {
        String volume = volume("busy");
        String user = container("holder", volume, null, null);

        assertThatThrownBy(() -> catalog.removeVolume(volume))
                .isInstanceOf(ResourceRefusedException.class)
                .hasMessage("Volume " + volume + " is in use by container " + run + "-holder. Stop and remove that container first.");
        assertThat(engine.volumes().list(Filters.none().name(volume))).isNotEmpty();

        engine.containers().remove(user, true, false);
        VolumeFiles open = catalog.browse(volume); // a helper left open does not block the removal
        catalog.removeVolume(volume);

        assertThat(catalog.volumes()).noneMatch(v -> v.name().equals(volume));
        open.close(); // already gone with the volume: no error
    }

    @Test
    void prunesOnlyUnusedVolumesAndSaysWhatItReclaimed() {
        String used = volume("kept");
        String unused = volumeWithFiles();
        container("keeper", used, null, null);

        PruneResult result = catalog.pruneVolumes();

        assertThat(result.removed()).containsExactly(unused);
        assertThat(result.reclaimedBytes()).isGreaterThanOrEqualTo(300_000L);
        assertThat(catalog.volumes()).extracting(VolumeInfo::name).contains(used).doesNotContain(unused);
    }

    @Test
    void listsInspectsAndRemovesNetworksRefusingPredefinedAndInUseOnes() {
        String name = run + "-net";
        String id = engine.networks().create(NetworkCreateRequest.builder().name(name).driver("bridge").labels(labels()).build());
        networks.add(name);
        String member = container("member", null, null, name);
        engine.containers().start(member);

        NetworkInfo info = catalog.networks().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
        assertThat(info.id()).isEqualTo(id);
        assertThat(info.driver()).isEqualTo("bridge");
        assertThat(info.scope()).isEqualTo("local");
        assertThat(info.subnets()).isNotEmpty();
        assertThat(info.project()).isEqualTo(run);
        assertThat(info.containers()).containsExactly(run + "-member");
        assertThat(catalog.inspectNetwork(id)).containsEntry("Name", name).containsKey("IPAM");

        NetworkInfo bridge = catalog.networks().stream().filter(n -> n.name().equals("bridge")).findFirst().orElseThrow();
        assertThatThrownBy(() -> catalog.removeNetwork(bridge)).isInstanceOf(ResourceRefusedException.class).hasMessageContaining("predefined");
        assertThatThrownBy(() -> catalog.removeNetwork(info)).isInstanceOf(ResourceRefusedException.class)
                .hasMessage("Network " + name + " has container " + run + "-member attached. Stop or disconnect it first.");

        engine.containers().remove(member, true, false);
        catalog.removeNetwork(info);
        assertThat(catalog.networks()).noneMatch(n -> n.name().equals(name));
    }

    @Test
    void prunesUnusedNetworks() {
        String name = run + "-idle";
        engine.networks().create(NetworkCreateRequest.builder().name(name).driver("bridge").labels(labels()).build());
        networks.add(name);

        assertThat(catalog.pruneNetworks().removed()).containsExactly(name);
    }

    /** Builds a one-layer image FROM busybox carrying this run's label, tagged {@code tag}; returns its id. */
    private String build(Path context, String tag, String marker) throws IOException {
        Files.writeString(context.resolve("Dockerfile"), "FROM %s\nLABEL marker=%s\n".formatted(TestEngine.BUSYBOX_IMAGE, marker));
        tags.add(tag);
        Progress.await(engine.images().build(ImagesApi.BuildOptions.of(context, tag).withLabels(Map.of(LABEL, run))), "build", m -> { });
        return engine.images().inspect(tag).id();
    }

    /**
     * A 3-step image (COPY, RUN, ENV) FROM busybox and a child FROM it: Berth's steps are {@code docker
     * history}'s, oldest first, with the same commands, sizes and times; the ENV step is empty; the child's
     * base is the parent and the parent's layers are shared with it.
     */
    @Test
    void layersOfALocallyBuiltImageMatchDockerHistory(@TempDir Path context) throws Exception {
        String parent = "berth-test/" + run + ":layers";
        String child = "berth-test/" + run + ":child";
        Files.writeString(context.resolve("hello.txt"), "hello from " + run + "\n");
        Files.writeString(context.resolve("Dockerfile"), "FROM %s\nCOPY hello.txt /hello.txt\nRUN echo %s > /made && cat /hello.txt >> /made\nENV STEP=three\n"
                .formatted(TestEngine.BUSYBOX_IMAGE, run));
        tags.add(parent);
        Progress.await(engine.images().build(ImagesApi.BuildOptions.of(context, parent).withLabels(Map.of(LABEL, run))), "build", m -> { });
        Files.writeString(context.resolve("Dockerfile"), "FROM %s\nRUN echo child > /child\n".formatted(parent));
        tags.addFirst(child);
        Progress.await(engine.images().build(ImagesApi.BuildOptions.of(context, child).withLabels(Map.of(LABEL, run))), "build", m -> { });

        ImageInfo row = catalog.images().stream().filter(i -> parent.equals(i.tag())).findFirst().orElseThrow();
        ImageLayers layers = catalog.imageLayers(row);

        List<String[]> docker = dockerHistory(parent);
        assertThat(layers.steps()).hasSize(docker.size());
        for (int i = 0; i < docker.size(); i++) {
            ImageLayers.Step step = layers.steps().get(i);
            String[] expected = docker.get(i);
            assertThat(step.command()).as("step %d", i).isEqualTo(expected[0].strip());
            assertThat(step.size()).as("size of %s", step.command()).isEqualTo(Long.parseLong(expected[1]));
            assertThat(step.created()).as("created of %s", step.command()).isEqualTo(Instant.parse(expected[2]));
        }
        // the engine appends the build's labels as a last LABEL step
        ImageLayers.Step copy = step(layers, "COPY file:");
        assertThat(copy.empty()).isFalse();
        assertThat(step(layers, "echo " + run).empty()).isFalse();
        assertThat(step(layers, "ENV STEP=three").empty()).isTrue();
        assertThat(step(layers, "LABEL").empty()).isTrue();
        List<String> rootFs = engine.images().inspect(parent).rootFs().layers();
        assertThat(layers.layers()).extracting(ImageLayers.Step::diffId).containsExactlyElementsOf(rootFs);
        assertThat(layers.totalSize()).isEqualTo(engine.images().inspect(parent).size());
        assertThat(layers.baseImage()).isEqualTo(TestEngine.BUSYBOX_IMAGE);
        assertThat(layers.layers()).allSatisfy(step -> assertThat(step.sharedWith()).contains(child));
        assertThat(layers.uniqueSize()).isZero(); // every layer of the parent is the child's too

        ImageLayers ofChild = catalog.imageLayers(catalog.images().stream().filter(i -> child.equals(i.tag())).findFirst().orElseThrow());
        assertThat(ofChild.baseImage()).isEqualTo(parent);
        ImageLayers.Step own = ofChild.layers().getLast();
        assertThat(own.command()).contains("echo child");
        assertThat(own.sharedWith()).isEmpty();
        assertThat(ofChild.uniqueSize()).isEqualTo(own.size());
    }

    private static ImageLayers.Step step(ImageLayers layers, String containing) {
        return layers.steps().stream().filter(s -> s.command().contains(containing)).reduce((a, b) -> b).orElseThrow();
    }

    /** {@code docker history}'s rows, oldest first: created-by, size in bytes, created (RFC 3339). */
    private static List<String[]> dockerHistory(String image) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("docker", "-H", "unix://" + TestEngine.socket(), "history", "--no-trunc", "--human=false",
                "--format", "{{.CreatedBy}}\t{{.Size}}\t{{.CreatedAt}}", image).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(out).isZero();
        List<String[]> rows = new ArrayList<>(out.lines().map(line -> line.split("\t")).toList());
        Collections.reverse(rows);
        return rows;
    }

    @Test
    void listsInspectsAndRemovesImagesRefusingOnesInUseUnlessForced(@TempDir Path context) throws IOException {
        String tag = "berth-test/" + run + ":one";
        String id = build(context, tag, "one");
        String user = container("image-user", null, "true", null, tag);

        ImageInfo row = catalog.images().stream().filter(i -> tag.equals(i.tag())).findFirst().orElseThrow();
        assertThat(row.id()).isEqualTo(id);
        assertThat(row.allTags()).containsExactly(tag);
        assertThat(row.size()).isPositive();
        assertThat(row.created()).isNotNull();
        assertThat(row.usedBy()).containsExactly(run + "-image-user");
        assertThat(catalog.inspectImage(row.id())).containsEntry("Id", row.id()).containsKey("RootFS");

        assertThatThrownBy(() -> catalog.removeImage(row, false)).isInstanceOf(ResourceRefusedException.class)
                .hasMessageStartingWith("Image " + tag + " is used by container " + run + "-image-user. Remove that container first");

        catalog.removeImage(row, true);
        assertThat(catalog.images()).noneMatch(i -> tag.equals(i.tag()));
        engine.containers().remove(user, true, false);
    }

    @Test
    void untaggingOneOfSeveralTagsLeavesTheImageAndItsOtherTags(@TempDir Path context) throws IOException {
        String first = "berth-test/" + run + ":first";
        String second = "berth-test/" + run + ":second";
        String id = build(context, first, "two");
        engine.images().tag(first, second);
        tags.add(second);
        container("second-user", null, "true", null, second);

        ImageInfo row = catalog.images().stream().filter(i -> first.equals(i.tag())).findFirst().orElseThrow();
        assertThat(row.removesImage()).isFalse();
        catalog.removeImage(row, false); // in use, but only a name goes

        assertThat(catalog.images()).noneMatch(i -> first.equals(i.tag()));
        assertThat(catalog.images()).anyMatch(i -> second.equals(i.tag()) && i.id().equals(id));
    }

    @Test
    void prunesDanglingImagesInItsScopeAndSaysWhatItReclaimed(@TempDir Path context) throws IOException {
        String tag = "berth-test/" + run + ":moving";
        String old = build(context, tag, "old");
        build(context, tag, "new"); // takes the tag: the old image is dangling now

        ImageInfo dangling = catalog.images().stream().filter(i -> i.id().equals(old)).findFirst().orElseThrow();
        assertThat(dangling.dangling()).isTrue();
        assertThat(dangling.displayName()).isEqualTo("<none>:<none>");

        PruneResult result = catalog.pruneImages();
        assertThat(result.removed()).anySatisfy(removed -> assertThat(removed).isEqualTo(old));
        assertThat(catalog.images()).noneMatch(i -> i.id().equals(old));
    }
}
