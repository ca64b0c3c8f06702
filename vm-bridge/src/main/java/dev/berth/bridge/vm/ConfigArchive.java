package dev.berth.bridge.vm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The per-instance configuration: a plain tar written onto a small read-only virtio disk (serial
 * {@code berth-config}) that the guest unpacks over its root with {@code tar -xf /dev/vdX -C /} — no file system
 * to make on the host (which a Mac cannot do without extra tools), and the immutable base image stays shared.
 * It holds the engine's server certificate and key, the CA that signs the only accepted client, and
 * {@code /etc/berth/settings} (shell variables the guest's rc reads). About 10 KiB.
 */
public final class ConfigArchive {

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    private record Entry(byte[] content, int mode) {}

    public ConfigArchive add(String path, String content, int mode) {
        entries.put(path, new Entry(content.getBytes(StandardCharsets.UTF_8), mode));
        return this;
    }

    public static ConfigArchive forInstance(String profile, InstanceCertificates certificates) {
        return new ConfigArchive()
                .add("etc/berth/tls/ca.pem", certificates.caPem(), 0644)
                .add("etc/berth/tls/server-cert.pem", certificates.serverCertPem(), 0644)
                .add("etc/berth/tls/server-key.pem", certificates.serverKeyPem(), 0600)
                .add("etc/berth/settings", "BERTH_PROFILE=" + profile + "\nBERTH_HOSTNAME=berth-" + profile + "\n", 0644);
    }

    /** An archive written earlier (its certificates cannot be made again: the CA key was thrown away). */
    public static ConfigArchive read(Path file) throws IOException {
        ConfigArchive archive = new ConfigArchive();
        try (InputStream in = Files.newInputStream(file); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                archive.entries.put(entry.getName(), new Entry(tar.readAllBytes(), entry.getMode()));
            }
        }
        return archive;
    }

    /**
     * {@code etc/berth/shares}, which the guest's rc mounts: one line per share, "TAG FS PATH" (the path last, so
     * it may hold spaces). Rewritten at every start: the shares are settings.
     */
    public ConfigArchive withShares(List<VmShare> shares, FileSharing sharing) {
        StringBuilder lines = new StringBuilder();
        for (VmShare share : sharing == FileSharing.NONE ? List.<VmShare>of() : shares) {
            lines.append(share.tag()).append(' ').append(sharing.key).append(' ').append(share.hostPath()).append('\n');
        }
        return add("etc/berth/shares", lines.toString(), 0644);
    }

    /**
     * {@code etc/berth/provider}: the provider's shell variables for the guest's rc, sorted ({@code BERTH_PROVIDER},
     * and e.g. {@code BERTH_NET=dhcp}, {@code BERTH_ENGINE_VSOCK=2375} under vfkit). Values are single-quoted.
     */
    public ConfigArchive withProvider(String provider, Map<String, String> variables) {
        StringBuilder lines = new StringBuilder("BERTH_PROVIDER=").append(provider).append('\n');
        new TreeMap<>(variables).forEach((key, value) -> {
            if (!key.matches("BERTH_[A-Z0-9_]+") || value.contains("'")) {
                throw new IllegalArgumentException("not a guest setting: " + key + "=" + value);
            }
            lines.append(key).append("='").append(value).append("'\n");
        });
        return add("etc/berth/provider", lines.toString(), 0644);
    }

    /** {@code etc/berth/network}: "open" or "restricted", what the guest's rc and the port forwarder read. */
    public ConfigArchive withNetwork(boolean open) {
        return add("etc/berth/network", open ? "open\n" : "restricted\n", 0644);
    }

    public boolean openNetwork() {
        String value = content("etc/berth/network");
        return value != null && value.strip().equals("open");
    }

    public String content(String path) {
        Entry entry = entries.get(path);
        return entry == null ? null : new String(entry.content(), StandardCharsets.UTF_8);
    }

    public void write(Path file) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        try (OutputStream out = Files.newOutputStream(temporary); TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            for (Map.Entry<String, Entry> entry : entries.entrySet()) {
                TarArchiveEntry header = new TarArchiveEntry(entry.getKey());
                header.setSize(entry.getValue().content().length);
                header.setMode(entry.getValue().mode());
                header.setUserId(0);
                header.setGroupId(0);
                tar.putArchiveEntry(header);
                tar.write(entry.getValue().content());
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
        InstanceCertificates.restrict(temporary, "rw-------");
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
