package dev.berth.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.engine.api.model.ImageInspect;
import dev.berth.engine.api.model.ProgressMessage;
import dev.berth.testkit.RequiresEngine;
import dev.berth.testkit.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@RequiresEngine
class ImagesApiIT {

    static EngineFixture engine;
    static ImagesApi images;

    @BeforeAll
    static void connect() {
        engine = new EngineFixture();
        images = engine.client.images();
    }

    @AfterAll
    static void cleanUp() {
        engine.close();
    }

    @Test
    void listsAndInspectsTheTestImage() {
        assertThat(images.list(false, Filters.none().with("reference", TestEngine.BUSYBOX_IMAGE)))
                .anySatisfy(i -> assertThat(i.repoTags()).contains(TestEngine.BUSYBOX_IMAGE));
        ImageInspect inspect = images.inspect(TestEngine.BUSYBOX_IMAGE);
        assertThat(inspect.id()).startsWith("sha256:");
        assertThat(inspect.os()).isEqualTo("linux");
        assertThat(inspect.rootFs().layers()).isNotEmpty();
    }

    @Test
    void tagsAndUntagsWithoutTouchingTheOriginal() {
        String tag = "berth-test/tagged-" + engine.runId + ":v1";
        images.tag(TestEngine.BUSYBOX_IMAGE, tag);
        assertThat(images.inspect(tag).id()).isEqualTo(images.inspect(TestEngine.BUSYBOX_IMAGE).id());
        assertThat(images.remove(tag, false, false)).anySatisfy(item -> assertThat(item.untagged()).contains(tag));
        assertThat(images.inspect(TestEngine.BUSYBOX_IMAGE)).isNotNull();
    }

    @Test
    void buildsFromAContextHonouringDockerignoreAndStreamsOutput(@TempDir Path context) throws Exception {
        Files.writeString(context.resolve("Dockerfile"), """
                FROM %s
                COPY . /ctx/
                RUN ls -R /ctx
                LABEL stage=test
                """.formatted(TestEngine.BUSYBOX_IMAGE));
        Files.writeString(context.resolve(".dockerignore"), "secret*\nlogs/\n!logs/keep.log\n");
        Files.writeString(context.resolve("app.txt"), "app");
        Files.writeString(context.resolve("secret.key"), "do not send");
        Files.createDirectories(context.resolve("logs"));
        Files.writeString(context.resolve("logs/drop.log"), "x");
        Files.writeString(context.resolve("logs/keep.log"), "y");
        String tag = "berth-test/built-" + engine.runId + ":latest";
        engine.removeImageLater(tag);
        List<String> output = new ArrayList<>();
        ProgressMessage last = Progress.await(images.build(ImagesApi.BuildOptions.of(context, tag).withLabels(engine.labels())),
                "build", m -> {
                    if (m.stream() != null) {
                        output.add(m.stream());
                    }
                });
        String all = String.join("", output);
        assertThat(all).contains("app.txt").contains("keep.log").doesNotContain("secret.key").doesNotContain("drop.log");
        assertThat(last).isNotNull();
        assertThat(images.inspect(tag).config().labels()).containsEntry("stage", "test").containsEntry(EngineFixture.LABEL, engine.runId);
    }

    @Test
    void reportsABuildFailureWithTheEnginesMessage(@TempDir Path context) throws Exception {
        Files.writeString(context.resolve("Dockerfile"), "FROM %s\nRUN exit 7\n".formatted(TestEngine.BUSYBOX_IMAGE));
        assertThatThrownBy(() -> Progress.await(images.build(ImagesApi.BuildOptions.of(context, "berth-test/fails-" + engine.runId)
                        .withLabels(engine.labels())), "Building", m -> {}))
                .isInstanceOf(EngineApiException.class)
                .hasMessageContaining("returned a non-zero code: 7");
        // The failed step's container is removed too (forcerm), not left behind exited.
        assertThat(engine.client.containers().list(ContainersApi.ListOptions.allContainers()))
                .noneMatch(c -> c.command() != null && c.command().contains("exit 7") && "exited".equals(c.state()));
    }

    @Test
    void failsToInspectAMissingImageWithNotFound() {
        assertThatThrownBy(() -> images.inspect("berth-test/does-not-exist-" + engine.runId))
                .isInstanceOfSatisfying(EngineApiException.class, e -> assertThat(e.isNotFound()).isTrue());
    }

    @Test
    void prunesOnlyUnusedImagesCarryingOurLabel(@TempDir Path context) throws Exception {
        Files.writeString(context.resolve("Dockerfile"), "FROM %s\nLABEL prune=me\n".formatted(TestEngine.BUSYBOX_IMAGE));
        String tag = "berth-test/prune-" + engine.runId + ":latest";
        Progress.await(images.build(ImagesApi.BuildOptions.of(context, tag).withLabels(Map.of(EngineFixture.LABEL, engine.runId))), "build", m -> {});
        String id = images.inspect(tag).id();
        PruneReport report = images.prune(engine.ours(), false);
        assertThat(report.deleted()).anySatisfy(d -> assertThat(d).contains(tag.replace(":latest", "")).isNotNull());
        assertThatThrownBy(() -> images.inspect(id)).isInstanceOf(EngineApiException.class);
        assertThat(images.inspect(TestEngine.BUSYBOX_IMAGE)).isNotNull();
    }
}
