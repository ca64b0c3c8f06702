package dev.berth.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.engine.api.EngineJson;
import dev.berth.testkit.RequiresEngine;
import dev.berth.testkit.TestEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.FileHandler;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault 11 of the reliability campaign (docs/RELIABILITY.md), credentials: a real registry (Debian's
 * {@code docker-registry}) with htpasswd auth on 127.0.0.1, and the real CLI ({@code dev.berth.app.Main} in its own
 * JVM, {@code DOCKER_CONFIG} and {@code PATH} set, JUL logging at ALL into a file) pulling from it with the
 * credentials in {@code config.json} ({@code auths}) and from a credential helper ({@code docker-credential-berthtest}
 * on PATH, as {@code credsStore} and as {@code credHelpers}). Right credentials pull; wrong ones fail with the
 * registry's refusal. Neither the secret, nor {@code user:secret} in base64, nor the {@code X-Registry-Auth}
 * value appears in stdout, stderr or the log file, in {@code pull}, {@code up} or {@code config}.
 */
@RequiresEngine
class RegistryCredentialsIT {

    static final String USER = "berth";
    static final String SECRET = "s3cr3t-" + UUID.randomUUID().toString().substring(0, 12);
    static final String WRONG = "wr0ng-" + UUID.randomUUID().toString().substring(0, 12);

    @TempDir
    static Path dir;

    static AuthRegistry registry;
    static int port;
    static String image;

    @BeforeAll
    static void startRegistryAndPush() throws Exception {
        assumeTrue(Files.isExecutable(AuthRegistry.BINARY) || TestEngine.underCi(), "docker-registry is not installed");
        registry = new AuthRegistry(dir, USER, SECRET);
        port = registry.port();
        image = registry.image();
    }

    @AfterAll
    static void stop() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    private static void removeLocalTag() {
        registry.removeLocalTag();
    }

    @Test
    void authsEntryPullsAndWrongPasswordFailsWithoutShowingEither() throws Exception {
        Path config = dockerConfig("auths-right", "{\"auths\": {\"127.0.0.1:%d\": {\"auth\": \"%s\"}}}".formatted(port, basic(SECRET)));
        Run pull = berth(config, "pull");
        assertThat(pull.exitCode()).as(pull.toString()).isZero();
        assertThat(registry.pulled()).isTrue();
        assertNoSecretIn(pull, SECRET);
        assertThat(pull.log()).as("JUL logging at ALL reached the file").isNotEmpty();
        removeLocalTag();

        Path wrong = dockerConfig("auths-wrong", "{\"auths\": {\"http://127.0.0.1:%d/v1/\": {\"auth\": \"%s\"}}}".formatted(port, basic(WRONG)));
        Run refused = berth(wrong, "pull");
        System.out.println("fault 11 (wrong password): " + refused.err().strip().replace("\n", " | "));
        assertThat(refused.exitCode()).as(refused.toString()).isNotZero();
        assertThat(refused.err()).as(refused.toString()).containsIgnoringCase("unauthorized").contains(image).doesNotContain("\tat ");
        assertNoSecretIn(refused, WRONG);

        Run up = berth(wrong, "up", "-d");
        assertThat(up.exitCode()).as(up.toString()).isNotZero();
        assertNoSecretIn(up, WRONG);
        Run composeConfig = berth(wrong, "config");
        assertThat(composeConfig.exitCode()).as(composeConfig.toString()).isZero();
        assertNoSecretIn(composeConfig, WRONG);
    }

    @Test
    void credentialHelperAsStoreAndPerRegistryPullsWithoutShowingTheSecret() throws Exception {
        Path store = dockerConfig("store", "{\"credsStore\": \"berthtest\"}");
        Run pull = berth(store, "pull");
        assertThat(pull.exitCode()).as(pull.toString()).isZero();
        assertNoSecretIn(pull, SECRET);
        removeLocalTag();

        // credHelpers wins over auths, as in the docker CLI: the wrong auths entry is not used.
        Path perRegistry = dockerConfig("helpers", "{\"auths\": {\"127.0.0.1:%d\": {\"auth\": \"%s\"}}, \"credHelpers\": {\"127.0.0.1:%d\": \"berthtest\"}}"
                .formatted(port, basic(WRONG), port));
        Run again = berth(perRegistry, "pull");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertNoSecretIn(again, SECRET);
        removeLocalTag();
    }

