package dev.berth.compose.yaml;

import java.math.BigInteger;
import org.snakeyaml.engine.v2.nodes.Tag;

/** Builds Java values for resolved YAML 1.2 core-schema scalars. */
final class ScalarValues {

    private ScalarValues() {}

    static Object construct(Tag tag, String text) {
        if (Tag.NULL.equals(tag)) {
            return null;
        }
        if (Tag.BOOL.equals(tag)) {
            return Boolean.valueOf(text.equalsIgnoreCase("true"));
        }
        if (Tag.INT.equals(tag)) {
            Object n = parseInt(text);
            return n == null ? text : n;
        }
        if (Tag.FLOAT.equals(tag)) {
            return parseFloat(text);
        }
        return text;
    }

    private static Object parseInt(String text) {
        String t = text.replace("_", "");
        int sign = 1;
        if (t.startsWith("-")) {
            sign = -1;
            t = t.substring(1);
        } else if (t.startsWith("+")) {
            t = t.substring(1);
        }
        int radix = 10;
        if (t.startsWith("0x")) {
            radix = 16;
            t = t.substring(2);
        } else if (t.startsWith("0o")) {
            radix = 8;
            t = t.substring(2);
        }
        try {
            BigInteger value = new BigInteger(t, radix);
            if (sign < 0) {
                value = value.negate();
            }
            return value.bitLength() < 64 ? (Object) value.longValue() : (Object) value.doubleValue();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Object parseFloat(String text) {
        String t = text.toLowerCase();
        return switch (t) {
            case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
            case "-.inf" -> Double.NEGATIVE_INFINITY;
            case ".nan" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    yield text;
                }
            }
        };
    }
}
