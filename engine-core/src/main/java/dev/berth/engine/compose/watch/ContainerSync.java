package dev.berth.engine.compose.watch;

import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.ExecApi.ExecResult;
import dev.berth.engine.build.TarWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Copies changed host files into a running container and deletes what was deleted, as {@code docker compose
 * watch}'s sync does: one tar of every present file (and new directory) put at {@code /} through the archive
 * API ({@code PUT /containers/{id}/archive}, the entries named by their container paths), then one
 * {@code rm -rf} exec for the paths that are gone on the host.
 */
public final class ContainerSync {

    /** One path to sync: the host file (may no longer exist) and where it goes in the container. */
    public record Change(Path host, String container) {}

    /** What one sync did: files copied, paths removed. */
    public record Result(int copied, int removed) {}

    private final EngineClient engine;

    public ContainerSync(EngineClient engine) {
        this.engine = engine;
    }

    /**
     * Syncs {@code changes} into {@code containerId}. A present directory is copied with everything below it
     * that {@code filter} accepts (a directory created with files in it arrives as one event).
     */
    public Result sync(String containerId, List<Change> changes, WatchFilter filter) {
        List<String> gone = new ArrayList<>();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int copied = 0;
        try (TarWriter tar = new TarWriter(buffer)) {
            for (Change change : changes) {
                if (!Files.exists(change.host(), LinkOption.NOFOLLOW_LINKS)) {
                    gone.add(change.container());
                } else if (Files.isDirectory(change.host())) {
                    copied += directory(tar, change, filter);
                } else if (Files.isRegularFile(change.host())) {
                    copied += file(tar, change.host(), change.container()) ? 1 : 0;
                }
            }
            tar.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the changed files: " + e.getMessage(), e);
        }
        if (copied > 0 || buffer.size() > 1024) {
            engine.containers().putArchive(containerId, "/", new ByteArrayInputStream(buffer.toByteArray()));
        }
        if (!gone.isEmpty()) {
            List<String> command = new ArrayList<>(List.of("rm", "-rf"));
            command.addAll(gone);
            ExecResult result = engine.exec().run(containerId, command);
            if (result.exitCode() != 0) {
                throw new IllegalStateException("rm -rf in the container failed (" + result.exitCode() + "): " + result.stderr().strip());
            }
        }
        return new Result(copied, gone.size());
    }

    private int directory(TarWriter tar, Change change, WatchFilter filter) throws IOException {
        int copied = 0;
        try (Stream<Path> walk = Files.walk(change.host())) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                if (!path.equals(change.host()) && !filter.accepts(path)) {
                    continue;
                }
                String target = change.container() + (path.equals(change.host()) ? ""
                        : "/" + change.host().relativize(path).toString().replace('\\', '/'));
                if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    tar.directory(entryName(target), mode(path, 0755), modified(path));
                } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) && file(tar, path, target)) {
                    copied++;
                }
            }
        }
        return copied;
    }

    /** False when the file vanished between the event and now (the next event will say it is gone). */
    private static boolean file(TarWriter tar, Path path, String target) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            long size = Files.size(path);
            tar.file(entryName(target), mode(path, 0644), modified(path), size, in);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private static String entryName(String containerPath) {
        String name = containerPath;
        while (name.startsWith("/")) {
            name = name.substring(1);
        }
        return name;
    }

    private static long modified(Path path) throws IOException {
        return Files.getLastModifiedTime(path).toMillis() / 1000;
    }

    private static int mode(Path path, int fallback) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            int mode = 0;
            for (PosixFilePermission p : permissions) {
                mode |= 1 << (8 - p.ordinal());
            }
            return mode;
        } catch (IOException | UnsupportedOperationException e) {
            return fallback;
        }
    }
}
