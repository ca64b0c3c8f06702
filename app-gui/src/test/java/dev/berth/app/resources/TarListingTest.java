package dev.berth.app.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;

class TarListingTest {

    /** A tar shaped like the engine's answer to {@code GET /containers/ID/archive?path=/berth-volume}. */
    static byte[] volumeTar(int extraFiles) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.putArchiveEntry(new TarArchiveEntry("berth-volume/"));
            tar.closeArchiveEntry();
            tar.putArchiveEntry(new TarArchiveEntry("berth-volume/conf/"));
            tar.closeArchiveEntry();
            file(tar, "berth-volume/conf/app.ini", "name = berth\n");
            TarArchiveEntry link = new TarArchiveEntry("berth-volume/current", TarConstants.LF_SYMLINK);
            link.setLinkName("conf/app.ini");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
            for (int i = 0; i < extraFiles; i++) {
                file(tar, "berth-volume/data-" + i + ".bin", "x".repeat(i));
            }
        }
        return bytes.toByteArray();
    }

    private static void file(TarArchiveOutputStream tar, String name, String content) throws IOException {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(data.length);
        tar.putArchiveEntry(entry);
        tar.write(data);
        tar.closeArchiveEntry();
    }

    @Test
    void listsEntriesRelativeToTheVolumeRootWithoutTheRootItself() throws IOException {
        VolumeListing listing = TarListing.read("data", new ByteArrayInputStream(volumeTar(0)), 100);

        assertThat(listing.entries()).extracting(VolumeEntry::path).containsExactly("conf", "conf/app.ini", "current");
        assertThat(listing.entries()).extracting(VolumeEntry::type)
                .containsExactly(VolumeEntry.Type.DIRECTORY, VolumeEntry.Type.FILE, VolumeEntry.Type.LINK);
        assertThat(listing.entries().get(1).size()).isEqualTo(13);
        assertThat(listing.entries().get(2).linkTarget()).isEqualTo("conf/app.ini");
        assertThat(listing.truncated()).isFalse();
        assertThat(listing.totalFileBytes()).isEqualTo(13);
    }

    @Test
    void stopsAtTheLimitAndSaysTheListingIsTruncated() throws IOException {
        VolumeListing listing = TarListing.read("data", new ByteArrayInputStream(volumeTar(50)), 10);

        assertThat(listing.entries()).hasSize(10);
        assertThat(listing.truncated()).isTrue();
    }

    @Test
    void stripsTheFirstSegmentWhateverItIsCalled() {
        assertThat(TarListing.relative("berth-volume/")).isEmpty();
        assertThat(TarListing.relative("berth-volume/a/b.txt")).isEqualTo("a/b.txt");
        assertThat(TarListing.relative("./x/y/")).isEqualTo("y");
    }
}
