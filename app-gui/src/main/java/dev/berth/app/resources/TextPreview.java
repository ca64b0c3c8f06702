package dev.berth.app.resources;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Turns the first bytes of a file into something to show: its text if it is UTF-8 text, else a hex dump. */
public final class TextPreview {

    /** How much of a binary file the hex dump shows. */
    static final int HEX_BYTES = 1024;
    private static final int SNIFF_BYTES = 8192;

    private TextPreview() {}

    /**
     * @param head the first bytes of the file (all of it unless {@code truncated})
     * @param size the file's full size
     */
    public static FilePreview of(String path, long size, byte[] head, boolean truncated) {
        String text = decode(head, truncated);
        if (text != null) {
            return new FilePreview(path, size, text, false, truncated);
        }
        return new FilePreview(path, size, hexDump(head, Math.min(head.length, HEX_BYTES)), true, truncated || head.length > HEX_BYTES);
    }

    /** The text, or null when the bytes hold a NUL near the start or are not valid UTF-8. */
    static String decode(byte[] bytes, boolean truncated) {
        for (int i = 0; i < Math.min(bytes.length, SNIFF_BYTES); i++) {
            if (bytes[i] == 0) {
                return null;
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            // A cut-off file may end in the middle of a multi-byte character: that is not binary.
            boolean cutAtEnd = truncated && result.isMalformed() && bytes.length - in.position() < 4;
            if (!cutAtEnd) {
                return null;
            }
        }
        out.flip();
        return out.toString();
    }

    static String hexDump(byte[] bytes, int length) {
        StringBuilder dump = new StringBuilder();
        HexFormat hex = HexFormat.of();
        for (int offset = 0; offset < length; offset += 16) {
            int end = Math.min(offset + 16, length);
            dump.append(String.format("%08x  ", offset));
            for (int i = offset; i < offset + 16; i++) {
                dump.append(i < end ? hex.toHexDigits(bytes[i]) + " " : "   ");
                if (i == offset + 7) {
                    dump.append(' ');
                }
            }
            dump.append(" |");
            for (int i = offset; i < end; i++) {
                char c = (char) (bytes[i] & 0xff);
                dump.append(c >= 0x20 && c < 0x7f ? c : '.');
            }
            dump.append("|\n");
        }
        return dump.toString();
    }
}
