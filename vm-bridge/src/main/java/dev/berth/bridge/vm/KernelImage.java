package dev.berth.bridge.vm;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The arm64 kernel as Virtualization.framework boots it: an uncompressed {@code Image} (a compressed one hangs the VM
 * before its first console line). Debian's {@code vmlinuz} on arm64 is the Image gzipped, or on newer kernels an EFI
 * "zboot" executable ({@code MZ}, {@code zimg} at offset 4) whose payload is the gzipped Image. An x86_64 bzImage
 * is booted as it is.
 */
public final class KernelImage {

    /** The arm64 Image header's magic at offset 0x38: "ARM\x64". */
    static final int ARM64_MAGIC_OFFSET = 0x38;

    private KernelImage() {}

    public enum Kind { ARM64_IMAGE, GZIP, ZBOOT_GZIP, OTHER }

    public static Kind kind(byte[] head) {
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return Kind.GZIP;
        }
        if (head.length >= 0x20 && head[0] == 'M' && head[1] == 'Z' && new String(head, 4, 4, StandardCharsets.US_ASCII).equals("zimg")) {
            String compression = new String(head, 0x18, 8, StandardCharsets.US_ASCII).replace("\0", "");
            return compression.equals("gzip") ? Kind.ZBOOT_GZIP : Kind.OTHER;
        }
        if (head.length >= ARM64_MAGIC_OFFSET + 4 && head[ARM64_MAGIC_OFFSET] == 'A' && head[ARM64_MAGIC_OFFSET + 1] == 'R'
                && head[ARM64_MAGIC_OFFSET + 2] == 'M' && head[ARM64_MAGIC_OFFSET + 3] == 0x64) {
            return Kind.ARM64_IMAGE;
        }
        return Kind.OTHER;
    }

    /**
     * Writes the uncompressed Image of {@code kernel} to {@code target} unless it is already there and newer than the
     * kernel; returns {@code target}.
     */
    public static Path uncompressed(Path kernel, Path target) {
        try {
            if (Files.isRegularFile(target) && Files.getLastModifiedTime(target).compareTo(Files.getLastModifiedTime(kernel)) >= 0) {
                return target;
            }
            byte[] bytes = Files.readAllBytes(kernel);
            byte[] image = switch (kind(bytes)) {
                case ARM64_IMAGE -> bytes;
                case GZIP -> gunzip(new ByteArrayInputStream(bytes));
                case ZBOOT_GZIP -> {
                    ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
                    int offset = header.getInt(8);
                    int size = header.getInt(12);
                    if (offset < 0 || size <= 0 || (long) offset + size > bytes.length) {
                        throw new VmException("uncompress the kernel", kernel + ": an EFI zboot image whose payload lies outside the file");
                    }
                    yield gunzip(new ByteArrayInputStream(bytes, offset, size));
                }
                case OTHER -> throw new VmException("uncompress the kernel", kernel + " is neither an arm64 Image nor a gzip or EFI zboot (gzip)"
                        + " compressed one: Virtualization.framework boots only an uncompressed Image");
            };
            if (kind(image) != Kind.ARM64_IMAGE) {
                throw new VmException("uncompress the kernel", kernel + " uncompressed to something without the arm64 Image magic");
            }
            Path temporary = target.resolveSibling(target.getFileName() + ".new");
            try (OutputStream out = Files.newOutputStream(temporary)) {
                out.write(image);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new VmException("uncompress the kernel", "cannot write " + target + ": " + e.getMessage(), List.of(), e);
        }
    }

    private static byte[] gunzip(InputStream in) throws IOException {
        try (GZIPInputStream gzip = new GZIPInputStream(in)) {
            return gzip.readAllBytes();
        }
    }
}
