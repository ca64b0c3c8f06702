package dev.berth.compose.model;

import java.time.Duration;
import java.util.Locale;

/** Parses the units compose files use: Go durations ("1m30s", "500ms") and byte sizes ("2gb", "640k", -1). */
public final class Units {

    private Units() {}

    /** A Go {@code time.ParseDuration} string, or a plain number of seconds. Null when it does not parse. */
    public static Duration duration(Object value) {
        if (value instanceof Long l) {
            return Duration.ofSeconds(l);
        }
        if (!(value instanceof String text) || text.isBlank()) {
            return null;
        }
        String s = text.strip();
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        boolean negative = s.startsWith("-");
        if (negative || s.startsWith("+")) {
            s = s.substring(1);
        }
        long nanos = 0;
        int i = 0;
        if (s.isEmpty()) {
            return null;
        }
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            if (start == i) {
                return null;
            }
            double number;
            try {
                number = Double.parseDouble(s.substring(start, i));
            } catch (NumberFormatException e) {
                return null;
            }
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            long unit = switch (s.substring(unitStart, i)) {
                case "ns" -> 1L;
                case "us", "µs", "μs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                default -> -1L;
            };
            if (unit < 0) {
                return null;
            }
            nanos += (long) (number * unit);
        }
        return Duration.ofNanos(negative ? -nanos : nanos);
    }

    /** Bytes for "2gb", "640kb", "1k", "512m", a plain number, or -1 (unlimited). Null when it does not parse. */
    public static Long bytes(Object value) {
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof Double d) {
            return d.longValue();
        }
        if (!(value instanceof String text) || text.isBlank()) {
            return null;
        }
        String s = text.strip().toLowerCase(Locale.ROOT);
        int i = 0;
        if (s.startsWith("-")) {
            i = 1;
        }
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
            i++;
        }
        double number;
        try {
            number = Double.parseDouble(s.substring(0, i));
        } catch (NumberFormatException e) {
            return null;
        }
        long multiplier = switch (s.substring(i).strip()) {
            case "", "b" -> 1L;
            case "k", "kb", "kib" -> 1L << 10;
            case "m", "mb", "mib" -> 1L << 20;
            case "g", "gb", "gib" -> 1L << 30;
            case "t", "tb", "tib" -> 1L << 40;
            default -> -1L;
        };
        return multiplier < 0 ? null : (long) (number * multiplier);
    }

    /** Go's {@code time.Duration.String()}, as docker compose config shows it ("1m30s", "1.5s", "500ms", "1.5µs"). */
    public static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        if (nanos < 0) {
            out.append('-');
            nanos = -nanos;
        }
        if (nanos < 1_000_000_000L) {
            if (nanos < 1_000L) {
                return out.append(nanos).append("ns").toString();
            }
            if (nanos < 1_000_000L) {
                return out.append(fraction(nanos, 1_000L)).append("µs").toString();
            }
            return out.append(fraction(nanos, 1_000_000L)).append("ms").toString();
        }
        long hours = nanos / 3_600_000_000_000L;
        long minutes = nanos / 60_000_000_000L % 60;
        long secondsNanos = nanos % 60_000_000_000L;
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            out.append(minutes).append('m');
        }
        return out.append(fraction(secondsNanos, 1_000_000_000L)).append('s').toString();
    }

    /** {@code value / unit} with the remainder as decimals, trailing zeros dropped. */
    private static String fraction(long value, long unit) {
        long whole = value / unit;
        long rest = value % unit;
        if (rest == 0) {
            return String.valueOf(whole);
        }
        String digits = String.valueOf(unit + rest).substring(1).replaceAll("0+$", "");
        return whole + "." + digits;
    }
}
