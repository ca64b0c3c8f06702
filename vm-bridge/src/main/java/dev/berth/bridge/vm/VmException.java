package dev.berth.bridge.vm;

import java.util.List;

/**
 * A VM operation failed: which step ({@link #step()}), why, and the guest console's last lines (often the
 * real reason: a kernel panic, a failed mount, dockerd's last words).
 */
public final class VmException extends RuntimeException {

    private final String step;
    private final List<String> consoleTail;

    public VmException(String step, String message, List<String> consoleTail, Throwable cause) {
        super(message, cause);
        this.step = step;
        this.consoleTail = List.copyOf(consoleTail);
    }

    public VmException(String step, String message) {
        this(step, message, List.of(), null);
    }

    public String step() {
        return step;
    }

    public List<String> consoleTail() {
        return consoleTail;
    }

    /** What the user reads: the step, the reason, then the console's last lines. */
    public String describe() {
        StringBuilder text = new StringBuilder("failed at step '").append(step).append("': ").append(getMessage());
        if (!consoleTail.isEmpty()) {
            text.append("\nlast console lines:");
            consoleTail.forEach(line -> text.append("\n  | ").append(line));
        }
        return text.toString();
    }
}