    @Test
    void aHelperThatFailsIsNamedWithoutItsOutput() throws Exception {
        Path broken = dockerConfig("broken", "{\"credsStore\": \"berthtest\"}");
        Run pull = berth(broken, Map.of("BERTHTEST_FAIL", "1"), "pull");
        System.out.println("fault 11 (helper fails): " + pull.err().strip().replace("\n", " | "));
        assertThat(pull.exitCode()).as(pull.toString()).isNotZero();
        assertThat(pull.err()).contains("docker-credential-berthtest").contains("exit code 3");
        assertNoSecretIn(pull, SECRET);
    }

    /**
     * A build whose {@code FROM} image is in the private registry: the engine pulls it with the credentials the
     * build sends as {@code X-Registry-Config} (Berth sent none, so such builds failed where compose's pass).
     */
    @Test
    void aBuildFromAPrivateBaseImageSendsTheRegistryCredentials() throws Exception {
        String built = "berth-test/creds-built-" + UUID.randomUUID().toString().substring(0, 8);
        String compose = """
                services:
                  app:
                    build: ./ctx
                    image: %s
                """.formatted(built);
        Path config = dockerConfig("build-right", "{\"auths\": {\"127.0.0.1:%d\": {\"auth\": \"%s\"}}}".formatted(port, basic(SECRET)));
        Run build = berthWith(config, compose, "build");
        try {
            assertThat(build.exitCode()).as(build.toString()).isZero();
            assertThat(registry.pulled()).as("the engine pulled the FROM image from the private registry").isTrue();
            assertNoSecretIn(build, SECRET);
        } finally {
            removeLocalTag();
            registry.removeImage(built);
        }

        Path none = dockerConfig("build-anonymous", "{}");
        Run refused = berthWith(none, compose, "build");
        System.out.println("fault 11 (build without credentials): " + refused.err().strip().replace("\n", " | "));
        assertThat(refused.exitCode()).as(refused.toString()).isNotZero();
        assertThat(refused.err()).as(refused.toString()).contains("app").containsIgnoringCase("auth").doesNotContain("\tat ");
    }

    record Run(int exitCode, String out, String err, String log) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    /** A DOCKER_CONFIG folder holding this config.json, and the test helper on a PATH folder beside it. */
    private static Path dockerConfig(String name, String json) throws IOException {
        Path config = Files.createDirectories(dir.resolve(name));
        Files.writeString(config.resolve("config.json"), json);
        return config;
    }

    private static Path helperBin() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path helper = bin.resolve("docker-credential-berthtest");
        if (!Files.exists(helper)) {
            // Echoes its request and the secret on stderr too, so a leak of the helper's output would show.
            Files.writeString(helper, """
                    #!/bin/sh
                    read server
                    echo "berthtest: asked for $server, secret %s" >&2
                    if [ -n "$BERTHTEST_FAIL" ]; then echo "{\\"Secret\\": \\"%s\\", \\"broken\\": "; exit 3; fi
                    echo "{\\"ServerURL\\": \\"$server\\", \\"Username\\": \\"%s\\", \\"Secret\\": \\"%s\\"}"
                    """.formatted(SECRET, SECRET, USER, SECRET));
            Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return bin;
    }

    private Run berth(Path dockerConfig, String... args) throws Exception {
        return berth(dockerConfig, Map.of(), args);
    }

    /** The real CLI in its own JVM, every JUL logger at ALL into a file, in a throw-away project pulling {@link #image}. */
    private Run berth(Path dockerConfig, Map<String, String> extraEnv, String... args) throws Exception {
        return berthWith(dockerConfig, extraEnv, """
                services:
                  app:
                    image: %s
                    command: ["sleep", "3600"]
                    environment:
                      HARMLESS: "1"
                """.formatted(image), args);
    }

