package dev.berth.compose.model;

import dev.berth.compose.Location;
import java.util.Map;

/**
 * Where each value of the loaded project was written: dotted path ({@code services.web.ports.0}) →
 * location. Values merged from override files, extends parents or includes point at those files.
 */
public record SourceMap(Map<String, Location> locations) {

    public SourceMap {
        locations = Map.copyOf(locations);
    }

    /** The location of {@code path}, or of its nearest ancestor that has one. */
    public Location locationOf(String path) {
        String p = path;
        while (true) {
            Location l = locations.get(p);
            if (l != null) {
                return l;
            }
            int dot = p.lastIndexOf('.');
            if (dot < 0) {
                return Location.UNKNOWN;
            }
            p = p.substring(0, dot);
        }
    }
}
