package dev.berth.engine.format;

import java.util.Locale;

/**
 * The one way Berth writes a byte count, for the CLI, the progress renderers and the GUI alike. One rule: below
 * the base it is whole bytes; above, the largest unit that keeps the number at least 1, with one decimal under
 * 100 and none from 100 on ({@code 512 B}, {@code 1.5 KiB}, {@code 230 MiB}, {@code 12.3 MB}). Two bases, as
 * Docker uses them: binary (memory, volume and file sizes) and decimal (downloads, image sizes, network and
 * block I/O). The CLI writes them without the space, as {@code docker} does ({@code 12.3MB}).
 */
public final class ByteSize {

    /** The unit system. */
    public enum Base {
        /** 1024: B, KiB, MiB, GiB, TiB. */
        BINARY(1024, "B", "KiB", "MiB", "GiB", "TiB"),
        /** 1000: B, kB, MB, GB, TB. */
        DECIMAL(1000, "B", "kB", "MB", "GB", "TB");

        private final int step;
        private final String[] units;

        Base(int step, String... units) {
            this.step = step;
            this.units = units;
        }
    }

    private ByteSize() {}

    /** {@code 1.5 KiB}: binary units, spaced. */
    public static String binary(long bytes) {
        return format(bytes, Base.BINARY, " ");
    }

    /** {@code 12.3 MB}: decimal units, spaced. */
    public static String decimal(long bytes) {
        return format(bytes, Base.DECIMAL, " ");
    }

    /** {@code 12.3MB}, {@code 1.5KiB}: as the {@code docker} CLI prints sizes, without the space. */
    public static String compact(long bytes, Base base) {
        return format(bytes, base, "");
    }

    /** The count in {@code base}'s units, number and unit separated by {@code separator}. */
    public static String format(long bytes, Base base, String separator) {
        if (bytes < base.step) {
            return bytes + separator + base.units[0];
        }
        double value = bytes;
        int unit = 0;
        while (value >= base.step && unit < base.units.length - 1) {
            value /= base.step;
            unit++;
        }
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.1f", value) + separator + base.units[unit];
    }
}
