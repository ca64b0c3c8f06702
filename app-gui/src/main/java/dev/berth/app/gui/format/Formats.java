package dev.berth.app.gui.format;

import dev.berth.engine.format.ByteSize;
import java.time.Duration;
import java.util.Locale;

/** How numbers read in the panes: sizes in binary units, uptimes like {@code docker ps}, percentages. */
public final class Formats {

    private Formats() {}

    /** 0 B, 512 B, 1.5 KiB, 230 MiB, 1.2 GiB: engine-core's {@link ByteSize}, binary units. */
    public static String bytes(long bytes) {
        return ByteSize.binary(bytes);
    }

    public static String percent(double percent) {
        return String.format(Locale.ROOT, "%.1f %%", percent);
    }

    /** 45s, 12m, 3h 5m, 2d 4h. */
    public static String uptime(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        if (hours < 24) {
            return hours + "h " + minutes % 60 + "m";
        }
        return hours / 24 + "d " + hours % 24 + "h";
    }
}
