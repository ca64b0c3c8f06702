package dev.berth.engine.compose;

import dev.berth.engine.api.model.ContainerInspect;
import dev.berth.engine.api.model.ContainerInspectState;
import java.util.ArrayList;
import java.util.List;

/**
 * What only an inspect says about how a container has been ending (the listing's status text does not): how
 * often its restart policy restarted it, its last exit code, and whether the kernel's OOM killer ended it.
 * An OOM kill reads {@code Exited (137)} in the listing, the same as {@code docker kill}; only
 * {@code State.OOMKilled} tells them apart. The engine keeps {@code OOMKilled} from the last exit while a
 * restarted container runs again (its {@code ExitCode} is then 0). Pure: {@code ps} and the GUI word it here.
 *
 * @param restartCount how often the restart policy restarted it ({@code RestartCount}; a manual start resets it)
 * @param exitCode     {@code State.ExitCode}: the last exit while exited or restarting, 0 while running
 * @param oomKilled    {@code State.OOMKilled}: the last exit was the OOM killer's
 */
public record LastExit(int restartCount, int exitCode, boolean oomKilled) {

    public static final LastExit NONE = new LastExit(0, 0, false);

    public static LastExit of(ContainerInspect inspect) {
        ContainerInspectState state = inspect == null ? null : inspect.state();
        int restarts = inspect == null || inspect.restartCount() == null ? 0 : inspect.restartCount();
        if (state == null) {
            return new LastExit(restarts, 0, false);
        }
        return new LastExit(restarts, state.exitCode() == null ? 0 : state.exitCode(), Boolean.TRUE.equals(state.oomKilled()));
    }

    /**
     * For {@code ps}, after the engine's status text (which keeps Compose's wording): {@code (OOM killed)},
     * {@code (restarted 23 times)}, {@code (restarted 4 times, last exit OOM killed)}; empty when nothing.
     */
    public String statusSuffix(ContainerState state) {
        List<String> parts = new ArrayList<>();
        if (restartCount > 0) {
            parts.add("restarted " + restartCount + (restartCount == 1 ? " time" : " times"));
        }
        if (oomKilled) {
            parts.add(state == ContainerState.RUNNING || state == ContainerState.PAUSED ? "last exit OOM killed" : "OOM killed");
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    /**
     * For a card or a table cell (a card is 200 px wide: a longer text is cut): {@code restarted 23× · last exit 3},
     * {@code restarted 4× · OOM killed} (an OOM kill is always exit 137), {@code OOM killed} under an
     * {@code exited (137)}; the exit code is left out where the state shows it ({@code exitShown}); empty when
     * nothing is worth saying.
     */
    public String detail(boolean exitShown) {
        return words(exitShown, "restarted ");
    }

    /** For a column titled "Restarts": {@code 23× · last exit 3}, {@code OOM killed}; empty when nothing. */
    public String restartsColumn() {
        return words(false, "");
    }

    private String words(boolean exitShown, String restartedPrefix) {
        List<String> parts = new ArrayList<>();
        if (restartCount > 0) {
            parts.add(restartedPrefix + restartCount + "×");
        }
        if (oomKilled) {
            parts.add("OOM killed");
        } else if (exitCode != 0 && !exitShown) {
            parts.add("last exit " + exitCode);
        }
        return String.join(" · ", parts);
    }
}
