package dev.berth.app.gui.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.engine.api.ContainersApi;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.api.Filters;
import dev.berth.engine.api.model.ContainerConfig;
import dev.berth.engine.api.model.ContainerCreateRequest;
import dev.berth.engine.api.model.HostConfig;
import dev.berth.testkit.RequiresEngine;
import dev.berth.testkit.TestEngine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The connector alone on a real exec: the end of the stream (the container stopped) reaches read and onEnd. */
@RequiresEngine
class EngineTtyConnectorIT {

    private final String run = "ttyc-" + UUID.randomUUID().toString().substring(0, 8);
    private final EngineClient engine = EngineClient.connect(new EngineEndpoint.Unix(TestEngine.socket()));

    @AfterEach
    void cleanUp() {
        for (var c : engine.containers().list(ContainersApi.ListOptions.allContainers().withFilters(Filters.none().label("berth.test=" + run)))) {
            engine.containers().remove(c.id(), true, false);
        }
        engine.close();
    }

    @Test
    void theStreamEndsWhenTheContainerStops() throws Exception {
        String container = engine.containers().create(run, ContainerCreateRequest.builder()
                .config(ContainerConfig.builder().image(TestEngine.BUSYBOX_IMAGE).cmd(List.of("sleep", "300"))
                        .labels(Map.of("berth.test", run)).build())
                .hostConfig(HostConfig.builder().build()).build()).id();
        engine.containers().start(container);
        EngineTtyConnector connector = EngineTtyConnector.exec(engine, container, run, List.of("sh"), 80, 24);
        CountDownLatch ended = new CountDownLatch(1);
        connector.onEnd(ended::countDown);
        CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> {
            char[] buffer = new char[1024];
            try {
                int n;
                while ((n = connector.read(buffer, 0, buffer.length)) >= 0) {
                    continue; // the prompt, then nothing until the stop
                }
                return n;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, r -> Thread.ofVirtual().start(r));
        Thread.sleep(1500);
        long stopAt = System.nanoTime();
        engine.containers().stop(container, Duration.ofSeconds(1));
        System.out.println("stopped after " + (System.nanoTime() - stopAt) / 1_000_000 + " ms");

        assertThat(reader.get(20, TimeUnit.SECONDS)).isEqualTo(-1);
        assertThat(ended.await(1, TimeUnit.SECONDS)).isTrue();
        System.out.println("read ended " + (System.nanoTime() - stopAt) / 1_000_000 + " ms after the stop began");
    }
}
