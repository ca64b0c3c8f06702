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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
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

    /**
     * Keystroke -> echo on the bare session (no terminal widget): one byte written until its echo is read, the
     * like-for-like figure beside {@code docker exec -it} driven on a pty (benchmarks/scripts/docker_exec_tty.py).
     */
    @Test
    void keystrokeEchoOnTheBareSession() throws Exception {
        String container = engine.containers().create(run, ContainerCreateRequest.builder()
                .config(ContainerConfig.builder().image(TestEngine.BUSYBOX_IMAGE).cmd(List.of("sleep", "300"))
                        .labels(Map.of("berth.test", run)).build())
                .hostConfig(HostConfig.builder().build()).build()).id();
        engine.containers().start(container);
        EngineTtyConnector connector = EngineTtyConnector.exec(engine, container, run, List.of("sh"), 80, 24);
        BlockingQueue<String> chunks = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            char[] buffer = new char[1024];
            try {
                for (int n; (n = connector.read(buffer, 0, buffer.length)) >= 0; ) {
                    chunks.add(new String(buffer, 0, n));
                }
            } catch (Exception e) {
                chunks.add("<" + e + ">");
            }
        });
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!seen.toString().contains("# ") && System.nanoTime() < deadline) {
            String chunk = chunks.poll(1, TimeUnit.SECONDS);
            if (chunk != null) {
                seen.append(chunk);
            }
        }
        assertThat(seen.toString()).contains("# ");
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            if (i % 20 == 0 && i > 0) {
                connector.write(new byte[] {0x15});
                Thread.sleep(100);
                chunks.clear();
            }
            long sent = System.nanoTime();
            connector.write("x");
            String echo = chunks.poll(5, TimeUnit.SECONDS);
            while (echo != null && !echo.contains("x")) {
                echo = chunks.poll(5, TimeUnit.SECONDS);
            }
            assertThat(echo).as("echo of keystroke %d", i).isNotNull();
            millis.add((System.nanoTime() - sent) / 1e6);
        }
        connector.close();
        Collections.sort(millis);
        System.out.printf("keystroke->echo on the bare exec TTY session: median %.1f ms, p95 %.1f ms, max %.1f ms (n=%d)%n",
                millis.get(millis.size() / 2), millis.get((int) Math.ceil(millis.size() * 0.95) - 1), millis.getLast(), millis.size());
    }
}
