package dev.berth.engine.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A build context directory streamed as tar, honouring {@code .dockerignore}. As with the docker CLI, the
 * Dockerfile and {@code .dockerignore} are always sent, even when ignored, because the builder needs them.
 */
public final class BuildContext {

    private final Path root;
    private final String dockerfile;
    private final DockerIgnore ignore;

    public BuildContext(Path root, String dockerfile) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.dockerfile = dockerfile == null ? "Dockerfile" : dockerfile;
        this.ignore = DockerIgnore.of(this.root);
    }

    /** The relative paths that go into the context, in the order they are written. */
    public List<String> includedPaths() throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> !p.equals(root))
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(this::isIncluded)
                    .sorted()
                    .toList();
        }
    }

    private boolean isIncluded(String relative) {
        if (relative.equals(dockerfile) || relative.equals(".dockerignore")) {
            return true;
        }
        return !ignore.isIgnored(relative);
    }

    public void writeTar(OutputStream out) throws IOException {
        TarWriter tar = new TarWriter(out);
        for (String relative : includedPaths()) {
            Path path = root.resolve(relative);
            long modified = Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).toMillis() / 1000;
            if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                tar.directory(relative, mode(path, 0755), modified);
            } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                try (InputStream in = Files.newInputStream(path)) {
                    tar.file(relative, mode(path, 0644), modified, Files.size(path), in);
                }
            }
            // symlinks and special files are skipped: Berth's builds have not needed them yet
        }
        tar.finish();
    }

    private static int mode(Path path, int fallback) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
            int mode = 0;
            for (PosixFilePermission permission : permissions) {
                mode |= 1 << (8 - permission.ordinal());
            }
            return mode;
        } catch (IOException | UnsupportedOperationException e) {
            return fallback;
        }
    }
}
