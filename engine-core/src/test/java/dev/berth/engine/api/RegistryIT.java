package dev.berth.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.engine.api.model.ProgressMessage;
import dev.berth.testkit.RequiresEngine;
import dev.berth.testkit.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Push and pull with progress against a real local registry. */
@RequiresEngine
class RegistryIT {

    static EngineFixture engine;
    static LocalRegistry registry;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(LocalRegistry.BINARY) || TestEngine.underCi(), "docker-registry is not installed");
        engine = new EngineFixture();
        registry = new LocalRegistry();
    }

    @AfterAll
    static void stop() throws Exception {
        if (registry != null) {
            registry.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void pushesThenPullsBackWithPerLayerProgress(@TempDir Path context) throws Exception {
        ImagesApi images = engine.client.images();
        String remote = registry.address() + "/berth-test/layered-" + engine.runId + ":v1";
        // A layer of its own (half a megabyte of noise), so the pull really downloads something.
        Files.writeString(context.resolve("Dockerfile"), "FROM %s\nRUN dd if=/dev/urandom of=/blob bs=1024 count=512\n"
                .formatted(TestEngine.BUSYBOX_IMAGE));
        Progress.await(images.build(ImagesApi.BuildOptions.of(context, remote).withLabels(engine.labels())), "build", m -> {});
        String built = images.inspect(remote).id();
        engine.removeImageLater(remote);

        List<ProgressMessage> pushed = new ArrayList<>();
        Progress.await(images.push(remote, null), "push", pushed::add);
        assertThat(pushed).anySatisfy(m -> assertThat(m.status()).isIn("Pushed", "Layer already exists"));
        assertThat(pushed).anySatisfy(m -> assertThat(m.aux()).containsKey("Digest"));

        images.remove(remote, false, false);
        assertThatThrownBy(() -> images.inspect(remote)).isInstanceOf(EngineApiException.class);

        List<ProgressMessage> pulled = new ArrayList<>();
        Progress.await(images.pull(remote, RegistryAuth.anonymous()), "pull", pulled::add);
        assertThat(pulled).filteredOn(m -> m.id() != null && m.id().matches("[0-9a-f]{12}"))
                .extracting(ProgressMessage::status).contains("Pull complete");
        assertThat(pulled).anySatisfy(m -> assertThat(m.progressDetail() == null ? null : m.progressDetail().total()).isPositive());
        assertThat(pulled.getLast().status()).contains("Downloaded newer image for " + remote);
        assertThat(images.inspect(remote).id()).isEqualTo(built);
    }

    @Test
    void reportsAPullOfAMissingImageAsAnError() {
        String missing = registry.address() + "/berth-test/missing-" + engine.runId + ":v1";
        assertThatThrownBy(() -> Progress.await(engine.client.images().pull(missing, null), "Pulling " + missing, m -> {}))
                .isInstanceOf(EngineApiException.class)
                .hasMessageContaining("not found");
    }
}
