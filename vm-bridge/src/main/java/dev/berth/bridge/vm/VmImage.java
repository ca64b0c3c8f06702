package dev.berth.bridge.vm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The engine VM image {@code packaging/vm/build-image.sh} wrote: {@code manifest.json} lists every artefact
 * with its size and sha256, and {@link #verify()} checks them all before a boot, so a truncated download, a
 * half-finished build or a tampered file is refused with its name instead of booting into a confusing hang.
 */
public record VmImage(Path dir, String inputKey, String kernelVersion, String arch, List<Artefact> artefacts) {

    public record Artefact(String name, String file, long size, String sha256) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static VmImage load(Path dir) {
        Path manifest = dir.resolve("manifest.json");
        if (!Files.isRegularFile(manifest)) {
            throw new VmException("verify the image", "no VM image at " + dir + " (no manifest.json): build it with 'berth vm build-image'");
        }
        try {
            JsonNode root = JSON.readTree(Files.readString(manifest));
            if (root.path("format").asInt(0) != 1) {
                throw new VmException("verify the image", manifest + ": unknown manifest format " + root.path("format"));
            }
            List<Artefact> artefacts = new ArrayList<>();
            for (JsonNode node : root.path("artefacts")) {
                artefacts.add(new Artefact(node.path("name").asString(), node.path("file").asString(), node.path("size").asLong(),
                        node.path("sha256").asString()));
            }
            return new VmImage(dir, root.path("inputKey").asString(""), root.path("kernelVersion").asString(""),
                    root.path("arch").asString(""), List.copyOf(artefacts));
        } catch (IOException | JacksonException e) {
            throw new VmException("verify the image", "cannot read " + manifest + ": " + e.getMessage(), List.of(), e);
        }
    }

    public Path kernel() {
        return file("kernel");
    }

    public Path initramfs() {
        return file("initramfs");
    }

    /** An artefact only some images carry ({@code vsock-overlay}, which {@code build-vsock-overlay.sh} adds). */
    public Optional<Path> optional(String name) {
        return artefacts.stream().filter(a -> a.name().equals(name)).findFirst().map(a -> dir.resolve(a.file()));
    }

    private Path file(String name) {
        return artefacts.stream().filter(a -> a.name().equals(name)).findFirst().map(a -> dir.resolve(a.file()))
                .orElseThrow(() -> new VmException("verify the image", dir.resolve("manifest.json") + " lists no " + name));
    }

    /** Every artefact is there, has its size and its sha256; throws naming the first one that does not. */
    public void verify() {
        kernel();
        initramfs();
        for (Artefact artefact : artefacts) {
            Path file = dir.resolve(artefact.file());
            try {
                if (!Files.isRegularFile(file)) {
                    throw new VmException("verify the image", artefact.file() + " is missing from " + dir);
                }
                long size = Files.size(file);
                if (size != artefact.size()) {
                    throw new VmException("verify the image", artefact.file() + " has " + size + " bytes, the manifest says " + artefact.size()
                            + " (a half-finished build or copy?): rebuild with 'berth vm build-image'");
                }
                String actual = sha256(file);
                if (!actual.equals(artefact.sha256())) {
                    throw new VmException("verify the image", artefact.file() + " has sha256 " + actual + ", the manifest says "
                            + artefact.sha256() + ": the file was changed after the build; rebuild with 'berth vm build-image'");
                }
            } catch (IOException e) {
                throw new VmException("verify the image", "cannot read " + file + ": " + e.getMessage(), List.of(), e);
            }
        }
    }

    /** The sum of the artefacts' sizes. */
    public long totalBytes() {
        return artefacts.stream().mapToLong(Artefact::size).sum();
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 20];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
