package dev.berth.engine.files;

import dev.berth.engine.api.ContainerPathStat;
import dev.berth.engine.api.ContainersApi;
import dev.berth.engine.api.EngineApiException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Files in and out of a container through the archive API, with {@code docker cp}'s rules for where a copy
 * lands: into an existing folder under the source's name, onto a missing path under that new name, the
 * contents alone when the source ends in {@code /.}; a folder never replaces a file. Container paths are
 * taken from the container's root, as {@code docker cp} does. Works on stopped containers too (the engine
 * mounts their filesystem for the call). Tars are streamed both ways, never held in memory.
 */
public final class ContainerFiles {

    /** What a copy did, for the CLI's one-line summary. */
    public record CopyResult(long files, long bytes) {}

    private final ContainersApi containers;

    public ContainerFiles(ContainersApi containers) {
        this.containers = containers;
    }

    /** Stats a container path; a missing one throws a {@link ContainerFilesException} naming it. */
    public ContainerPathStat stat(String container, String path) {
        String absolute = absolute(path);
        try {
            return containers.stat(container, absolute);
        } catch (EngineApiException e) {
            if (e.isNotFound()) {
                throw new ContainerFilesException("Could not find " + absolute + " in container " + container, e);
            }
            throw e;
        }
    }

    /** Whether a container path exists (no exception for a missing one). */
    public boolean exists(String container, String path) {
        try {
            containers.stat(container, absolute(path));
            return true;
        } catch (EngineApiException e) {
            if (e.isNotFound()) {
                return false;
            }
            throw e;
        }
    }

    // ---- out of the container ---------------------------------------------------------------------------

    /**
     * {@code docker cp CONTAINER:SOURCE DESTINATION}. {@code archive} also sets the owner recorded in the
     * tar on the host files (which works when Berth may chown, as with tar).
     */
    public CopyResult copyOut(String container, String source, Path destination, boolean archive) {
        boolean contents = source.endsWith("/.") || source.equals(".");
        String path = absolute(contents ? source.substring(0, source.length() - 1) : source);
        ContainerPathStat stat = stat(container, path);
        if (contents && !stat.directory()) {
            throw new ContainerFilesException(path + " in container " + container + " is not a folder: only a folder's contents can be copied with /.");
        }
        Path root = landingPlace(destination, stat.directory(), contents, stat.name());
        try (InputStream tar = containers.archive(container, contents ? path + "/." : path)) {
            return extract(new BufferedInputStream(tar, 1 << 16), root, archive);
        } catch (IOException e) {
            throw new UncheckedIOException("Copying " + path + " out of container " + container + " failed: " + e.getMessage(), e);
        }
    }

    /** {@code docker cp CONTAINER:SOURCE -}: the raw tar of {@code source}, written to {@code out}. */
    public void copyOutAsTar(String container, String source, OutputStream out) {
        String path = absolute(source);
        stat(container, path);
        try (InputStream tar = containers.archive(container, path)) {
            tar.transferTo(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Copying " + path + " out of container " + container + " failed: " + e.getMessage(), e);
        }
    }

    private static Path landingPlace(Path destination, boolean sourceIsFolder, boolean contents, String sourceName) {
        if (Files.isDirectory(destination)) {
            return contents ? destination : destination.resolve(sourceName);
        }
        if (Files.exists(destination, LinkOption.NOFOLLOW_LINKS)) {
            if (sourceIsFolder) {
                throw new ContainerFilesException("Cannot copy a folder onto the file " + destination);
            }
            return destination;
        }
        if (!sourceIsFolder && destination.toString().endsWith("/")) {
            throw new ContainerFilesException("The destination folder " + destination + " does not exist");
        }
        Path parent = destination.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new ContainerFilesException("The destination folder " + parent + " does not exist");
        }
        return destination;
    }

