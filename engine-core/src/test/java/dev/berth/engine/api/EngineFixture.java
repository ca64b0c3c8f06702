package dev.berth.engine.api;

import dev.berth.engine.api.model.ContainerConfig;
import dev.berth.engine.api.model.ContainerCreateRequest;
import dev.berth.engine.api.model.HostConfig;
import dev.berth.testkit.TestEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Per-test-class access to the shared engine: a client, a unique label every created object carries, and
 * clean-up of exactly those objects (the engine is shared with other engineers' tests).
 */
final class EngineFixture implements AutoCloseable {

    static final String LABEL = "berth.test";

    final String runId = UUID.randomUUID().toString().substring(0, 12);
    final EngineClient client;
    private final List<String> images = new ArrayList<>();

    EngineFixture() {
        this(new EngineEndpoint.Unix(TestEngine.socket()));
    }

    EngineFixture(EngineEndpoint endpoint) {
        client = EngineClient.connect(endpoint);
    }

    Map<String, String> labels() {
        return Map.of(LABEL, runId);
    }

    Filters ours() {
        return Filters.none().label(LABEL + "=" + runId);
    }

    String name(String what) {
        return "berth-test-" + what + "-" + runId;
    }

    /** A busybox container running {@code command}, labelled as ours. */
    ContainerCreateRequest busybox(String... command) {
        return ContainerCreateRequest.builder()
                .config(ContainerConfig.builder().image(TestEngine.BUSYBOX_IMAGE).cmd(List.of(command)).labels(labels()).build())
                .hostConfig(HostConfig.builder().build())
                .build();
    }

    String run(String name, String... command) {
        String id = client.containers().create(name(name), busybox(command)).id();
        client.containers().start(id);
        return id;
    }

    void removeImageLater(String image) {
        images.add(image);
    }

    @Override
    public void close() {
        Filters ours = ours();
        try {
            client.containers().list(ContainersApi.ListOptions.allContainers().withFilters(ours))
                    .forEach(c -> quietly(() -> client.containers().remove(c.id(), true, true)));
            client.networks().list(ours).forEach(n -> quietly(() -> client.networks().remove(n.id())));
            client.volumes().list(ours).forEach(v -> quietly(() -> client.volumes().remove(v.name(), true)));
            images.forEach(i -> quietly(() -> client.images().remove(i, true, false)));
            client.images().list(false, ours).forEach(i -> quietly(() -> client.images().remove(i.id(), true, false)));
        } finally {
            client.close();
        }
    }

    static void quietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException ignored) {
            // clean-up is best effort
        }
    }
}
