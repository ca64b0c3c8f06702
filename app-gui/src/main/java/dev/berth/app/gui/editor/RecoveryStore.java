package dev.berth.app.gui.editor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Unsaved editor texts kept on disk while they are being edited, one file per edited file (named by a
 * hash of its path, the path on the first line), so that after a crash the next editor on that file
 * offers the work back. A save or a discard removes the entry.
 */
public final class RecoveryStore {

    private final Path dir;

    public RecoveryStore(Path dir) {
        this.dir = dir;
    }

    /** {@code berth.config.dir} (tests) or {@code ~/.config/berth}, then {@code recovery/}. */
    public static RecoveryStore defaultStore() {
        String configured = System.getProperty("berth.config.dir");
        Path base = configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".config", "berth");
        return new RecoveryStore(base.resolve("recovery"));
    }

    public void save(Path file, String text) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.write(entry(file), file.toAbsolutePath().normalize() + "\n" + text);
    }

    /** The unsaved text kept for {@code file}, if any. */
    public Optional<String> load(Path file) {
        Path entry = entry(file);
        if (!Files.isRegularFile(entry)) {
            return Optional.empty();
        }
        try {
            String content = Files.readString(entry, StandardCharsets.UTF_8);
            int newline = content.indexOf('\n');
            if (newline < 0 || !content.substring(0, newline).equals(file.toAbsolutePath().normalize().toString())) {
                return Optional.empty();
            }
            return Optional.of(content.substring(newline + 1));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public void clear(Path file) {
        try {
            Files.deleteIfExists(entry(file));
        } catch (IOException e) {
            // A stale entry is offered once more and then discarded: harmless.
        }
    }

    private Path entry(Path file) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(file.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            return dir.resolve(HexFormat.of().formatHex(hash, 0, 12) + ".txt");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
