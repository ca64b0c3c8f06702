package dev.berth.engine.build;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a POSIX (ustar) tar stream, the format the engine's build and archive calls take. Names too long
 * for ustar get a PAX header, so any path works. Streams straight to the output: no temp file.
 */
public final class TarWriter implements Closeable {

    private static final int BLOCK = 512;
    private final OutputStream out;

    public TarWriter(OutputStream out) {
        this.out = out;
    }

    public void directory(String name, int mode, long modifiedSeconds) throws IOException {
        header(name.endsWith("/") ? name : name + "/", mode, 0, modifiedSeconds, '5');
    }

    public void file(String name, int mode, long modifiedSeconds, byte[] content) throws IOException {
        header(name, mode, content.length, modifiedSeconds, '0');
        out.write(content);
        pad(content.length);
    }

    public void file(String name, int mode, long modifiedSeconds, long size, InputStream content) throws IOException {
        header(name, mode, size, modifiedSeconds, '0');
        long copied = content.transferTo(out);
        if (copied != size) {
            throw new IOException(name + " changed size while being archived (" + size + " → " + copied + " bytes)");
        }
        pad(size);
    }

    private void header(String name, int mode, long size, long modified, char type) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length > 100) {
            byte[] record = paxRecord("path", name);
            writeHeaderBlock("././@PaxHeader", 0644, record.length, modified, 'x', "././@PaxHeader".getBytes(StandardCharsets.US_ASCII));
            out.write(record);
            pad(record.length);
            nameBytes = truncatedName(nameBytes);
        }
        writeHeaderBlock(name, mode, size, modified, type, nameBytes);
    }

    private static byte[] truncatedName(byte[] nameBytes) {
        byte[] shortName = new byte[100];
        System.arraycopy(nameBytes, nameBytes.length - 100, shortName, 0, 100);
        return shortName;
    }

    private void writeHeaderBlock(String name, int mode, long size, long modified, char type, byte[] nameBytes) throws IOException {
        byte[] block = new byte[BLOCK];
        System.arraycopy(nameBytes, 0, block, 0, Math.min(100, nameBytes.length));
        octal(block, 100, 8, mode);
        octal(block, 108, 8, 0);
        octal(block, 116, 8, 0);
        octal(block, 124, 12, size);
        octal(block, 136, 12, modified);
        for (int i = 148; i < 156; i++) {
            block[i] = ' ';
        }
        block[156] = (byte) type;
        byte[] magic = "ustar\u000000".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, block, 257, magic.length);
        long sum = 0;
        for (byte b : block) {
            sum += b & 0xff;
        }
        octal(block, 148, 7, sum);
        out.write(block);
    }

    private static byte[] paxRecord(String key, String value) {
        String body = " " + key + "=" + value + "\n";
        int length = body.getBytes(StandardCharsets.UTF_8).length;
        int total = length + Integer.toString(length).length();
        if (Integer.toString(total).length() != Integer.toString(length).length()) {
            total++;
        }
        return (total + body).getBytes(StandardCharsets.UTF_8);
    }

    private static void octal(byte[] block, int offset, int length, long value) {
        String text = Long.toOctalString(value);
        int digits = length - 1;
        if (text.length() > digits) {
            throw new IllegalArgumentException("value too large for a tar header: " + value);
        }
        for (int i = 0; i < digits - text.length(); i++) {
            block[offset + i] = '0';
        }
        for (int i = 0; i < text.length(); i++) {
            block[offset + digits - text.length() + i] = (byte) text.charAt(i);
        }
        block[offset + digits] = 0;
    }

    private void pad(long size) throws IOException {
        int remainder = (int) (size % BLOCK);
        if (remainder != 0) {
            out.write(new byte[BLOCK - remainder]);
        }
    }

    /** Writes the two empty blocks that end an archive; does not close the underlying stream. */
    public void finish() throws IOException {
        out.write(new byte[BLOCK * 2]);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        finish();
    }
}
