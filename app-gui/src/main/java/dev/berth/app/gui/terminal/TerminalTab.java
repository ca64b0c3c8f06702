package dev.berth.app.gui.terminal;

import atlantafx.base.theme.Styles;
import com.techsenger.jeditermfx.ui.JediTermFxWidget;
import com.techsenger.jeditermfx.ui.settings.DefaultSettingsProvider;
import dev.berth.app.gui.controls.Icons;
import dev.berth.app.gui.fx.UiScheduler;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.model.ContainerInspect;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.layout.BorderPane;
import org.kordamp.ikonli.feather.Feather;

/**
 * "Open shell": a tab with a JediTermFX terminal on an exec session in one container. The exec is created
 * and started on the background executor; the terminal's own thread reads the stream; the FX thread only
 * paints and sends key presses. When the stream ends the tab says why — the container stopped, or the
 * shell exited — and stays open with its scroll-back until the user closes it.
 */
public final class TerminalTab extends Tab {

    /** The default command: a POSIX shell is in nearly every image (bash is not). */
    public static final List<String> DEFAULT_SHELL = List.of("sh");

    private final JediTermFxWidget widget = new JediTermFxWidget(100, 30, new DefaultSettingsProvider());
    /** How long a killed shell waits for its container's state to say "stopped". */
    private static final Duration STOP_GRACE = Duration.ofSeconds(3);
    private final Label status = new Label("Connecting…");
    private volatile ExecTtyConnector connector;
    private boolean closed;

    private TerminalTab(String containerName) {
        super(containerName);
        setGraphic(Icons.icon(Feather.TERMINAL));
        setId("terminal-tab");
        status.setId("terminal-status");
        status.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        BorderPane content = new BorderPane(widget.getPane());
        content.setBottom(status);
        content.getStyleClass().add("terminal-tab");
        setContent(content);
        setClosable(true);
        setOnClosed(event -> close());
    }

    /** Opens {@code command} in {@code container} in a new tab; the tab shows "Connecting…" until the exec runs. */
    public static TerminalTab open(Supplier<EngineClient> engine, String containerId, String containerName, List<String> command,
                                   UiScheduler ui, Executor background) {
        TerminalTab tab = new TerminalTab(containerName);
        background.execute(() -> {
            try {
                EngineClient client = engine.get();
                ExecTtyConnector opened = ExecTtyConnector.open(client, containerId, containerName, command, 100, 30);
                opened.onEnd(() -> background.execute(() -> {
                    String why = containerStopped(client, containerId, opened.execId()) ? "Container stopped: the session ended."
                            : "Session ended: " + String.join(" ", command) + " exited.";
                    ui.execute(() -> tab.ended(why));
                }));
                ui.execute(() -> tab.connect(opened, String.join(" ", command)));
            } catch (RuntimeException e) {
                ui.execute(() -> tab.ended("Could not open a shell in " + containerName + ": " + e.getMessage()));
            }
        });
        return tab;
    }

    /**
     * Whether the session ended because its container stopped. The exec's stream ends a moment before the engine
     * marks the container as exited, so a shell killed by a stop (exit code 128 + signal) is given a few seconds
     * for the container's state to follow; a shell the user left ({@code exit}) is answered at once.
     */
    private static boolean containerStopped(EngineClient client, String containerId, String execId) {
        if (!stillRunning(client, containerId)) {
            return true;
        }
        Integer exitCode;
        try {
            exitCode = client.exec().inspect(execId).exitCode();
        } catch (RuntimeException e) {
            exitCode = null;
        }
        if (exitCode != null && exitCode < 128) {
            return false;
        }
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (!stillRunning(client, containerId)) {
                return true;
            }
        }
        return false;
    }

    private static boolean stillRunning(EngineClient client, String containerId) {
        try {
            ContainerInspect inspect = client.containers().inspect(containerId);
            return inspect.state() != null && Boolean.TRUE.equals(inspect.state().running());
        } catch (RuntimeException e) {
            return false; // removed: certainly not running
        }
    }

    private void connect(ExecTtyConnector opened, String command) {
        if (closed) {
            opened.close();
            return;
        }
        connector = opened;
        widget.setTtyConnector(opened);
        widget.start();
        status.setText(command + " in " + getText() + " — TTY, resize follows the tab");
        keyTarget().requestFocus();
    }

    private void ended(String why) {
        status.setText(why);
        status.getStyleClass().add(Styles.WARNING);
        if (!getText().endsWith("(stopped)") && why.startsWith("Container stopped")) {
            setText(getText() + " (stopped)");
        } else if (!why.startsWith("Container stopped") && !getText().endsWith("(ended)")) {
            setText(getText() + " (ended)");
        }
    }

    /**
     * The node that takes the keys: JediTermFX listens on its Canvas, inside the pane it calls
     * "preferred focusable"; focusing the pane would leave typing dead.
     */
    public Node keyTarget() {
        return find(widget.getPane(), Canvas.class);
    }

    private static Node find(Node node, Class<? extends Node> type) {
        if (type.isInstance(node)) {
            return node;
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                Node found = find(child, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** The widget, for tests: its text buffer holds what the screen shows. */
    public JediTermFxWidget widget() {
        return widget;
    }

    /** The exec session once it runs (null before), for tests. */
    public ExecTtyConnector connector() {
        return connector;
    }

    public String status() {
        return status.getText();
    }

    /**
     * Ends the exec session and the terminal's threads; called when the tab is closed or its window closes (FX
     * thread). The widget is closed even when it never connected: its repaint timer runs from construction, and
     * a timer that outlives its panel throws on every tick (JediTermFX's weak timer casts its event's source).
     */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ExecTtyConnector current = connector;
        if (current != null) {
            // The socket is closed off the FX thread; the terminal's reader then sees the end and stops.
            Thread.ofVirtual().name("berth-terminal-close").start(current::close);
        }
        widget.close();
    }
}
