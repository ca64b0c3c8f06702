package dev.berth.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogDecoderTest {

    static byte[] frame(int stream, String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(stream);
        out.writeBytes(new byte[] {0, 0, 0});
        out.write(bytes.length >>> 24);
        out.write(bytes.length >>> 16);
        out.write(bytes.length >>> 8);
        out.write(bytes.length);
        out.writeBytes(bytes);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Hands out at most {@code step} bytes per read, so frames split at every possible point. */
    static InputStream trickle(byte[] bytes, int step) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, step));
            }
        };
    }

    static List<OutputLine> decode(InputStream in, boolean multiplexed, int bufferSize) throws IOException {
        LogDecoder decoder = new LogDecoder(in, multiplexed, false, bufferSize);
        List<OutputLine> lines = new ArrayList<>();
        for (OutputLine line = decoder.next(); line != null; line = decoder.next()) {
            lines.add(line);
        }
        return lines;
    }

    private static final byte[] RECORDED = concat(
            frame(1, "first\nsecond\n"),
            frame(2, "an err"),
            frame(1, "third\r\n"),
            frame(2, "or line\n"),
            frame(1, "ünïcödé ✓\n"),
            frame(1, "tail without newline"));

    private static final List<OutputLine> EXPECTED = List.of(
            new OutputLine(LogSource.STDOUT, "first"),
            new OutputLine(LogSource.STDOUT, "second"),
            new OutputLine(LogSource.STDOUT, "third"),
            new OutputLine(LogSource.STDERR, "an error line"),
            new OutputLine(LogSource.STDOUT, "ünïcödé ✓"),
            new OutputLine(LogSource.STDOUT, "tail without newline"));

    @Test
    void splitsFramesIntoLinesPerStream() throws IOException {
        assertThat(decode(new ByteArrayInputStream(RECORDED), true, 64 * 1024)).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void decodesTheSameLinesWhateverTheReadBoundaries() throws IOException {
        for (int step = 1; step <= 17; step++) {
            assertThat(decode(trickle(RECORDED, step), true, 64 * 1024)).as("reads of %d bytes", step).containsExactlyElementsOf(EXPECTED);
        }
    }

    @Test
    void decodesWithABufferSmallerThanALine() throws IOException {
        assertThat(decode(trickle(RECORDED, 3), true, 8)).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void joinsALongLineSplitOverManyFrames() throws IOException {
        String chunk = "x".repeat(16 * 1024);
        byte[] bytes = concat(frame(1, chunk), frame(1, chunk), frame(1, chunk + "\n"));
        List<OutputLine> lines = decode(new ByteArrayInputStream(bytes), true, 4096);
        assertThat(lines).hasSize(1);
        assertThat(lines.getFirst().text()).hasSize(48 * 1024);
    }

    @Test
    void readsTtyOutputAsRawLines() throws IOException {
        byte[] raw = "one\r\ntwo\nthree".getBytes(StandardCharsets.UTF_8);
        assertThat(decode(trickle(raw, 2), false, 16)).extracting(OutputLine::text).containsExactly("one", "two", "three");
    }

    @Test
    void endsCleanlyWhenTheStreamStopsInsideAFrame() throws IOException {
        byte[] whole = frame(1, "complete\npartial line that is cut");
        byte[] cut = Arrays.copyOf(whole, whole.length - 10);
        assertThat(decode(new ByteArrayInputStream(cut), true, 1024)).extracting(OutputLine::text)
                .containsExactly("complete", "partial line t");
    }

    @Test
    void readsNothingFromAnEmptyStream() throws IOException {
        assertThat(decode(new ByteArrayInputStream(new byte[0]), true, 1024)).isEmpty();
    }

    @Test
    void splitsOffTimestampsWhenAsked() throws IOException {
        byte[] bytes = frame(1, "2026-11-23T09:30:00.123456789Z hello\n");
        OutputLine line = new LogDecoder(new ByteArrayInputStream(bytes), true, true).next();
        assertThat(line.text()).isEqualTo("hello");
        assertThat(line.timestamp()).isEqualTo(Instant.parse("2026-11-23T09:30:00.123456789Z"));
    }

    @Test
    void findsTheFirstLineBreakAtEveryPositionAndAlignment() {
        for (int length = 0; length < 40; length++) {
            for (int at = -1; at < length; at++) {
                byte[] bytes = new byte[length + 3];
                Arrays.fill(bytes, (byte) 'x');
                bytes[1] = (byte) 0x8a; // a UTF-8 continuation byte that differs from LF in one bit only
                if (at >= 0) {
                    bytes[at + 1] = '\n';
                    if (at + 5 < length) {
                        bytes[at + 5] = '\n'; // a later one must not win
                    }
                }
                int expected = at < 0 ? -1 : at + 1;
                assertThat(LogDecoder.indexOfNewline(bytes, 1, length + 1)).as("length %d, LF at %d", length, at).isEqualTo(expected);
            }
        }
    }
}
