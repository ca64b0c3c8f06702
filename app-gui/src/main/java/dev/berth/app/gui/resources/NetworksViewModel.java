package dev.berth.app.gui.resources;

import dev.berth.app.gui.controls.Confirmations;
import dev.berth.app.gui.fx.UiScheduler;
import dev.berth.app.gui.inspect.InspectViewModel;
import dev.berth.app.resources.NetworkInfo;
import dev.berth.app.resources.PruneResult;
import dev.berth.app.resources.ResourceCatalog;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The networks list: name, driver, scope, subnets, attached containers, project; the selected network's
 * inspect document in an {@link InspectViewModel}; remove (never the predefined ones, never while
 * containers are attached) and prune.
 */
public final class NetworksViewModel extends ResourceListViewModel<NetworkInfo> {

    private final InspectViewModel inspect = new InspectViewModel();
    private String inspected;

    public NetworksViewModel(ResourceCatalog catalog, UiScheduler ui, Executor background, Confirmations confirmations) {
        super(catalog, ui, background, confirmations);
        selectedProperty().addListener((obs, old, now) -> {
            if (!isReplacing()) {
                show(now);
            }
        });
    }

    @Override
    protected List<NetworkInfo> load() {
        return catalog.networks();
    }

    @Override
    protected void selectionSettled(NetworkInfo row) {
        if (row == null || !row.id().equals(inspected)) {
            show(row);
        }
    }

    private void show(NetworkInfo network) {
        inspected = network == null ? null : network.id();
        if (network == null) {
            inspect.clear();
            return;
        }
        String id = network.id();
        read(() -> catalog.inspectNetwork(id), json -> {
            if (id.equals(inspected)) {
                inspect.setDocument(network.name(), json);
            }
        }, "Inspecting network " + network.name());
    }

    @Override
    protected String searchText(NetworkInfo row) {
        return row.name() + " " + row.driver() + " " + row.scope() + " " + String.join(" ", row.subnets()) + " "
                + (row.project() == null ? "" : row.project()) + " " + String.join(" ", row.containers());
    }

    @Override
    protected String key(NetworkInfo row) {
        return row.id();
    }

    /** Removes a network after asking; predefined and in-use networks are refused at once, saying why. */
    public void remove(NetworkInfo network) {
        if (network == null) {
            return;
        }
        if (network.predefined()) {
            notice(Notice.error("Network " + network.name() + " is one of the engine's predefined networks (bridge, host, none); "
                    + "it cannot be removed."));
            return;
        }
        if (network.inUse()) {
            notice(Notice.error("Network " + network.name() + " is used by " + String.join(", ", network.containers())
                    + ". Remove " + (network.containers().size() == 1 ? "that container" : "those containers")
                    + " or disconnect " + (network.containers().size() == 1 ? "it" : "them") + " first."));
            return;
        }
        if (!ask(Confirmations.Request.of("Remove network " + network.name() + "?",
                "The " + network.driver() + " network " + network.name() + " is removed. No container is attached to it.",
                "Remove network")).confirmed()) {
            return;
        }
        run("Removing network " + network.name(), () -> {
            catalog.removeNetwork(network);
            return "Removed network " + network.name() + ".";
        });
    }

    /** Removes every custom network no container is attached to, after asking. */
    public void prune() {
        List<NetworkInfo> unused = allRows().stream().filter(n -> !n.predefined() && !n.inUse()).toList();
        if (unused.isEmpty()) {
            notice(Notice.info("No unused custom networks: nothing to prune."));
            return;
        }
        if (!ask(Confirmations.Request.of("Prune unused networks?", "Removes " + unused.size()
                + (unused.size() == 1 ? " custom network" : " custom networks") + " no container is attached to: "
                + String.join(", ", unused.stream().limit(5).map(NetworkInfo::name).toList())
                + (unused.size() > 5 ? " and " + (unused.size() - 5) + " more" : "") + ".", "Prune networks")).confirmed()) {
            return;
        }
        run("Pruning networks", () -> {
            PruneResult result = catalog.pruneNetworks();
            return "Pruned " + result.removed().size() + (result.removed().size() == 1 ? " network." : " networks.");
        });
    }

    public InspectViewModel inspect() {
        return inspect;
    }
}
