package dev.berth.app.gui.terminal;

import com.techsenger.jeditermfx.core.TtyConnector;
import com.techsenger.jeditermfx.core.util.TermSize;
import dev.berth.engine.api.EngineClient;
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
 * JediTermFX's connector on an engine exec session with a TTY: the hijacked stream is the terminal's
 * input and output, resizes go to {@code POST /exec/{id}/resize}. No local pty is involved. The terminal's
 * own reader thread blocks in {@link #read}; {@link #write} is called from the FX thread on key presses
 * and writes a few bytes to the socket (the engine drains stdin at once); resizes are sent on a virtual
 * thread so the caller never waits for the engine.
 */
public final class ExecTtyConnector implements TtyConnector {

    private final EngineClient client;
    private final String execId;
    private final String name;
    private final HijackedSession session;
    private final Reader reader;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final AtomicReference<TermSize> pendingSize = new AtomicReference<>();
    private volatile boolean closed;
    private volatile Runnable onEnd = () -> { };
    private volatile BiConsumer<Integer, Integer> onResized = (columns, rows) -> { };

    private ExecTtyConnector(EngineClient client, String execId, String name, HijackedSession session) {
        this.client = client;
        this.execId = execId;
        this.name = name;
        this.session = session;
        this.reader = new InputStreamReader(new FrameInput(session.output().iterator()), StandardCharsets.UTF_8);
    }

    /**
     * Creates and starts {@code command} in {@code container} with a TTY of {@code columns}×{@code rows}
     * (blocking I/O: call it off the UI thread).
     */
    public static ExecTtyConnector open(EngineClient client, String container, String name, List<String> command, int columns, int rows) {
        String execId = client.exec().create(container, ExecCreateRequest.builder()
                .attachStdin(true).attachStdout(true).attachStderr(true).tty(true)
                // No COLUMNS/LINES: they would go stale at the first resize, and busybox lets them override the TTY's size.
                .env(List.of("TERM=xterm-256color", "COLORTERM=truecolor"))
                .cmd(command).build());
        HijackedSession session = client.exec().start(execId, true);
        ExecTtyConnector connector = new ExecTtyConnector(client, execId, name, session);
        connector.sendSize(new TermSize(columns, rows));
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

    public String execId() {
        return execId;
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
        }
        return read;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        if (closed || ended.getCount() == 0) {
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
                    client.exec().resize(execId, next.getRows(), next.getColumns());
                    onResized.accept(next.getColumns(), next.getRows());
                } catch (RuntimeException e) {
                    // the exec has ended: nothing left to resize
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

    /** The exec's output frames as one byte stream: a read hands on what the current frame has left. */
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