    /** Writes the tar's entries under {@code root} (the archive's root entry becomes {@code root} itself). */
    static CopyResult extract(InputStream raw, Path root, boolean archive) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(raw);
        List<Runnable> folderTimes = new ArrayList<>(); // set last: writing a child touches its folder's time
        String rootName = null;
        long files = 0;
        long bytes = 0;
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            String name = ArchiveNames.normalize(entry.getName());
            if (rootName == null) {
                rootName = name;
            }
            String relative = ArchiveNames.below(rootName, name);
            if (relative == null) {
                throw new IOException("the archive holds " + entry.getName() + ", outside the copied path");
            }
            Path target = relative.isEmpty() ? root : root.resolve(relative);
            if (entry.isDirectory()) {
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                    throw new ContainerFilesException("Cannot copy a folder onto the file " + target);
                }
                Files.createDirectories(target);
                TarArchiveEntry folder = entry;
                folderTimes.add(() -> attributes(target, folder, archive));
                continue;
            }
            Files.createDirectories(target.toAbsolutePath().getParent());
            if (entry.isSymbolicLink()) {
                Files.deleteIfExists(target);
                Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
            } else if (entry.isLink()) {
                String linked = ArchiveNames.below(rootName, ArchiveNames.normalize(entry.getLinkName()));
                if (linked == null) {
                    throw new IOException("the archive links " + entry.getName() + " to " + entry.getLinkName() + ", outside the copied path");
                }
                Files.deleteIfExists(target);
                Files.createLink(target, linked.isEmpty() ? root : root.resolve(linked));
            } else if (entry.isFile()) {
                Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                files++;
                bytes += entry.getSize();
                attributes(target, entry, archive);
            }
            // devices and fifos are skipped, as an unprivileged docker cp does
        }
        for (int i = folderTimes.size() - 1; i >= 0; i--) {
            folderTimes.get(i).run();
        }
        if (rootName == null) {
            throw new IOException("the engine sent an empty archive");
        }
        return new CopyResult(files, bytes);
    }

    private static void attributes(Path target, TarArchiveEntry entry, boolean archive) {
        try {
            Files.setPosixFilePermissions(target, permissions(entry.getMode()));
            Files.setLastModifiedTime(target, FileTime.from(entry.getModTime().toInstant()));
            if (archive) {
                Files.setAttribute(target, "unix:uid", (int) entry.getLongUserId(), LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(target, "unix:gid", (int) entry.getLongGroupId(), LinkOption.NOFOLLOW_LINKS);
            }
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: the bytes are what matters
        } catch (IOException e) {
            throw new UncheckedIOException("Setting the attributes of " + target + " failed: " + e.getMessage(), e);
        }
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                set.add(order[bit]);
            }
        }
        return set;
    }

    static int mode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission permission : permissions) {
            mode |= 1 << (8 - permission.ordinal()); // the enum runs OWNER_READ … OTHERS_EXECUTE, high bit to low
        }
        return mode;
    }

    // ---- into the container -----------------------------------------------------------------------------

    /**
     * {@code docker cp SOURCE CONTAINER:DESTINATION}. Without {@code archive} the files belong to root in the
     * container; with it they keep the host's uid/gid ({@code copyUIDGID}).
     */
    public CopyResult copyIn(Path source, String container, String destination, boolean archive) {
        boolean contents = source.toString().endsWith("/.") || source.getFileName() != null && source.getFileName().toString().equals(".");
        Path local = contents ? source.toAbsolutePath().normalize() : source;
        if (!Files.exists(local, LinkOption.NOFOLLOW_LINKS)) {
            throw new ContainerFilesException("Could not find " + source + " on this machine");
        }
        boolean folder = Files.isDirectory(local, LinkOption.NOFOLLOW_LINKS);
        String target = absolute(destination);
        String extractInto;
        String rootName;
        if (exists(container, target)) {
            ContainerPathStat stat = containers.stat(container, target);
            if (stat.directory()) {
                extractInto = target;
                rootName = contents ? "" : local.getFileName().toString();
            } else if (folder) {
                throw new ContainerFilesException("Cannot copy a folder onto the file " + target + " in container " + container);
            } else {
                extractInto = ArchiveNames.parent(target);
                rootName = ArchiveNames.baseName(target);
            }
        } else {
            if (!folder && destination.endsWith("/")) {
                throw new ContainerFilesException("The destination folder " + target + " does not exist in container " + container);
            }
            extractInto = ArchiveNames.parent(target);
            if (!exists(container, extractInto)) {
                throw new ContainerFilesException("The destination folder " + extractInto + " does not exist in container " + container);
            }
            rootName = ArchiveNames.baseName(target);
        }
        return putTree(local, container, extractInto, rootName, archive);
    }

    /** {@code docker cp - CONTAINER:FOLDER}: extracts a tar read from {@code tar} into an existing folder. */
    public void copyInFromTar(InputStream tar, String container, String folder) {
        String target = absolute(folder);
        if (!stat(container, target).directory()) {
            throw new ContainerFilesException(target + " in container " + container + " is not a folder: a tar is extracted into a folder");
        }
        containers.putArchive(container, target, tar);
    }

    /**
     * Writes {@code local} (a file or a folder tree) as a tar whose root is named {@code rootName} (empty:
     * the folder's contents) and streams it to the engine through a pipe: a writer thread fills the pipe while
     * the request body drains it.
     */
    CopyResult putTree(Path local, String container, String extractInto, String rootName, boolean archive) {
        long[] counts = new long[2];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (PipedInputStream body = new PipedInputStream(1 << 16)) {
            PipedOutputStream pipe = new PipedOutputStream(body);
            Thread writer = Thread.ofVirtual().name("berth-cp-tar").start(() -> {
                try (OutputStream out = new BufferedOutputStream(pipe, 1 << 16);
                     TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
                    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                    writeTree(tar, local, rootName, archive, counts);
                    tar.finish();
                } catch (IOException | RuntimeException e) {
                    failure.set(e);
                }
            });
            try {
                containers.putArchive(container, extractInto, body, archive);
            } finally {
                body.close(); // a failed request must not leave the writer blocked on a full pipe
                joinQuietly(writer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Copying " + local + " into container " + container + " failed: " + e.getMessage(), e);
        }
        if (failure.get() != null) {
            throw new ContainerFilesException("Reading " + local + " failed: " + failure.get().getMessage(), failure.get());
        }
        return new CopyResult(counts[0], counts[1]);
    }

    private static void writeTree(TarArchiveOutputStream tar, Path local, String rootName, boolean archive, long[] counts) throws IOException {
        if (!Files.isDirectory(local, LinkOption.NOFOLLOW_LINKS)) {
            writeEntry(tar, local, rootName, archive, counts);
            return;
        }
        List<Path> tree;
        try (Stream<Path> walk = Files.walk(local)) {
            tree = walk.sorted(Comparator.naturalOrder()).toList();
        }
        for (Path path : tree) {
            String relative = local.relativize(path).toString().replace('\\', '/');
            String name = rootName.isEmpty() ? (relative.isEmpty() ? "." : relative)
                    : relative.isEmpty() ? rootName : rootName + "/" + relative;
            writeEntry(tar, path, name, archive, counts);
        }
    }

    private static void writeEntry(TarArchiveOutputStream tar, Path path, String name, boolean archive, long[] counts) throws IOException {
        boolean link = Files.isSymbolicLink(path);
        boolean folder = !link && Files.isDirectory(path);
        TarArchiveEntry entry;
        if (link) {
            entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
            entry.setLinkName(Files.readSymbolicLink(path).toString());
        } else {
            entry = new TarArchiveEntry(path, folder ? name + "/" : name, LinkOption.NOFOLLOW_LINKS);
            // commons-compress leaves a default 0644/0755 here: carry the real permission bits over
            entry.setMode((folder ? 040000 : 0100000) | mode(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)));
        }
        if (!archive) {
            entry.setIds(0, 0);
            entry.setNames("", "");
        }
        tar.putArchiveEntry(entry);
        if (!folder && !link && entry.isFile()) {
            long copied = Files.copy(path, tar);
            if (copied != entry.getSize()) {
                throw new IOException(path + " changed size while being copied");
            }
            counts[0]++;
            counts[1] += copied;
        }
        tar.closeArchiveEntry();
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- browsing ---------------------------------------------------------------------------------------

    /**
     * The direct children of a container folder, folders first then by name. The archive API sends the
     * whole subtree, so the listing reads headers until {@code limit} children were found; what lies deeper
     * still crosses the socket (skipped, not kept). The {@code truncated} flag says whether there were more.
     */
    public Listing list(String container, String folder, int limit) {
        String path = absolute(folder);
        ContainerPathStat stat = stat(container, path);
        if (!stat.directory()) {
            throw new ContainerFilesException(path + " in container " + container + " is not a folder");
        }
        List<ContainerFileEntry> children = new ArrayList<>();
        boolean truncated = false;
        try (InputStream raw = containers.archive(container, path.equals("/") ? "/" : path + "/.")) {
            TarArchiveInputStream tar = new TarArchiveInputStream(new BufferedInputStream(raw, 1 << 16));
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = ArchiveNames.normalize(entry.getName());
                if (name.isEmpty() || name.contains("/")) {
                    continue; // the folder itself, or deeper
                }
                if (children.size() == limit) {
                    truncated = true;
                    break;
                }
                children.add(toEntry(path.equals("/") ? "/" + name : path + "/" + name, name, entry));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Listing " + path + " in container " + container + " failed: " + e.getMessage(), e);
        }
        children.sort(Comparator.comparing((ContainerFileEntry e) -> !e.directory()).thenComparing(ContainerFileEntry::name));
        return new Listing(path, List.copyOf(children), truncated);
    }

    /** One folder's children; {@code truncated} when the limit cut it short. */
    public record Listing(String folder, List<ContainerFileEntry> children, boolean truncated) {}

    private static ContainerFileEntry toEntry(String path, String name, TarArchiveEntry entry) {
        ContainerFileEntry.Type type = entry.isDirectory() ? ContainerFileEntry.Type.DIRECTORY
                : entry.isSymbolicLink() || entry.isLink() ? ContainerFileEntry.Type.LINK
                : entry.isFile() ? ContainerFileEntry.Type.FILE
                : ContainerFileEntry.Type.OTHER;
        return new ContainerFileEntry(path, name, type, type == ContainerFileEntry.Type.FILE ? entry.getSize() : 0, entry.getMode(),
                entry.getModTime() == null ? null : entry.getModTime().toInstant(),
                type == ContainerFileEntry.Type.LINK ? entry.getLinkName() : null);
    }

    /** Container paths are from the root, as in {@code docker cp}: {@code app/x} is {@code /app/x}. */
    static String absolute(String path) {
        String normalized = ArchiveNames.normalize(path);
        return "/" + normalized;
    }
}
