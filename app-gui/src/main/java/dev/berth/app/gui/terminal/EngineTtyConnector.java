package dev.berth.app.gui.terminal;

import com.techsenger.jeditermfx.core.TtyConnector;
import com.techsenger.jeditermfx.core.util.TermSize;
import dev.berth.engine.api.ContainersApi;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.model.ContainerConfig;
import dev.berth.engine.api.model.ExecCreateRequest;
import dev.berth.engine.stream.HijackedSession;
import dev.berth.engine.stream.OutputFrame;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/**
 * JediTermFX's connector on an engine session: an exec with a TTY ({@link #exec}) or an attach to the
 * container's main process ({@link #attach}). The hijacked stream is the terminal's input and output, resizes
 * go to the engine ({@code POST /exec/{id}/resize} or {@code /containers/{id}/resize}). No local pty is
 * involved. The terminal's own reader thread blocks in {@link #read}; {@link #write} is called from the FX
 * thread on key presses and writes a few bytes to the socket (the engine drains stdin at once); resizes are
 * sent on a virtual thread so the caller never waits for the engine.
 */
public final class EngineTtyConnector implements TtyConnector {

    /** Sends a size (columns, rows) to the engine's side of the session. */
    @FunctionalInterface
    interface Resizer {
        void resize(int columns, int rows);
    }

    /** How an attach session goes: whether the container has a TTY and whether keys are sent to its stdin. */
    public record AttachMode(boolean tty, boolean stdin) {
        /**
         * From the container's config. Stdin only when the container keeps it open ({@code OpenStdin}) and
         * not "once": with {@code StdinOnce} and no TTY, the engine closes the process's stdin when the
         * attach that carried it ends, so closing the tab would end a process that reads stdin.
         */
        static AttachMode of(ContainerConfig config) {
            boolean tty = Boolean.TRUE.equals(config.tty());
            boolean open = Boolean.TRUE.equals(config.openStdin());
            boolean once = Boolean.TRUE.equals(config.stdinOnce());
            return new AttachMode(tty, open && (tty || !once));
        }
    }

    private final String id;
    private final String name;
    private final HijackedSession session;
    private final Reader reader;
    private final Resizer resizer;
    private final boolean acceptsInput;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final AtomicReference<TermSize> pendingSize = new AtomicReference<>();
    private volatile boolean closed;
    /** Characters handed to the terminal so far (only its reader thread writes it): throughput figures. */
    private volatile long charsRead;
    private volatile Runnable onEnd = () -> { };
    private volatile BiConsumer<Integer, Integer> onResized = (columns, rows) -> { };

    private EngineTtyConnector(String id, String name, HijackedSession session, boolean tty, boolean acceptsInput, Resizer resizer) {
        this.id = id;
        this.name = name;
        this.session = session;
        this.resizer = resizer;
        this.acceptsInput = acceptsInput;
        InputStream bytes = new FrameInput(session.output().iterator());
        // Without a TTY nobody turns the process's "\n" into "\r\n" (a TTY's onlcr does): the terminal would stair-step.
        this.reader = new InputStreamReader(tty ? bytes : new LineFeedToCrLf(bytes), StandardCharsets.UTF_8);
    }

    /**
     * Creates and starts {@code command} in {@code container} with a TTY of {@code columns}×{@code rows}
     * (blocking I/O: call it off the UI thread).
     */
    public static EngineTtyConnector exec(EngineClient client, String container, String name, List<String> command, int columns, int rows) {
        String execId = client.exec().create(container, ExecCreateRequest.builder()
                .attachStdin(true).attachStdout(true).attachStderr(true).tty(true)
                // No COLUMNS/LINES: they would go stale at the first resize, and busybox lets them override the TTY's size.
                .env(List.of("TERM=xterm-256color", "COLORTERM=truecolor"))
                .cmd(command).build());
        HijackedSession session = client.exec().start(execId, true);
        EngineTtyConnector connector = new EngineTtyConnector(execId, name, session, true, true,
                (c, r) -> client.exec().resize(execId, r, c));
        connector.sendSize(new TermSize(columns, rows));
        return connector;
    }

    /**
     * Attaches to {@code container}'s main process ({@code POST /containers/{id}/attach?stream=1}): stdout and
     * stderr always, stdin as {@code mode} says. The size is sent only to a container with a TTY (a resize is
     * also what makes a shell there redraw its prompt, as {@code docker attach} does). Closing the connector
     * closes the stream and nothing else: the container keeps running (blocking I/O: call it off the UI thread).
     */
    public static EngineTtyConnector attach(EngineClient client, String container, String name, AttachMode mode, int columns, int rows) {
        HijackedSession session = client.containers().attach(container,
                new ContainersApi.AttachOptions(mode.stdin(), true, true, false));
        Resizer resizer = mode.tty() ? (c, r) -> client.containers().resize(container, r, c) : (c, r) -> { };
        EngineTtyConnector connector = new EngineTtyConnector(container, name, session, mode.tty(), mode.stdin(), resizer);
        if (mode.tty()) {
            connector.sendSize(new TermSize(columns, rows));
        }
        return connector;
    }

