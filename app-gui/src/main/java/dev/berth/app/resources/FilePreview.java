package dev.berth.app.resources;

/**
 * The first bytes of a file in a volume, ready to show.
 *
 * @param size the file's full size in bytes
 * @param text the content as text (UTF-8) or, for a binary file, a hex dump of its first bytes
 * @param binary whether the file did not look like text
 * @param truncated whether only the first part of the file was read
 */
public record FilePreview(String path, long size, String text, boolean binary, boolean truncated) {}
