package dev.berth.app.resources;

/**
 * Read-only access to one volume's files. Opening may create something on the engine (a helper
 * container), which {@link #close} removes.
 */
public interface VolumeFiles extends AutoCloseable {

    String volume();

    /** Every entry of the volume, up to a limit. */
    VolumeListing list();

    /** The first part of one file (path relative to the volume's root). */
    FilePreview preview(String path);

    @Override
    void close();
}
