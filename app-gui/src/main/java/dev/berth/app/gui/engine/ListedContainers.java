package dev.berth.app.gui.engine;

import dev.berth.engine.compose.ServiceContainer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The last known listing of some containers (a project's, or every Compose container for the sidebar), kept up
 * to date by re-reading only the containers engine events named: on an engine of 1,000 containers a full
 * listing is a megabyte and most of a second under load, and it ran after every event. The engine's listing
 * filtered by id answers the same summaries for just those (a container it no longer returns was removed).
 * A full listing still comes first, after our own actions, and when a burst names more than
 * {@link #MOST_IDS_PER_LISTING} containers. Not thread-safe: its owner calls it from one task at a time.
 */
final class ListedContainers {

    /** Above this many changed containers one full listing is cheaper than an id filter that long. */
    static final int MOST_IDS_PER_LISTING = 50;

    private List<ServiceContainer> current = List.of();
    private boolean listedOnce;

    /** What changed since the last listing, and how to read it. */
    enum Need { NOTHING, CHANGED, FULL }

    List<ServiceContainer> current() {
        return current;
    }

    Need need(boolean fullAsked, Collection<String> changed) {
        if (!listedOnce || fullAsked || changed.size() > MOST_IDS_PER_LISTING) {
            return Need.FULL;
        }
        return changed.isEmpty() ? Need.NOTHING : Need.CHANGED;
    }

    /** A full listing replaces what was known. */
    List<ServiceContainer> replace(List<ServiceContainer> listed) {
        current = List.copyOf(listed);
        listedOnce = true;
        return current;
    }

    /**
     * The answer of a listing filtered by the {@code asked} ids: those returned replace their old entries in
     * place (new ones go first, as the engine lists the newest first), those not returned are gone.
     */
    List<ServiceContainer> merge(Collection<String> asked, List<ServiceContainer> answered) {
        Map<String, ServiceContainer> fresh = new HashMap<>();
        answered.forEach(container -> fresh.put(container.id(), container));
        Set<String> known = new HashSet<>();
        current.forEach(container -> known.add(container.id()));
        Set<String> askedIds = new HashSet<>(asked);
        List<ServiceContainer> next = new ArrayList<>(current.size() + answered.size());
        for (ServiceContainer container : answered) {
            if (!known.contains(container.id())) {
                next.add(container);
            }
        }
        for (ServiceContainer container : current) {
            if (askedIds.contains(container.id())) {
                ServiceContainer now = fresh.get(container.id());
                if (now != null) {
                    next.add(now);
                }
            } else {
                next.add(container);
            }
        }
        current = List.copyOf(next);
        return current;
    }

    /** Reads what {@link #need} says into the listing and returns it; {@code byIds} lists only the given ids. */
    List<ServiceContainer> refresh(boolean fullAsked, Collection<String> changed, Supplier<List<ServiceContainer>> all,
                                   Function<Collection<String>, List<ServiceContainer>> byIds) {
        return switch (need(fullAsked, changed)) {
            case NOTHING -> current;
            case FULL -> replace(all.get());
            case CHANGED -> merge(changed, byIds.apply(changed));
        };
    }
}
