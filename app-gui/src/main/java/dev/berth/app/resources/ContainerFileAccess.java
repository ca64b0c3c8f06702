package dev.berth.app.resources;

import dev.berth.engine.files.ContainerFiles;
import java.nio.file.Path;
import java.util.List;

/**
 * A container's files as the GUI's file tree needs them: one folder at a time (the tree is lazy), download
 * to the host, upload into a folder. Every method does I/O: call it off the UI thread.
 * {@link EngineContainerFiles} is the real one.
 */
public interface ContainerFileAccess {

    /** The children of {@code folder} (absolute in the container), folders first. */
    ContainerFiles.Listing list(String container, String folder);

    /** Copies a file or folder of the container into {@code destination} (a file path, or an existing folder). */
    ContainerFiles.CopyResult download(String container, String path, Path destination);

    /** Which of {@code local}'s names already exist in {@code folder} of the container (what an upload would overwrite). */
    List<String> existing(String container, String folder, List<Path> local);

    /** Throws a {@link ResourceRefusedException} saying why when the container is not running (uploads need it running). */
    void checkWritable(String container);

    /**
     * Copies host files or folders into {@code folder} of a running container; refused with a
     * {@link ResourceRefusedException} when the container is not running.
     */
    ContainerFiles.CopyResult upload(String container, List<Path> local, String folder);
}
