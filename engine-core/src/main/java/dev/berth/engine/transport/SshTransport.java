package dev.berth.engine.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
        return new ProcessConnection(process, readTimeout);
    }

    @Override
    public String describe() {
        return "ssh://" + (user == null || user.isEmpty() ? "" : user + "@") + host + (port > 0 ? ":" + port : "");
    }

    private static final class ProcessConnection extends GuardedConnection {
        private final Process process;
        private final InputStream in;
        private final OutputStream out;

        ProcessConnection(Process process, Duration readTimeout) {
            super(readTimeout);
            this.process = process;
            this.in = process.getInputStream();
            this.out = process.getOutputStream();
        }

        @Override
        protected int rawRead(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n < 0 && exitedWithError()) {
                String stderr = new String(process.getErrorStream().readNBytes(4096), StandardCharsets.UTF_8).strip();
                throw new IOException("ssh exited with " + process.exitValue() + (stderr.isEmpty() ? "" : ": " + stderr));
            }
            return n;
        }

        private boolean exitedWithError() {
            try {
                return process.waitFor(2, java.util.concurrent.TimeUnit.SECONDS) && process.exitValue() != 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        @Override
        protected void rawWrite(byte[] buffer, int offset, int length) throws IOException {
            out.write(buffer, offset, length);
        }

        @Override
        protected void rawFlush() throws IOException {
            out.flush();
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
