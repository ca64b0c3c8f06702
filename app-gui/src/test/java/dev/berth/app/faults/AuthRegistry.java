package dev.berth.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.engine.api.EngineApiException;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.api.Progress;
import dev.berth.engine.api.RegistryAuth;
import dev.berth.testkit.TestEngine;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * A real registry (Debian's {@code docker-registry}) on 127.0.0.1 with htpasswd auth (bcrypt by BouncyCastle, so
 * apache2-utils is not needed), holding one image pushed with the right credentials, whose local tag is removed
 * so the next pull really asks the registry. The engine treats 127.0.0.0/8 registries as insecure: plain HTTP.
 */
final class AuthRegistry implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/docker-registry");

    private final Process process;
    private final int port;
    private final EngineClient engine;
    private final String image;

    AuthRegistry(Path dir, String user, String secret) throws Exception {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        Files.writeString(dir.resolve("htpasswd"), user + ":" + OpenBSDBCrypt.generate("2a", secret.toCharArray(), salt, 6) + "\n");
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Files.writeString(dir.resolve("registry.yml"), """
                version: 0.1
                log:
                  level: warn
                storage:
                  filesystem:
                    rootdirectory: %s
                http:
                  addr: 127.0.0.1:%d
                auth:
                  htpasswd:
                    realm: berth-test
                    path: %s
                """.formatted(dir.resolve("data"), port, dir.resolve("htpasswd")));
        process = new ProcessBuilder(BINARY.toString(), "serve", dir.resolve("registry.yml").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (status() != 401) {
            assertThat(System.nanoTime() < deadline && process.isAlive()).as(Files.readString(dir.resolve("registry.log"))).isTrue();
            Thread.sleep(100);
        }
        engine = EngineClient.connect(new EngineEndpoint.Unix(TestEngine.socket()));
        image = address() + "/berth-test/creds-" + UUID.randomUUID().toString().substring(0, 8) + ":v1";
        engine.images().tag(TestEngine.BUSYBOX_IMAGE, image);
        Progress.await(engine.images().push(image, new RegistryAuth(user, secret, address(), null)), "push", m -> {});
        removeLocalTag();
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    /** The pushed image, not on the engine until a pull brings it. */
    String image() {
        return image;
    }

    boolean pulled() {
        try {
            return engine.images().inspect(image).id() != null;
        } catch (EngineApiException e) {
            if (e.isNotFound()) {
                return false;
            }
            throw e;
        }
    }

    void removeLocalTag() {
        removeImage(image);
    }

    /** Removes an image from the engine, if it is there. */
    void removeImage(String name) {
        try {
            engine.images().remove(name, false, true);
        } catch (EngineApiException e) {
            if (!e.isNotFound()) {
                throw e;
            }
        }
    }

    private int status() {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://" + address() + "/v2/").toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(500);
            return connection.getResponseCode();
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void close() throws Exception {
        removeLocalTag();
        engine.close();
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
