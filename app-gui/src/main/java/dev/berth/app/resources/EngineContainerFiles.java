package dev.berth.app.resources;

import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.model.ContainerInspect;
import dev.berth.engine.files.ContainerFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@link ContainerFileAccess} on the engine's archive API ({@link ContainerFiles}). Browsing and download
 * work on stopped containers too; upload is refused there: the GUI writes only into a container that is
 * running, so a file is never slipped into one the user thinks of as off (the CLI's {@code cp}, like
 * {@code docker cp}, allows it).
 */
public final class EngineContainerFiles implements ContainerFileAccess {

    /** Children one folder listing keeps; a folder with more shows the first ones and says so. */
    public static final int LIST_LIMIT = 5_000;

    private final Supplier<EngineClient> client;

    public EngineContainerFiles(Supplier<EngineClient> client) {
        this.client = client;
    }

    private ContainerFiles files() {
        return new ContainerFiles(client.get().containers());
    }

    @Override
    public ContainerFiles.Listing list(String container, String folder) {
        return files().list(container, folder, LIST_LIMIT);
    }

    @Override
    public ContainerFiles.CopyResult download(String container, String path, Path destination) {
        return files().copyOut(container, path, destination, false);
    }

    @Override
    public List<String> existing(String container, String folder, List<Path> local) {
        ContainerFiles files = files();
        List<String> found = new ArrayList<>();
        for (Path path : local) {
            String name = path.getFileName().toString();
            if (files.exists(container, join(folder, name))) {
                found.add(name);
            }
        }
        return found;
    }

    @Override
    public void checkWritable(String container) {
        ContainerInspect inspect = client.get().containers().inspect(container);
        boolean running = inspect.state() != null && Boolean.TRUE.equals(inspect.state().running());
        if (!running) {
            String name = inspect.name() == null ? container : inspect.name().replaceFirst("^/", "");
            String state = inspect.state() == null || inspect.state().status() == null ? "not running" : inspect.state().status();
            throw new ResourceRefusedException("Container " + name + " is not running (" + state + ")"
                    + ": files can only be uploaded into a running container. Start it first.");
        }
    }

    @Override
    public ContainerFiles.CopyResult upload(String container, List<Path> local, String folder) {
        checkWritable(container);
        ContainerFiles files = files();
        long count = 0;
        long bytes = 0;
        for (Path path : local) {
            ContainerFiles.CopyResult result = files.copyIn(path, container, folder, false);
            count += result.files();
            bytes += result.bytes();
        }
        return new ContainerFiles.CopyResult(count, bytes);
    }

    static String join(String folder, String name) {
        return folder.endsWith("/") ? folder + name : folder + "/" + name;
    }
}
