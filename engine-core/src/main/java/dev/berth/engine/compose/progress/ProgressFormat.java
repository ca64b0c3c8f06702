package dev.berth.engine.compose.progress;

import dev.berth.engine.format.ByteSize;
import dev.berth.engine.format.ByteSize.Base;
import java.time.Duration;
import java.util.Locale;

/** Small formatting helpers shared by the renderers. */
final class ProgressFormat {

    private ProgressFormat() {}

    /** {@code 12.3MB/45.6MB} for byte counts (as Compose shows a pull), {@code 3/7} for small counts. */
    static String amount(long current, long total) {
        if (total < 1000) {
            return current + "/" + total;
        }
        return ByteSize.compact(current, Base.DECIMAL) + "/" + ByteSize.compact(total, Base.DECIMAL);
    }

    /** {@code 1.2s}, as Compose prints elapsed times. */
    static String seconds(Duration elapsed) {
        return String.format(Locale.ROOT, "%.1fs", elapsed.toMillis() / 1000.0);
    }
}
