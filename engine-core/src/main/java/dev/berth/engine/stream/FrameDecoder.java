package dev.berth.engine.stream;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Exec/attach output as {@link OutputFrame}s: whole multiplexed frames, or raw reads with a TTY. */
public final class FrameDecoder implements ItemDecoder<OutputFrame> {

    private final InputStream in;
    private final boolean multiplexed;
    private final byte[] header = new byte[8];
    private final byte[] raw = new byte[32 * 1024];

    public FrameDecoder(InputStream in, boolean multiplexed) {
        this.in = in;
        this.multiplexed = multiplexed;
    }

    @Override
    public OutputFrame next() throws IOException {
        if (!multiplexed) {
            int n = in.read(raw, 0, raw.length);
            return n < 0 ? null : new OutputFrame(LogSource.STDOUT, Arrays.copyOf(raw, n));
        }
        int got = in.readNBytes(header, 0, header.length);
        if (got == 0) {
            return null;
        }
        if (got < header.length) {
            throw new EOFException("the engine ended the stream inside a frame header");
        }
        int size = ((header[4] & 0xff) << 24) | ((header[5] & 0xff) << 16) | ((header[6] & 0xff) << 8) | (header[7] & 0xff);
        byte[] payload = in.readNBytes(size);
        if (payload.length < size) {
            throw new EOFException("the engine ended the stream inside a frame");
        }
        return new OutputFrame(LogSource.ofHeaderByte(header[0]), payload);
    }
}
