package dev.berth.app.gui.engines;

import dev.berth.app.gui.controls.Icons;
import dev.berth.bridge.discovery.CandidateStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import org.kordamp.ikonli.feather.Feather;

/**
 * The status bar's engine: the connection line as a menu button whose menu lists every engine discovery finds
 * (host socket, Podman, contexts, DOCKER_HOST, Berth's VMs), each with whether it answers and, if not, why; the
 * one in use is checked. Choosing one re-points the session, and every view follows the session. Discovery tests
 * each candidate with a real connection, so it runs on {@code background} each time the menu opens.
 */
public final class EngineSwitcher {

    private static final int LONGEST_REASON = 70;

    private final EngineChoices choices;
    private final Executor background;
    private final MenuButton button;
    private final Runnable openVmPage;

    /**
     * @param status     the status bar's connection line; it becomes the button's face
     * @param openVmPage opens the page of Berth's engine VM, or null for no such entry
     */
    public EngineSwitcher(EngineChoices choices, Executor background, Label status, Runnable openVmPage) {
        this.choices = choices;
        this.openVmPage = openVmPage;
        this.background = background;
        this.button = new MenuButton(null, status);
        button.setId("engine-switcher");
        button.getStyleClass().add("engine-switcher");
        button.setOnShowing(event -> refresh());
        button.getItems().add(placeholder("Looking for engines…"));
    }

    public MenuButton node() {
        return button;
    }

    /** Tests every candidate off the FX thread, then lists them. */
    public void refresh() {
        button.getItems().setAll(placeholder("Looking for engines…"));
        background.execute(() -> {
            List<CandidateStatus> found;
            String current;
            try {
                found = choices.candidates();
                current = choices.current();
            } catch (RuntimeException e) {
                Platform.runLater(() -> button.getItems().setAll(placeholder("Discovery failed: " + firstLine(e.getMessage()))));
                return;
            }
            Platform.runLater(() -> show(found, current));
        });
    }

    private void show(List<CandidateStatus> found, String current) {
        List<MenuItem> items = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        int index = 0;
        for (CandidateStatus candidate : found) {
            if (noSocketFile(candidate)) {
                absent.add(candidate.howFound()); // a well-known place with nothing there: one line for them all
                continue;
            }
            items.add(item(candidate, candidate.endpoint() != null && candidate.endpoint().equals(current), index++));
        }
        if (items.isEmpty()) {
            items.add(placeholder("Discovery found no engine to try"));
        }
        if (!absent.isEmpty()) {
            MenuItem none = placeholder("No socket for " + String.join(", ", absent.stream().distinct().toList()));
            none.setId("engine-absent");
            items.add(none);
        }
        MenuItem again = new MenuItem("Look again", Icons.icon(Feather.REFRESH_CW));
        again.setId("engine-refresh");
        again.setOnAction(event -> Platform.runLater(button::show));
        items.add(new SeparatorMenuItem());
        if (openVmPage != null) {
            MenuItem vm = new MenuItem("Berth's engine VM…", Icons.icon(Feather.HARD_DRIVE));
            vm.setId("engine-vm-page");
            vm.setOnAction(event -> openVmPage.run());
            items.add(vm);
        }
        items.add(again);
        button.getItems().setAll(items);
    }

    private MenuItem item(CandidateStatus candidate, boolean inUse, int index) {
        MenuItem item = new MenuItem(label(candidate), Icons.icon(inUse ? Feather.CHECK : candidate.reachable() ? Feather.CIRCLE : Feather.X_CIRCLE));
        item.setId("engine-choice-" + index);
        item.setUserData(candidate);
        item.setDisable(candidate.endpoint() == null); // a strategy that could not propose anything: nothing to switch to
        item.setOnAction(event -> {
            if (!inUse) {
                choices.use(candidate.endpoint());
            }
        });
        return item;
    }

    /** "Docker (system socket) · unix:///var/run/docker.sock — Docker Engine 20.10.24 answers" and the like. */
    static String label(CandidateStatus candidate) {
        String where = candidate.endpoint() == null ? candidate.strategy() : candidate.howFound() + " · " + candidate.endpoint();
        String state = candidate.reachable() ? candidate.identity().name() + " " + candidate.identity().version() + " answers"
                : "not answering: " + firstLine(candidate.failure());
        return where + " — " + state;
    }

    /** A socket path where no file exists: listed apart, it is a place discovery looks, not an engine. */
    static boolean noSocketFile(CandidateStatus candidate) {
        return candidate.endpoint() != null && candidate.endpoint().startsWith("unix://") && !candidate.reachable()
                && !Files.exists(Path.of(candidate.endpoint().substring("unix://".length())));
    }

    private static String firstLine(String text) {
        String line = text == null ? "no reason given" : text.strip().lines().findFirst().orElse("");
        return line.length() > LONGEST_REASON ? line.substring(0, LONGEST_REASON - 1) + "…" : line;
    }

    private static MenuItem placeholder(String text) {
        MenuItem item = new MenuItem(text);
        item.setDisable(true);
        return item;
    }
}
