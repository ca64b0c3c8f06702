package dev.berth.compose;

import dev.berth.compose.yaml.YamlLimits;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the loader reads compose files, {@code .env} and env files from. {@link #DISK} reads the file
 * system; {@link #overlay} lets an editor validate the texts it holds in memory (unsaved buffers) while
 * every other file still comes from disk, so a whole project — overrides included — is checked as it
 * will be once saved.
 */
public interface SourceFiles {

    /** True when {@code file} exists as a regular file (or is held in memory). */
    boolean isRegularFile(Path file);

    /** The UTF-8 text of {@code file}. */
    String read(Path file) throws IOException;

    /**
     * The most bytes a file may have: four per code point of {@link dev.berth.compose.yaml.YamlLimits#DEFAULT}'s
     * limit (UTF-8's longest), so the reader refuses by size before a byte is read and nothing bigger can
     * exhaust the heap (a 3 GiB file would fail with {@code OutOfMemoryError} inside {@code readString}).
     */
    long MAX_BYTES = 4L * YamlLimits.DEFAULT.codePointLimit();

    /** The file system. */
    SourceFiles DISK = new SourceFiles() {
        @Override
        public boolean isRegularFile(Path file) {
            return Files.isRegularFile(file);
        }

        @Override
        public String read(Path file) throws IOException {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new IOException("the file has " + size + " bytes, larger than the " + MAX_BYTES
                        + " a compose file may have");
            }
            return utf8(Files.readAllBytes(file));
        }
    };

    /** The bytes as UTF-8 text, or an IOException saying where they stop being UTF-8 (a binary file). */
    static String utf8(byte[] bytes) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new IOException(String.format("the file is not UTF-8 text (a binary file?): byte 0x%02x at offset %d",
                    bytes[in.position()] & 0xff, in.position()));
        }
        return out.flip().toString();
    }

    /**
     * {@code texts} (absolute, normalised paths → content) over {@code under}: a path in the map is read
     * from it even when the file does not exist on disk yet.
     */
    static SourceFiles overlay(Map<Path, String> texts, SourceFiles under) {
        Map<Path, String> copy = Map.copyOf(texts);
        return new SourceFiles() {
            @Override
            public boolean isRegularFile(Path file) {
                return copy.containsKey(key(file)) || under.isRegularFile(file);
            }

            @Override
            public String read(Path file) throws IOException {
                String text = copy.get(key(file));
                return text != null ? text : under.read(file);
            }

            private Path key(Path file) {
                return file.toAbsolutePath().normalize();
            }
        };
    }
}
