package dev.berth.compose.model;

import dev.berth.compose.Location;
import java.util.function.Function;

/**
 * Where each value of the loaded project was written: dotted path ({@code services.web.ports.0}) →
 * location. Values merged from override files, extends parents or includes point at those files.
 * Lookups are computed on demand from the loader's final tree, so building a project pays nothing
 * for positions nobody asks about.
 */
public final class SourceMap {

    private final Function<String, Location> lookup;

    public SourceMap(Function<String, Location> lookup) {
        this.lookup = lookup;
    }

    /** The location of {@code path}, or of its nearest ancestor that has one; {@link Location#UNKNOWN} if none. */
    public Location locationOf(String path) {
        Location l = lookup.apply(path);
        return l == null ? Location.UNKNOWN : l;
    }
}
