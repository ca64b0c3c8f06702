package dev.berth.engine.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code ssh://user@host[:port]}: runs {@code ssh … docker system dial-stdio} (as the docker CLI does) and
 * speaks HTTP over the process's stdin/stdout. Each pooled connection is one ssh process. Berth runs
 * {@code ssh}, never {@code docker}: the remote side's CLI only splices stdio onto its engine socket.
 */
public final class SshTransport implements Transport {

    private final String user;
    private final String host;
    private final int port;
    private final List<String> extraOptions;
    private final Duration readTimeout;

    public SshTransport(String user, String host, int port, List<String> extraOptions, Duration readTimeout) {
        this.user = user;
        this.host = host;
        this.port = port;
        this.extraOptions = List.copyOf(extraOptions);
        this.readTimeout = readTimeout;
    }

    /** The exact command line run for each connection. */
    public List<String> commandLine(Duration connectTimeout) {
        List<String> command = new ArrayList<>();
        command.add("ssh");
        command.add("-o");
        command.add("ConnectTimeout=" + Math.max(1, connectTimeout.toSeconds()));
        command.add("-o");
        command.add("BatchMode=yes"); // never prompt: a GUI has no terminal to type a password into
        command.addAll(extraOptions);
        if (port > 0) {
            command.add("-p");
            command.add(Integer.toString(port));
        }
        command.add("-T");
        command.add("--");
        command.add(user == null || user.isEmpty() ? host : user + "@" + host);
        command.add("docker");
        command.add("system");
        command.add("dial-stdio");
        return command;
    }

    @Override
    public Connection connect(Duration connectTimeout) throws IOException {
        Process process = new ProcessBuilder(commandLine(connectTimeout)).start();
        return new ProcessConnection(process, describe(), readTimeout);
    }

    @Override
    public String describe() {
        return "ssh://" + (user == null || user.isEmpty() ? "" : user + "@") + host + (port > 0 ? ":" + port : "");
    }

    private static final class ProcessConnection extends GuardedConnection {
        private static final int STDERR_KEPT = 4096;

        private final Process process;
        private final String target;
        private final InputStream in;
        private final OutputStream out;
        private final StringBuilder stderr = new StringBuilder();
        private final Thread stderrReader;

        ProcessConnection(Process process, String target, Duration readTimeout) {
            super(readTimeout);
            this.process = process;
            this.target = target;
            this.in = process.getInputStream();
            this.out = process.getOutputStream();
            // Drained all along (a full stderr pipe would stall ssh); the tail explains a failure.
            this.stderrReader = Thread.ofVirtual().name("ssh-stderr").start(this::drainStderr);
        }

        private void drainStderr() {
            byte[] buffer = new byte[1024];
            try (InputStream err = process.getErrorStream()) {
                for (int n = err.read(buffer); n >= 0; n = err.read(buffer)) {
                    synchronized (stderr) {
                        stderr.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                        if (stderr.length() > STDERR_KEPT) {
                            stderr.delete(0, stderr.length() - STDERR_KEPT);
                        }
                    }
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        }

        @Override
        protected int rawRead(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n < 0) {
                failIfSshFailed();
            }
            return n;
        }

        @Override
        protected void rawWrite(byte[] buffer, int offset, int length) throws IOException {
            try {
                out.write(buffer, offset, length);
            } catch (IOException e) {
                failIfSshFailed(); // "broken pipe" says less than ssh's own message
                throw e;
            }
        }

        @Override
        protected void rawFlush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                failIfSshFailed();
                throw e;
            }
        }

        /** When ssh (or the remote command) exited with an error, throws it with ssh's own words. */
        private void failIfSshFailed() throws SshException {
            try {
                if (process.waitFor(2, TimeUnit.SECONDS) && process.exitValue() != 0) {
                    stderrReader.join(Duration.ofSeconds(1));
                    String message;
                    synchronized (stderr) {
                        message = stderr.toString().strip();
                    }
                    throw new SshException(target, process.exitValue(), message);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void shutdownOutput() throws IOException {
            out.close();
        }

        @Override
        protected void rawClose() {
            process.destroy();
            try {
                in.close();
                out.close();
            } catch (IOException ignored) {
                // best effort
            }
        }
    }
}
