package dev.berth.compose.load;

import dev.berth.compose.tree.MapNode;
import java.nio.file.Path;
import java.util.Map;

/**
 * One YAML document on its way through the per-file phases.
 *
 * @param file        where it was read from (for messages and for relative {@code extends.file})
 * @param baseDir     what its relative paths are relative to
 * @param environment what its variables are interpolated from
 */
record ComposeDocument(Path file, Path baseDir, Map<String, String> environment, MapNode root) {}