    /** With this compose file; a build context {@code ctx/} beside it builds {@code FROM} {@link #image}. */
    private Run berthWith(Path dockerConfig, String compose, String... args) throws Exception {
        return berthWith(dockerConfig, Map.of(), compose, args);
    }

    private Run berthWith(Path dockerConfig, Map<String, String> extraEnv, String compose, String... args) throws Exception {
        Path project = Files.createDirectories(dockerConfig.resolve("project"));
        Files.writeString(project.resolve("compose.yaml"), compose);
        Path context = Files.createDirectories(project.resolve("ctx"));
        Files.writeString(context.resolve("Dockerfile"), "FROM " + image + "\nLABEL dev.berth.test=creds\n");
        Path log = dockerConfig.resolve("berth-" + UUID.randomUUID() + ".log");
        Path logging = dockerConfig.resolve("logging.properties");
        Files.writeString(logging, """
                handlers=%1$s
                .level=ALL
                %1$s.pattern=%2$s
                %1$s.level=ALL
                %1$s.formatter=%3$s
                """.formatted(FileHandler.class.getName(), log, SimpleFormatter.class.getName()));
        String projectName = "creds" + UUID.randomUUID().toString().substring(0, 8);
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), "-Djava.util.logging.config.file=" + logging,
                "-Dberth.config.dir=" + dockerConfig.resolve("berth-config"), "dev.berth.app.Main",
                "-H", "unix://" + TestEngine.socket(), "-f", project.resolve("compose.yaml").toString(), "-p", projectName));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(dockerConfig.resolve("out.txt").toFile()).redirectError(dockerConfig.resolve("err.txt").toFile());
        builder.environment().put("DOCKER_CONFIG", dockerConfig.toString());
        builder.environment().put("HOME", dockerConfig.toString());
        builder.environment().put("PATH", helperBin() + ":" + System.getenv("PATH"));
        builder.environment().putAll(extraEnv);
        Process process = builder.start();
        try {
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("berth " + String.join(" ", args) + " ended").isTrue();
        } finally {
            process.destroyForcibly();
            if (List.of(args).contains("up")) {
                new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-cp", System.getProperty("java.class.path"),
                        "dev.berth.app.Main", "-H", "unix://" + TestEngine.socket(), "-p", projectName, "down", "-v", "-t", "0")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(60, TimeUnit.SECONDS);
            }
        }
        String logText;
        try (Stream<Path> logs = Files.list(dockerConfig).filter(p -> p.getFileName().toString().startsWith(log.getFileName().toString()))) {
            StringBuilder all = new StringBuilder();
            for (Path p : logs.toList()) {
                all.append(Files.readString(p));
            }
            logText = all.toString();
        }
        return new Run(process.exitValue(), Files.readString(dockerConfig.resolve("out.txt")), Files.readString(dockerConfig.resolve("err.txt")), logText);
    }

    static String basic(String password) {
        return Base64.getEncoder().encodeToString((USER + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The secret, user:secret in base64, and the X-Registry-Auth value (base64url JSON, as RegistryAuth makes it). */
    private static List<String> forms(String secret) {
        return forms(secret, "127.0.0.1:" + port);
    }

    static List<String> forms(String secret, String address) {
        Map<String, String> json = new LinkedHashMap<>();
        json.put("username", USER);
        json.put("password", secret);
        json.put("serveraddress", address);
        String header = Base64.getUrlEncoder().encodeToString(EngineJson.MAPPER.writeValueAsBytes(json));
        return List.of(secret, basic(secret), header, header.substring(0, 24));
    }

    private static void assertNoSecretIn(Run run, String secret) {
        for (String form : forms(secret)) {
            assertThat(run.out()).as("stdout").doesNotContain(form);
            assertThat(run.err()).as("stderr").doesNotContain(form);
            assertThat(run.log()).as("the JUL log").doesNotContain(form);
        }
    }
}
