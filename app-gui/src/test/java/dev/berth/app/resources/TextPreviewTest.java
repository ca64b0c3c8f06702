package dev.berth.app.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TextPreviewTest {

    @Test
    void showsUtf8TextAsIs() {
        FilePreview preview = TextPreview.of("a.txt", 9, "héllo ✓\n".getBytes(StandardCharsets.UTF_8), false);

        assertThat(preview.binary()).isFalse();
        assertThat(preview.text()).isEqualTo("héllo ✓\n");
        assertThat(preview.truncated()).isFalse();
    }

    @Test
    void showsABinaryFileAsAHexDumpOfItsFirstBytes() {
        byte[] bytes = new byte[4096];
        bytes[0] = 0x7f;
        bytes[1] = 'E';
        bytes[2] = 'L';
        bytes[3] = 'F';
        FilePreview preview = TextPreview.of("bin/app", 4096, bytes, false);

        assertThat(preview.binary()).isTrue();
        assertThat(preview.text()).startsWith("00000000  7f 45 4c 46 00").contains("|.ELF............|");
        assertThat(preview.text().lines()).hasSize(TextPreview.HEX_BYTES / 16);
        assertThat(preview.truncated()).isTrue();
    }

    @Test
    void aFileCutInTheMiddleOfACharacterIsStillText() {
        byte[] full = "ab✓".getBytes(StandardCharsets.UTF_8); // ✓ is three bytes
        byte[] cut = Arrays.copyOf(full, full.length - 1);

        FilePreview preview = TextPreview.of("big.log", 1_000_000, cut, true);

        assertThat(preview.binary()).isFalse();
        assertThat(preview.text()).startsWith("ab");
        assertThat(preview.truncated()).isTrue();
    }

    @Test
    void invalidUtf8IsBinary() {
        FilePreview preview = TextPreview.of("latin1.txt", 4, new byte[] {'c', 'a', 'f', (byte) 0xe9}, false);

        assertThat(preview.binary()).isTrue();
    }
}
