package dev.berth.engine.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The transport test kit: every {@link Transport} runs these same HTTP behaviours against a
 * {@link ScriptedHttpServer}. A subclass says how to start the server and reach it.
 */
abstract class TransportContract {

    protected ScriptedHttpServer server;
    protected HttpClient client;

    protected abstract ScriptedHttpServer startServer() throws Exception;

    protected abstract Transport transportTo(ScriptedHttpServer server) throws Exception;

    @BeforeEach
    void start() throws Exception {
        server = startServer();
        client = new HttpClient(transportTo(server), new HttpClient.Options(Duration.ofSeconds(5), Duration.ofSeconds(10), 4));
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
    }

    private String text(HttpResponse response) throws Exception {
        return new String(response.readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void readsAContentLengthBody() throws Exception {
        HttpResponse response = client.send(HttpRequest.get("/hello"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(text(response)).isEqualTo("hello");
    }

    @Test
    void reusesOneConnectionForSequentialRequests() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(text(client.send(HttpRequest.get("/hello")))).isEqualTo("hello");
        }
        assertThat(client.connectionsOpened()).isEqualTo(1);
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void readsAnEmptyResponseAndKeepsTheConnection() throws Exception {
        HttpResponse response = client.send(HttpRequest.of("POST", "/empty"));
        assertThat(response.status()).isEqualTo(204);
        assertThat(text(response)).isEmpty();
        assertThat(text(client.send(HttpRequest.get("/hello")))).isEqualTo("hello");
        assertThat(client.connectionsOpened()).isEqualTo(1);
    }

    @Test
    void decodesChunksWithExtensionsAndTrailersAsTheyArrive() throws Exception {
        HttpResponse response = client.send(HttpRequest.get("/chunked"));
        InputStream body = response.body();
        byte[] first = new byte[100];
        int n = body.read(first);
        assertThat(new String(first, 0, n, StandardCharsets.UTF_8)).isEqualTo("one\n");
        assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("two\nthree\n");
        response.close();
        assertThat(text(client.send(HttpRequest.get("/hello")))).isEqualTo("hello");
        assertThat(client.connectionsOpened()).isEqualTo(1);
    }

    @Test
    void sendsAStreamedBodyChunked() throws Exception {
        HttpRequest request = HttpRequest.of("POST", "/echo-body").withStreamedBody("text/plain", out -> {
            for (int i = 0; i < 3; i++) {
                out.write(("part" + i).getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        });
        assertThat(text(client.send(request))).isEqualTo("got 15:part0part1part2");
    }

    @Test
    void sendsAFixedBodyWithContentLength() throws Exception {
        assertThat(text(client.send(HttpRequest.of("POST", "/echo-body").withJsonBody("{\"a\":1}".getBytes(StandardCharsets.UTF_8)))))
                .isEqualTo("got 7:{\"a\":1}");
    }

    @Test
    void returnsErrorStatusesWithTheirBody() throws Exception {
        HttpResponse response = client.send(HttpRequest.get("/error"));
        assertThat(response.status()).isEqualTo(404);
        assertThat(text(response)).contains("No such container");
    }

    @Test
    void opensANewConnectionAfterConnectionClose() throws Exception {
        assertThat(text(client.send(HttpRequest.get("/close")))).isEqualTo("bye");
        assertThat(text(client.send(HttpRequest.get("/hello")))).isEqualTo("hello");
        assertThat(client.connectionsOpened()).isEqualTo(2);
    }

    @Test
    void retriesOnceWhenThePooledConnectionWasDroppedByTheServer() throws Exception {
        assertThat(text(client.send(HttpRequest.get("/drop-after")))).isEqualTo("dropped later");
        Thread.sleep(300);
        assertThat(text(client.send(HttpRequest.get("/hello")))).isEqualTo("hello");
    }

    @Test
    void aRetryOpensAFreshConnectionWhenEveryPooledOneWasDropped() throws Exception {
        // Two responses open at once: two connections, both pooled afterwards, both dropped by the server.
        HttpResponse first = client.send(HttpRequest.get("/drop-after"));
        HttpResponse second = client.send(HttpRequest.get("/drop-after"));
        assertThat(text(first)).isEqualTo("dropped later");
        assertThat(text(second)).isEqualTo("dropped later");
        assertThat(client.connectionsOpened()).isEqualTo(2);
        Thread.sleep(300);
        assertThat(text(client.send(HttpRequest.get("/hello")))).isEqualTo("hello");
        assertThat(client.connectionsOpened()).isEqualTo(3);
    }

    @Test
    void timesOutASilentEngine() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> client.send(HttpRequest.get("/slow").withReadTimeout(Duration.ofMillis(300))).readAllBytes())
                .isInstanceOf(SocketTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void closingAStreamFromAnotherThreadUnblocksTheReader() throws Exception {
        HttpResponse response = client.send(HttpRequest.get("/endless").withReadTimeout(Duration.ZERO));
        InputStream body = response.body();
        CountDownLatch firstTick = new CountDownLatch(1);
        List<Throwable> failures = new ArrayList<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            byte[] buffer = new byte[64];
            try {
                while (body.read(buffer) > 0) {
                    firstTick.countDown();
                }
            } catch (Exception e) {
                failures.add(e); // expected: the connection was closed under it
            }
        });
        assertThat(firstTick.await(5, TimeUnit.SECONDS)).isTrue();
        response.close();
        reader.join(Duration.ofSeconds(5));
        assertThat(reader.isAlive()).isFalse();
    }

    @Test
    void upgradesToARawBidirectionalStream() throws Exception {
        HttpResponse response = client.upgrade(HttpRequest.of("POST", "/upgrade"));
        assertThat(response.status()).isEqualTo(101);
        UpgradedStream stream = response.upgraded();
        assertThat(stream).isNotNull();
        OutputStream out = stream.output();
        out.write("hello engine".getBytes(StandardCharsets.UTF_8));
        out.flush();
        byte[] echoed = stream.input().readNBytes("HELLO ENGINE".length());
        assertThat(new String(echoed, StandardCharsets.UTF_8)).isEqualTo("HELLO ENGINE");
        if (supportsHalfClose()) {
            stream.closeOutput();
            assertThat(new String(stream.input().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("EOF-SEEN");
        }
        stream.close();
    }

    /** TLS cannot half-close portably. */
    protected boolean supportsHalfClose() {
        return true;
    }

    @Test
    void servesConcurrentRequestsOnSeparateConnections() throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<String> answers = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 8; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    answers.add(text(client.send(HttpRequest.get("/hello"))));
                } catch (Exception e) {
                    answers.add(e.toString());
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(answers).hasSize(8).containsOnly("hello");
    }
}
