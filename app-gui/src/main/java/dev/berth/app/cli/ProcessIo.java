package dev.berth.app.cli;

import dev.berth.engine.stream.HijackedSession;
import dev.berth.engine.stream.LogSource;
import dev.berth.engine.stream.OutputFrame;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/**
 * Connects a hijacked exec/attach session to the CLI's stdio: stdin is copied to the process on a
 * virtual thread (end-of-file is passed on), output frames go to stdout/stderr as they arrive. On a
 * terminal with a TTY the local terminal is put in raw mode for the duration, so keys reach the process
 * unprocessed, and restored afterwards.
 */
final class ProcessIo {

    private ProcessIo() {}

    /** Pumps until the process closes its output. */
    static void connect(HijackedSession session, CliSession cli, boolean attachStdin, boolean rawTerminal) {
        try (RawMode raw = rawTerminal ? RawMode.enter() : RawMode.NONE) {
            if (attachStdin) {
                Thread.ofVirtual().name("berth-stdin").start(() -> copyStdin(cli.in(), session));
            }
            PrintWriter out = cli.out();
            PrintWriter err = cli.err();
            for (OutputFrame frame : session.output()) {
                PrintWriter target = frame.source() == LogSource.STDERR ? err : out;
                target.print(frame.text());
                target.flush();
            }
        }
    }

    /** Gives the remote TTY the local terminal's size (a wrong size is cosmetic: failures are ignored). */
    static void resize(BiConsumer<Integer, Integer> resizer) {
        int[] size = RawMode.size();
        if (size != null && size[0] > 0 && size[1] > 0) {
            try {
                resizer.accept(size[0], size[1]);
            } catch (RuntimeException e) {
                // the process may already be gone
            }
        }
    }

    private static void copyStdin(InputStream in, HijackedSession session) {
        byte[] buffer = new byte[8192];
        try {
            OutputStream stdin = session.stdin();
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                stdin.write(buffer, 0, n);
                stdin.flush();
            }
            session.closeStdin();
        } catch (IOException | RuntimeException e) {
            // the process ended or the session closed: nothing left to feed
        }
    }

    /** The local terminal in raw mode (through stty, as the JDK has no API for it). */
    static final class RawMode implements AutoCloseable {
        static final RawMode NONE = new RawMode(null);

        private final String saved;

        private RawMode(String saved) {
            this.saved = saved;
        }

        static RawMode enter() {
            try {
                String saved = stty("-g").trim();
                stty("raw", "-echo");
                return new RawMode(saved);
            } catch (IOException | InterruptedException e) {
                return NONE;
            }
        }

        /** The terminal's rows and columns, or null when unknown. */
        static int[] size() {
            try {
                String[] parts = stty("size").trim().split("\\s+");
                return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
            } catch (IOException | InterruptedException | RuntimeException e) {
                return null;
            }
        }

        @Override
        public void close() {
            if (saved != null) {
                try {
                    stty(saved);
                } catch (IOException | InterruptedException e) {
                    // nothing more to do: the user can type `reset`
                }
            }
        }

        private static String stty(String... args) throws IOException, InterruptedException {
            StringBuilder command = new StringBuilder("stty");
            for (String arg : args) {
                command.append(' ').append(arg);
            }
            Process process = new ProcessBuilder("sh", "-c", command + " < /dev/tty").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IOException(output);
            }
            return output;
        }
    }
}
