package dev.berth.engine.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * Registry credentials the way the docker CLI finds them in {@code $DOCKER_CONFIG/config.json} (default
 * {@code ~/.docker/config.json}): a registry's {@code credHelpers} entry, else the {@code credsStore}, else its
 * {@code auths} entry ({@code auth}: base64 {@code user:password}, or {@code identitytoken}). A helper is the
 * program {@code docker-credential-NAME} on {@code PATH}, asked with {@code get} and the registry on stdin.
 *
 * <p>Secrets leave this class only inside a {@link RegistryAuth} (whose {@code toString} masks them) bound for
 * the {@code X-Registry-Auth} header. No message this class makes holds a secret, a helper's output or the
 * config file's text: a helper that fails is named with its exit code only, since helpers print the request
 * and, on some errors, the stored record.
 */
public final class DockerCredentials {

    /** The key Docker Hub's credentials are stored under. */
    static final String DOCKER_HUB = "https://index.docker.io/v1/";

    private final JsonNode config;
    private final Path configFile;

    private DockerCredentials(JsonNode config, Path configFile) {
        this.config = config;
        this.configFile = configFile;
    }

    /**
     * From the folder the system property {@code berth.docker.config} names (as {@code docker --config}; tests of
     * the window set it, which cannot set an environment variable), else {@code DOCKER_CONFIG}, else
     * {@code ~/.docker}; no file means no credentials.
     */
    public static DockerCredentials fromEnvironment() {
        String dir = System.getProperty("berth.docker.config", System.getenv("DOCKER_CONFIG"));
        Path folder = dir != null && !dir.isBlank() ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".docker");
        return load(folder.resolve("config.json"));
    }

    /** Reads {@code configFile}; a missing one holds no credentials, an unreadable one is an error naming the file only. */
    public static DockerCredentials load(Path configFile) {
        if (!Files.isRegularFile(configFile)) {
            return new DockerCredentials(null, configFile);
        }
        try {
            return new DockerCredentials(EngineJson.MAPPER.readTree(Files.readString(configFile)), configFile);
        } catch (IOException | RuntimeException e) {
            // Not e.getMessage(): a JSON parser quotes the text around the error, which may be a secret.
            throw new CredentialsException("cannot read the registry credentials in " + configFile + ": it is not valid JSON");
        }
    }

    /** The credentials for the registry {@code image} is pulled from or pushed to; anonymous when none are stored. */
    public RegistryAuth forImage(String image) {
        return forRegistry(registryOf(image));
    }

    /** {@code registry} is a host[:port] ("127.0.0.1:5000") or {@code docker.io}. */
    public RegistryAuth forRegistry(String registry) {
        if (config == null) {
            return RegistryAuth.anonymous();
        }
        String key = registry.equals("docker.io") ? DOCKER_HUB : registry;
        String helper = text(config.path("credHelpers").path(registry));
        if (helper == null) {
            helper = text(config.path("credsStore"));
        }
        if (helper != null) {
            return fromHelper(helper, key);
        }
        JsonNode auths = config.path("auths");
        for (Map.Entry<String, JsonNode> entry : auths.properties()) {
            if (hostOf(entry.getKey()).equals(hostOf(key))) {
                return fromAuthEntry(entry.getValue(), key);
            }
        }
        return RegistryAuth.anonymous();
    }

    /**
     * The credentials of every registry the config names ({@code auths}, {@code credHelpers}, and what the
     * {@code credsStore} helper lists), keyed as there: what a build sends as {@code X-Registry-Config}, as the
     * docker CLI does, so its {@code FROM} images pull from private registries. Anonymous ones are left out.
     */
    public Map<String, RegistryAuth> all() {
        Map<String, RegistryAuth> all = new LinkedHashMap<>();
        if (config == null) {
            return all;
        }
        Set<String> registries = new LinkedHashSet<>();
        config.path("auths").properties().forEach(entry -> registries.add(entry.getKey()));
        config.path("credHelpers").properties().forEach(entry -> registries.add(entry.getKey()));
        String store = text(config.path("credsStore"));
        if (store != null) {
            registries.addAll(listedBy(store));
        }
        for (String key : registries) {
            String host = hostOf(key);
            RegistryAuth auth = forRegistry(host);
            if (!auth.isAnonymous()) {
                all.putIfAbsent(host.equals("docker.io") ? DOCKER_HUB : key, auth);
            }
        }
        return all;
    }

    /** {@code docker-credential-NAME list}: the servers the helper holds credentials for (none if it cannot say). */
    private static List<String> listedBy(String name) {
        String program = "docker-credential-" + name;
        try {
            Process process = new ProcessBuilder(program, "list").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            process.getOutputStream().close();
            byte[] output;
            try (InputStream stdout = process.getInputStream()) {
                output = stdout.readNBytes(1 << 20);
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return List.of();
            }
            if (process.exitValue() != 0) {
                return List.of();
            }
            List<String> servers = new ArrayList<>();
            EngineJson.MAPPER.readTree(new String(output, StandardCharsets.UTF_8)).properties().forEach(entry -> servers.add(entry.getKey()));
            return servers;
        } catch (IOException | RuntimeException e) {
            return List.of(); // a helper without "list": the build goes on without those credentials, as the CLI's does
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    private RegistryAuth fromAuthEntry(JsonNode entry, String server) {
        String token = text(entry.path("identitytoken"));
        String auth = text(entry.path("auth"));
        String username = text(entry.path("username"));
        String password = text(entry.path("password"));
        if (auth != null) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new CredentialsException("the auth entry for " + server + " in " + configFile + " is not base64");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new CredentialsException("the auth entry for " + server + " in " + configFile + " is not user:password");
            }
            username = decoded.substring(0, colon);
            password = decoded.substring(colon + 1);
        }
        if (username == null && password == null && token == null) {
            return RegistryAuth.anonymous();
        }
        return new RegistryAuth(username, token != null ? null : password, server, token);
    }

    /** {@code docker-credential-NAME get}: {@code {"ServerURL","Username","Secret"}}; the user {@code <token>} means an identity token. */
    private RegistryAuth fromHelper(String name, String server) {
        String program = "docker-credential-" + name;
        Process process;
        try {
            process = new ProcessBuilder(program, "get").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new CredentialsException("cannot run the credential helper " + program + " (is it on PATH?)");
        }
        try {
            try (var stdin = process.getOutputStream()) {
                stdin.write(server.getBytes(StandardCharsets.UTF_8));
            }
            byte[] output;
            try (InputStream stdout = process.getInputStream()) {
                output = stdout.readNBytes(1 << 20);
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new CredentialsException("the credential helper " + program + " did not answer within 30 s");
            }
            String text = new String(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                // Helpers answer a registry they hold nothing for with this sentence: anonymous, as the docker CLI.
                if (text.toLowerCase(Locale.ROOT).contains("credentials not found")) {
                    return RegistryAuth.anonymous();
                }
                throw new CredentialsException("the credential helper " + program + " failed for " + server + " (exit code "
                        + process.exitValue() + ")");
            }
            JsonNode answer;
            try {
                answer = EngineJson.MAPPER.readTree(text);
            } catch (RuntimeException e) {
                throw new CredentialsException("the credential helper " + program + " answered for " + server + " with something other than JSON");
            }
            String user = text(answer.path("Username"));
            String secret = text(answer.path("Secret"));
            if ("<token>".equals(user)) {
                return new RegistryAuth(null, null, server, secret);
            }
            return user == null && secret == null ? RegistryAuth.anonymous() : new RegistryAuth(user, secret, server, null);
        } catch (IOException e) {
            throw new CredentialsException("cannot talk to the credential helper " + program + ": " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CredentialsException("interrupted while asking the credential helper " + program);
        }
    }

    /**
     * The registry of an image reference, as the docker CLI reads it: the first path component when it has a
     * '.' or a ':' or is {@code localhost}, else Docker Hub.
     */
    public static String registryOf(String image) {
        int slash = image.indexOf('/');
        if (slash < 0) {
            return "docker.io";
        }
        String first = image.substring(0, slash);
        if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
            return first.equals("index.docker.io") || first.equals("registry-1.docker.io") ? "docker.io" : first;
        }
        return "docker.io";
    }

    /** "https://host:5000/v1/" → "host:5000", the way the CLI matches an auths key to a registry. */
    static String hostOf(String key) {
        String host = key.replaceFirst("^[a-zA-Z]+://", "");
        int slash = host.indexOf('/');
        host = slash < 0 ? host : host.substring(0, slash);
        return host.equals("index.docker.io") || host.equals("registry-1.docker.io") || host.equals("docker.io") ? "docker.io" : host;
    }

    private static String text(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() || node.asString("").isEmpty() ? null : node.asString();
    }

    /** Credentials could not be found or read; the message names the file or the helper, never a secret. */
    public static final class CredentialsException extends RuntimeException {
        CredentialsException(String message) {
            super(message);
        }
    }
}
