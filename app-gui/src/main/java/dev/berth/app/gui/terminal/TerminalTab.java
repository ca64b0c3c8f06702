package dev.berth.app.gui.terminal;

import atlantafx.base.theme.Styles;
import com.techsenger.jeditermfx.ui.JediTermFxWidget;
import dev.berth.app.gui.controls.Icons;
import dev.berth.app.gui.fx.UiScheduler;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.model.ContainerInspect;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.layout.BorderPane;
import org.kordamp.ikonli.feather.Feather;

/**
 * "Open shell", "Open shell with…" and "Attach": a tab with a JediTermFX terminal on an engine session in one
 * container ({@link TerminalTarget}). The session is opened on the background executor (for "Open shell" after
 * asking whether the container has bash, {@link ShellChoice}); the terminal's own thread reads the stream; the
 * FX thread only paints and sends key presses. When the stream ends the tab says why — the container stopped,
 * the shell exited, or the engine closed the attach — and stays open with its scroll-back until the user
 * closes it. Closing an attach tab only closes the stream: the container keeps running.
 */
public final class TerminalTab extends Tab {

    private final JediTermFxWidget widget = new TerminalWidget(100, 30);
    /** How long a killed shell waits for its container's state to say "stopped". */
    private static final Duration STOP_GRACE = Duration.ofSeconds(3);
    private final Label status = new Label("Connecting…");
    private volatile EngineTtyConnector connector;
    private volatile List<String> command = List.of();
    private boolean closed;

    private TerminalTab(String title) {
        super(title);
        setGraphic(Icons.icon(Feather.TERMINAL));
        setId("terminal-tab");
        status.setId("terminal-status");
        status.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        status.setPadding(new Insets(3, 8, 3, 8));
        BorderPane content = new BorderPane(widget.getPane());
        content.setBottom(status);
        content.getStyleClass().add("terminal-tab");
        setContent(content);
        setClosable(true);
        setOnClosed(event -> close());
    }

    /** Opens {@code target} in {@code container} in a new tab; the tab shows "Connecting…" until the session runs. */
    public static TerminalTab open(Supplier<EngineClient> engine, String containerId, String containerName, TerminalTarget target,
                                   UiScheduler ui, Executor background) {
        boolean attaching = target instanceof TerminalTarget.Attach;
        TerminalTab tab = new TerminalTab(attaching ? containerName + " (attach)" : containerName);
        if (attaching) {
            tab.setGraphic(Icons.icon(Feather.LINK));
        }
        background.execute(() -> {
            try {
                EngineClient client = engine.get();
                Opened opened = switch (target) {
                    case TerminalTarget.Command shell -> openCommand(client, containerId, containerName, shell);
                    case TerminalTarget.Attach attach -> openAttach(client, containerId, containerName);
                };
                opened.connector().onEnd(() -> background.execute(() -> {
                    String why = endReason(client, containerId, opened);
                    ui.execute(() -> tab.ended(why));
                }));
                ui.execute(() -> tab.connect(opened));
            } catch (RuntimeException e) {
                String what = target instanceof TerminalTarget.Attach ? "attach to " : "open a shell in ";
                ui.execute(() -> tab.ended("Could not " + what + containerName + ": " + e.getMessage()));
            }
        });
        return tab;
    }

    /** A running session and what the status line says of it; {@code command} is empty for an attach. */
    private record Opened(EngineTtyConnector connector, List<String> command, String description) {}

    private static Opened openCommand(EngineClient client, String containerId, String containerName, TerminalTarget.Command target) {
        List<String> command = target.automatic() ? ShellChoice.choose(client, containerId) : target.command();
        EngineTtyConnector connector = EngineTtyConnector.exec(client, containerId, containerName, command, 100, 30);
        String fallback = target.automatic() && command.equals(ShellChoice.SH) ? " (no bash in the container)" : "";
        return new Opened(connector, command, String.join(" ", command) + " in " + containerName + fallback
                + " — TTY, resize follows the tab");
    }

    private static Opened openAttach(EngineClient client, String containerId, String containerName) {
        EngineTtyConnector.AttachMode mode = EngineTtyConnector.AttachMode.of(client.containers().inspect(containerId).config());
        EngineTtyConnector connector = EngineTtyConnector.attach(client, containerId, containerName, mode, 100, 30);
        String how = mode.tty() ? "TTY" : mode.stdin() ? "no TTY: keys go to its stdin, not echoed" : "no TTY, no stdin: output only";
        return new Opened(connector, List.of(), "Attached to the main process of " + containerName + " — " + how
                + "; closing the tab detaches, the container keeps running");
    }

    private static String endReason(EngineClient client, String containerId, Opened opened) {
        if (opened.command().isEmpty()) {
            return stoppedWithin(client, containerId, STOP_GRACE) ? "Container stopped: the main process exited."
                    : "Detached: the engine closed the attach stream; the container is still running.";
        }
        return containerStopped(client, containerId, opened.connector().sessionId()) ? "Container stopped: the session ended."
                : "Session ended: " + String.join(" ", opened.command()) + " exited.";
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
        return stoppedWithin(client, containerId, STOP_GRACE);
    }

    private static boolean stoppedWithin(EngineClient client, String containerId, Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        while (stillRunning(client, containerId)) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static boolean stillRunning(EngineClient client, String containerId) {
        try {
            ContainerInspect inspect = client.containers().inspect(containerId);
            return inspect.state() != null && Boolean.TRUE.equals(inspect.state().running());
        } catch (RuntimeException e) {
            return false; // removed: certainly not running
        }
    }

    private void connect(Opened opened) {
        if (closed) {
            opened.connector().close();
            return;
        }
        connector = opened.connector();
        command = opened.command();
        widget.setTtyConnector(opened.connector());
        widget.start();
        status.setText(opened.description());
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

    /** The session once it runs (null before), for tests. */
    public EngineTtyConnector connector() {
        return connector;
    }

    /** The command the exec runs once it runs (bash or sh for "Open shell"); empty for an attach. */
    public List<String> command() {
        return command;
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
        EngineTtyConnector current = connector;
        if (current != null) {
            // The socket is closed off the FX thread; the terminal's reader then sees the end and stops.
            Thread.ofVirtual().name("berth-terminal-close").start(current::close);
        }
        widget.close();
    }
}
