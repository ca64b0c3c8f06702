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
            new OutputLine(LogSource.STDOUT, "third", null, null, OutputLine.LineBreak.CRLF),
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

    /** Frames of raw bytes (which {@link #frame} cannot make: it encodes a String). */
    static byte[] frame(int stream, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(stream);
        out.writeBytes(new byte[] {0, 0, 0, (byte) (payload.length >>> 24), (byte) (payload.length >>> 16),
            (byte) (payload.length >>> 8), (byte) payload.length});
        out.writeBytes(payload);
        return out.toByteArray();
    }

    @Test
    void keepsTheBytesOfALineThatIsNotUtf8() throws IOException {
        byte[] invalid = {'a', (byte) 0xC3, '(', 'b', (byte) 0xFF, (byte) 0xFE, 'c', (byte) 0xE2, (byte) 0x82};
        byte[] bytes = concat(frame(1, concat(invalid, new byte[] {'\n'})), frame(1, "plain ✓\n"));
        for (int step = 1; step <= 5; step++) {
            List<OutputLine> lines = decode(trickle(bytes, step), true, 8);
            assertThat(lines.get(0).text()).isEqualTo("a\uFFFD(b\uFFFD\uFFFDc\uFFFD");
            assertThat(lines.get(0).content()).isEqualTo(invalid);
            assertThat(lines.get(0).lossy()).isTrue();
            assertThat(lines.get(1).lossy()).as("a valid line keeps no copy").isFalse();
            assertThat(lines.get(1).content()).isEqualTo("plain ✓".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void remembersATtysCrlfSoTheLineCanBePrintedAsReceived() throws IOException {
        byte[] raw = "one\r\ntwo\n\r\n".getBytes(StandardCharsets.UTF_8);
        assertThat(decode(trickle(raw, 2), false, 16)).extracting(OutputLine::lineBreak)
                .containsExactly(OutputLine.LineBreak.CRLF, OutputLine.LineBreak.LF, OutputLine.LineBreak.CRLF);
    }

    @Test
    void handsOutALineWithoutEndInPiecesOfTheLimit() throws IOException {
        byte[] endless = new byte[10_000];
        Arrays.fill(endless, (byte) 'z');
        List<OutputLine> lines = decode(false, new ByteArrayInputStream(concat(endless, "\nnext\n".getBytes(StandardCharsets.UTF_8))), 4096);
        assertThat(lines).extracting(line -> line.text().length()).containsExactly(4096, 4096, 1808, 4);
        assertThat(lines).extracting(OutputLine::lineBreak).containsExactly(OutputLine.LineBreak.NONE,
                OutputLine.LineBreak.NONE, OutputLine.LineBreak.LF, OutputLine.LineBreak.LF);
    }

    private static List<OutputLine> decode(boolean multiplexed, InputStream in, int maxLine) throws IOException {
        LogDecoder decoder = new LogDecoder(in, multiplexed, false, 1024, maxLine);
        List<OutputLine> lines = new ArrayList<>();
        for (OutputLine line = decoder.next(); line != null; line = decoder.next()) {
            lines.add(line);
        }
        return lines;
    }

    @Test
    void dropsTheTimestampsOfTheFramesThatContinueALongLine() throws IOException {
        // What the engine sends for a 40 KiB line with timestamps=1: the json-file driver kept three partial
        // messages, and each frame starts with its own stamp.
        String chunk = "y".repeat(16 * 1024);
        byte[] bytes = concat(frame(1, "2026-12-03T10:35:28.571449749Z " + chunk),
                frame(1, "2026-12-03T10:35:28.571470001Z " + chunk),
                frame(1, "2026-12-03T10:35:28.571480002Z " + "y".repeat(8 * 1024) + "\n"),
                frame(1, "2026-12-03T10:35:29.000000000Z after\n"));
        for (int step : new int[] {7, 4096, 65536}) {
            LogDecoder decoder = new LogDecoder(trickle(bytes, step), true, true, 1024, 20_000);
            List<OutputLine> lines = new ArrayList<>();
            for (OutputLine line = decoder.next(); line != null; line = decoder.next()) {
                lines.add(line);
            }
            assertThat(String.join("", lines.subList(0, 3).stream().map(OutputLine::text).toList()))
                    .as("reads of %d", step).isEqualTo("y".repeat(40 * 1024));
            assertThat(lines.get(0).timestamp()).isEqualTo(Instant.parse("2026-12-03T10:35:28.571449749Z"));
            assertThat(lines.get(3).text()).isEqualTo("after");
            assertThat(lines.get(3).timestamp()).isEqualTo(Instant.parse("2026-12-03T10:35:29Z"));
        }
    }

    @Test
    void dropsTheTimestampsOfTheLogDriversPiecesInATtysRawStream() throws IOException {
        // A TTY container's long lines with timestamps=1: the engine's copier cut them every 16 KiB and stamped
        // every piece; a line of 16,383 bytes and its \r fill one piece exactly, so its \n comes stamped alone.
        String piece = "t".repeat(16 * 1024);
        String stream = "2026-12-03T10:00:00.000000001Z " + piece + "2026-12-03T10:00:00.000000002Z " + piece
                + "2026-12-03T10:00:00.000000003Z tail\r\n"
                + "2026-12-03T10:00:01.000000000Z " + "u".repeat(16 * 1024 - 1) + "\r" + "2026-12-03T10:00:01.000000001Z \n"
                + "2026-12-03T10:00:02Z after\r\n";
        for (int step : new int[] {5, 4096, 1 << 20}) {
            LogDecoder decoder = new LogDecoder(trickle(stream.getBytes(StandardCharsets.UTF_8), step), false, true, 1024, 1 << 20);
            List<OutputLine> lines = new ArrayList<>();
            for (OutputLine line = decoder.next(); line != null; line = decoder.next()) {
                lines.add(line);
            }
            assertThat(lines).extracting(OutputLine::text).as("reads of %d", step)
                    .containsExactly(piece + piece + "tail", "u".repeat(16 * 1024 - 1), "after");
            assertThat(lines).extracting(OutputLine::lineBreak).containsOnly(OutputLine.LineBreak.CRLF);
            assertThat(lines.get(0).timestamp()).isEqualTo(Instant.parse("2026-12-03T10:00:00.000000001Z"));
        }
    }

    @Test
    void keepsTextThatOnlyLooksLikeAStampWhenItIsNotWhereTheEngineStampsPieces() throws IOException {
        String stream = "2026-12-03T10:00:00Z say 2026-12-03T10:00:00Z twice\n";
        OutputLine line = new LogDecoder(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)), false, true).next();
        assertThat(line.text()).isEqualTo("say 2026-12-03T10:00:00Z twice");
    }
}
