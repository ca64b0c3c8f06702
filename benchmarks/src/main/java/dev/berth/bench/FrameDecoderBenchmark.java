package dev.berth.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.berth.engine.stream.FrameDecoder;
import dev.berth.engine.stream.LogDecoder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.List;
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
 *
 * <p>On a machine shared with other work, wall-clock throughput mostly measures waiting for a core; {@link #main}
 * measures the same decoding in lines per second of the process's CPU time (GC included), the capacity figure.
 * Run: {@code benchmarks/run FrameDecoderBenchmark [rounds, default 40]}.
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

    /** Frames to {@code OutputLine}s (what a log view consumes), the socket delivering up to 64 KiB per read. */
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

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        FrameDecoderBenchmark benchmark = new FrameDecoderBenchmark();
        benchmark.load();
        // The process's CPU time, not the thread's: the garbage collector's threads do part of the work.
        OperatingSystemMXBean os =
                (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.printf("%-20s %16s %16s%n", "decoder", "M lines/CPU-s", "M lines/wall-s");
        for (String name : List.of("logLines", "logLinesSmallReads", "frames")) {
            Counted counted = new Counted();
            for (int i = 0; i < rounds; i++) {
                benchmark.run(name, counted); // warm-up
            }
            counted.reset();
            long cpu = os.getProcessCpuTime();
            long wall = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                benchmark.run(name, counted);
            }
            double cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
            double wallSeconds = (System.nanoTime() - wall) / 1e9;
            System.out.printf("%-20s %16.1f %16.1f%n", name, counted.lines / cpuSeconds / 1e6, counted.lines / wallSeconds / 1e6);
        }
    }

    private long run(String name, Counted counted) throws IOException {
        return switch (name) {
            case "logLines" -> logLines(counted);
            case "logLinesSmallReads" -> logLinesSmallReads(counted);
            default -> frames(counted);
        };
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
