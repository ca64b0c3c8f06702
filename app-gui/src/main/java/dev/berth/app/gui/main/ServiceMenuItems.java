package dev.berth.app.gui.main;

import dev.berth.app.gui.graph.ServiceState;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which items of a service card's context menu apply to the service as it is now: no Start on a running
 * service, no Stop on a stopped one, no Build without a {@code build:} section, no Logs, Inspect or Browse files before
 * it has a container, Open port only with a published web port. Pure, so tested without a display.
 */
final class ServiceMenuItems {

    enum Item { LOGS, INSPECT, OPEN_SHELL, OPEN_SHELL_WITH, ATTACH, BROWSE_FILES, OPEN_PORT, UP, RESTART, STOP, START, PULL, BUILD, RECREATE }

    private ServiceMenuItems() {}

    /**
     * @param buildable  the service has a {@code build:} section (known from its compose file)
     * @param hasWebPort one of its containers publishes a port that opens in a browser
     */
    static Set<Item> enabled(ServiceState state, boolean buildable, boolean hasWebPort) {
        Set<Item> items = EnumSet.of(Item.UP, Item.PULL);
        boolean exists = state.kind() != ServiceState.Kind.NOT_CREATED;
        boolean running = switch (state.kind()) {
            case RUNNING, HEALTHY, UNHEALTHY, STARTING, RESTARTING, PAUSED -> true;
            default -> false;
        };
        if (exists) {
            items.add(Item.LOGS);
            items.add(Item.INSPECT);
            items.add(Item.BROWSE_FILES); // a stopped container's files can be read too (upload is refused there)
            items.add(Item.RESTART);
            items.add(Item.RECREATE);
            items.add(running ? Item.STOP : Item.START);
            if (running) {
                items.add(Item.OPEN_SHELL);
                items.add(Item.OPEN_SHELL_WITH);
                items.add(Item.ATTACH);
            }
        }
        if (buildable) {
            items.add(Item.BUILD);
        }
        if (hasWebPort && running) {
            items.add(Item.OPEN_PORT);
        }
        return items;
    }
}
