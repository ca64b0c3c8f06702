package dev.berth.bridge.vm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The docker CLI's context store ({@code ~/.docker/contexts/meta/<sha256(name)>/meta.json}): Berth writes one
 * context per VM profile ({@code berth-vm}, or {@code berth-vm-<profile>}) pointing at the host socket, so
 * {@code docker --context berth-vm ps}, {@code berth --context berth-vm} and other tools reach the VM's engine.
 */
public final class DockerContexts {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DockerContexts() {}

    public static String contextName(String profile) {
        return profile.equals("default") ? "berth-vm" : "berth-vm-" + profile;
    }

    public static Path write(Path dockerConfigDir, String profile, Path socket) throws IOException {
        String name = contextName(profile);
        Path dir = dockerConfigDir.resolve("contexts").resolve("meta").resolve(sha256(name));
        Files.createDirectories(dir);
        Map<String, Object> meta = Map.of("Name", name,
                "Metadata", Map.of("Description", "Berth's engine VM (profile " + profile + ")"),
                "Endpoints", Map.of("docker", Map.of("Host", "unix://" + socket, "SkipTLSVerify", false)));
        Path file = dir.resolve("meta.json");
        Files.writeString(file, JSON.writeValueAsString(meta));
        return file;
    }

    public static void remove(Path dockerConfigDir, String profile) throws IOException {
        Path dir = dockerConfigDir.resolve("contexts").resolve("meta").resolve(sha256(contextName(profile)));
        Files.deleteIfExists(dir.resolve("meta.json"));
        Files.deleteIfExists(dir);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
