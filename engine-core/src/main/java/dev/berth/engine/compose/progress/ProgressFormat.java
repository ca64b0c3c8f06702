package dev.berth.engine.compose.progress;

import java.time.Duration;
import java.util.Locale;

/** Small formatting helpers shared by the renderers. */
final class ProgressFormat {

    private ProgressFormat() {}

    /** {@code 12.3MB/45.6MB} for byte counts, {@code 3/7} for small counts. */
    static String amount(long current, long total) {
        if (total < 1024) {
            return current + "/" + total;
        }
        return bytes(current) + "/" + bytes(total);
    }

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + "B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f%s", value, units[unit]);
    }

    /** {@code 1.2s}, as Compose prints elapsed times. */
    static String seconds(Duration elapsed) {
        return String.format(Locale.ROOT, "%.1fs", elapsed.toMillis() / 1000.0);
    }
}