    /** Runs once the stream ended (the process exited or the container stopped), on the reader's thread. */
    public void onEnd(Runnable action) {
        this.onEnd = action;
        if (ended.getCount() == 0) {
            action.run();
        }
    }

    /** Told each size the engine accepted (columns, rows); tests and the tab's status read it. */
    public void onResized(BiConsumer<Integer, Integer> action) {
        this.onResized = action;
    }

    /** The exec's id, or the container's for an attach session. */
    public String sessionId() {
        return id;
    }

    /** Characters the terminal has read from the session so far. */
    public long charsRead() {
        return charsRead;
    }

    /** Whether keys reach the process (false for an attach to a container without open stdin). */
    public boolean acceptsInput() {
        return acceptsInput;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int read;
        try {
            read = reader.read(buffer, offset, length);
        } catch (IOException | RuntimeException e) {
            read = -1; // the socket closed under us: the session is over either way
        }
        if (read < 0) {
            end();
        } else {
            charsRead += read;
        }
        return read;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        if (closed || !acceptsInput || ended.getCount() == 0) {
            return;
        }
        OutputStream stdin = session.stdin();
        stdin.write(bytes);
        stdin.flush();
    }

    @Override
    public void write(String text) throws IOException {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean isConnected() {
        return !closed && ended.getCount() > 0;
    }

    @Override
    public void resize(TermSize size) {
        sendSize(size);
    }

    /** Sends the latest size on a virtual thread; sizes that arrive meanwhile collapse into the newest. */
    private void sendSize(TermSize size) {
        if (size.getColumns() <= 0 || size.getRows() <= 0 || pendingSize.getAndSet(size) != null) {
            return; // a sender is already on its way and will pick this size up
        }
        Thread.ofVirtual().name("berth-exec-resize").start(() -> {
            TermSize next;
            while ((next = pendingSize.get()) != null) {
                try {
                    resizer.resize(next.getColumns(), next.getRows());
                    onResized.accept(next.getColumns(), next.getRows());
                } catch (RuntimeException e) {
                    // the session has ended: nothing left to resize
                }
                if (pendingSize.compareAndSet(next, null)) {
                    return;
                }
            }
        });
    }

    @Override
    public int waitFor() throws InterruptedException {
        ended.await();
        return 0;
    }

    @Override
    public boolean ready() throws IOException {
        return reader.ready();
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public void close() {
        closed = true;
        session.close();
        end();
    }

    private void end() {
        if (ended.getCount() > 0) {
            ended.countDown();
            onEnd.run();
        }
    }

    /** A byte stream with each bare line feed preceded by a carriage return. */
    private static final class LineFeedToCrLf extends InputStream {
        private final InputStream in;
        private boolean pendingLineFeed;
        private int previous = -1;

        LineFeedToCrLf(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            if (pendingLineFeed) {
                pendingLineFeed = false;
                previous = '\n';
                return '\n';
            }
            int next = in.read();
            if (next == '\n' && previous != '\r') {
                pendingLineFeed = true;
                previous = '\r';
                return '\r';
            }
            previous = next;
            return next;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            int first = read();
            if (first < 0) {
                return -1;
            }
            target[offset] = (byte) first;
            int count = 1;
            // Go on only with what is already here: a read must not wait for more than the stream has.
            while (count < length && (pendingLineFeed || in.available() > 0)) {
                int next = read();
                if (next < 0) {
                    break;
                }
                target[offset + count++] = (byte) next;
            }
            return count;
        }

        @Override
        public int available() throws IOException {
            return in.available() + (pendingLineFeed ? 1 : 0);
        }
    }

    /** The session's output frames as one byte stream: a read hands on what the current frame has left. */
    private static final class FrameInput extends InputStream {
        private final Iterator<OutputFrame> frames;
        private byte[] current = new byte[0];
        private int position;

        FrameInput(Iterator<OutputFrame> frames) {
            this.frames = frames;
        }

        private boolean fill() {
            while (position >= current.length) {
                if (!frames.hasNext()) {
                    return false;
                }
                current = frames.next().bytes();
                position = 0;
            }
            return true;
        }

        @Override
        public int read() {
            return fill() ? current[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int count = Math.min(length, current.length - position);
            System.arraycopy(current, position, target, offset, count);
            position += count;
            return count;
        }

        @Override
        public int available() {
            return current.length - position;
        }
    }
}
