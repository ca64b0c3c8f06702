package dev.berth.engine.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChunkedInputStreamTest {

    static InputStream trickle(String text, int step) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, step));
            }
        };
    }

    static String decode(String wire, int step) throws IOException {
        HttpInput in = new HttpInput(trickle(wire, step), 16);
        ChunkedInputStream chunked = new ChunkedInputStream(in);
        String body = new String(chunked.readAllBytes(), StandardCharsets.ISO_8859_1);
        assertThat(chunked.isFinished()).isTrue();
        return body;
    }

    @Test
    void decodesChunksSplitAtEveryPossibleByte() throws IOException {
        String wire = "5\r\nhello\r\n1;name=value\r\n \r\nA\r\n0123456789\r\n0\r\n\r\n";
        for (int step = 1; step < 12; step++) {
            assertThat(decode(wire, step)).isEqualTo("hello 0123456789");
        }
    }

    @Test
    void acceptsUpperCaseHexAndTrailers() throws IOException {
        assertThat(decode("1A\r\n" + "z".repeat(26) + "\r\n0\r\nX-Checksum: 1\r\nX-Other: 2\r\n\r\n", 4)).hasSize(26);
    }

    @Test
    void leavesTheNextResponseUntouchedAfterTheLastChunk() throws IOException {
        HttpInput in = new HttpInput(trickle("3\r\nabc\r\n0\r\n\r\nHTTP/1.1 200 OK\r\n", 5), 8);
        assertThat(new ChunkedInputStream(in).readAllBytes()).hasSize(3);
        assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
    }

    @Test
    void readsAnEmptyBody() throws IOException {
        assertThat(decode("0\r\n\r\n", 1)).isEmpty();
    }

    @Test
    void rejectsAMalformedSize() {
        assertThatThrownBy(() -> decode("zz\r\nhello\r\n0\r\n\r\n", 64)).isInstanceOf(IOException.class).hasMessageContaining("chunk size");
    }

    @Test
    void rejectsAChunkWithoutItsTrailingCrLf() {
        assertThatThrownBy(() -> decode("3\r\nabcX\r\n0\r\n\r\n", 64)).isInstanceOf(IOException.class).hasMessageContaining("CR LF");
    }

    @Test
    void reportsAConnectionCutInsideAChunk() {
        assertThatThrownBy(() -> decode("a\r\nabc", 64)).isInstanceOf(EOFException.class);
    }

    @Test
    void returnsEveryBufferedChunkInOneRead() throws IOException {
        // The engine sends a log as one chunk per frame: a reader should get them in bulk.
        HttpInput in = new HttpInput(new ByteArrayInputStream("2\r\nab\r\n3\r\ncde\r\n1\r\nf\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)), 64);
        ChunkedInputStream chunked = new ChunkedInputStream(in);
        byte[] target = new byte[64];
        assertThat(chunked.read(target, 0, 64)).isEqualTo(6);
        assertThat(new String(target, 0, 6, StandardCharsets.ISO_8859_1)).isEqualTo("abcdef");
        assertThat(chunked.read(target, 0, 64)).isEqualTo(-1);
        assertThat(chunked.isFinished()).isTrue();
    }

    @Test
    void neverWaitsForMoreOnceItHasData() throws IOException {
        // After the first chunk the source would block (an event stream between events): the read must return.
        InputStream source = new InputStream() {
            private final byte[] first = "5\r\nhello\r\n".getBytes(StandardCharsets.ISO_8859_1);
            private int position;

            @Override
            public int read() {
                throw new AssertionError("single-byte reads are not used");
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (position == first.length) {
                    throw new AssertionError("blocked waiting for the next event");
                }
                int n = Math.min(len, first.length - position);
                System.arraycopy(first, position, b, off, n);
                position += n;
                return n;
            }
        };
        ChunkedInputStream chunked = new ChunkedInputStream(new HttpInput(source, 64));
        byte[] target = new byte[64];
        assertThat(chunked.read(target, 0, 64)).isEqualTo(5);
    }
}
