package dev.berth.bench;

import dev.berth.engine.stream.FrameDecoder;
import dev.berth.engine.stream.LogDecoder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding alone, on multiplexed log frames recorded from the real engine ({@code recorded-log-frames.bin.gz}:
 * {@code GET /containers/ID/logs} of a busybox container printing 5,000 access-log-like lines to stdout and
 * 500 warnings to stderr, one frame per line as the json-file driver delivers them), repeated to ~200k lines.
 * The {@code lines} counter is the figure: lines (or frames) decoded per second. Target ≥ 5M lines/s, so that
 * decoding is never what limits a log view (the engine itself delivers ~180k lines/s).
 * Run: {@code benchmarks/run jmh FrameDecoder -f 1 -wi 3 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FrameDecoderBenchmark {

    private static final int REPEAT = 36;

    private byte[] frames;

    /** Per-iteration counters JMH reports as rates next to the score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counted {
        public long lines;

        @Setup(Level.Iteration)
        public void reset() {
            lines = 0;
        }
    }

    @Setup
    public void load() throws IOException {
        byte[] recorded;
        try (InputStream in = new GZIPInputStream(FrameDecoderBenchmark.class.getResourceAsStream("recorded-log-frames.bin.gz"))) {
            recorded = in.readAllBytes();
        }
        ByteArrayOutputStream repeated = new ByteArrayOutputStream(recorded.length * REPEAT);
        for (int i = 0; i < REPEAT; i++) {
            repeated.write(recorded);
        }
        frames = repeated.toByteArray();
    }

    /** Frames to {@code LogLine}s (what a log view consumes), the socket delivering up to 64 KiB per read. */
    @Benchmark
    public long logLines(Counted counted) throws IOException {
        return decodeLines(new ByteArrayInputStream(frames), counted);
    }

    /** The same with 1,500-byte reads, so frames and lines split across reads all the time (as over TCP). */
    @Benchmark
    public long logLinesSmallReads(Counted counted) throws IOException {
        return decodeLines(new SmallReads(frames, 1500), counted);
    }

    /** Frames only ({@code OutputFrame}s, what exec/attach consumers get). */
    @Benchmark
    public long frames(Counted counted) throws IOException {
        FrameDecoder decoder = new FrameDecoder(new ByteArrayInputStream(frames), true);
        long n = 0;
        while (decoder.next() != null) {
            n++;
        }
        counted.lines += n;
        return n;
    }

    private static long decodeLines(InputStream in, Counted counted) throws IOException {
        LogDecoder decoder = new LogDecoder(in, true, false);
        long n = 0;
        while (decoder.next() != null) {
            n++;
        }
        counted.lines += n;
        return n;
    }

    /** An input stream that never returns more than {@code max} bytes per read. */
    private static final class SmallReads extends ByteArrayInputStream {
        private final int max;

        SmallReads(byte[] bytes, int max) {
            super(bytes);
            this.max = max;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, max));
        }
    }
}
