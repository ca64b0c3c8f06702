package dev.berth.compose.output;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes plain ordered maps, lists and scalars as YAML the way Go's yaml encoder does with an indent of
 * 2 (what {@code docker compose config} prints): sequences indented under their key, strings plain
 * unless they would read back as another type (then double-quoted) or YAML forbids it (then
 * single-quoted), multi-line strings as literal blocks, floats in Go's shortest form.
 */
final class GoYaml {

    private static final Set<String> OTHER_TYPES = Set.of("", "~", "null", "Null", "NULL", "true", "True", "TRUE",
            "false", "False", "FALSE", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
            ".nan", ".NaN", ".NAN", "<<",
            // YAML 1.1 booleans, quoted for older readers
            "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF");
    private static final Pattern FLOAT = Pattern.compile("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$");
    private static final Pattern INT = Pattern.compile("^[-+]?(0b[01]+|0o?[0-7]+|0x[0-9a-fA-F]+|[0-9]+)$");
    private static final Pattern BASE60 = Pattern.compile("^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?$");
    private static final Pattern TIMESTAMP = Pattern.compile("^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?$");

    private GoYaml() {}

    static String write(Object document) {
        StringBuilder out = new StringBuilder();
        if (document instanceof Map<?, ?> map && !map.isEmpty()) {
            mapping(map, 0, out);
        } else if (document instanceof List<?> list && !list.isEmpty()) {
            sequence(list, 0, out);
        } else {
            out.append(inline(document, 0)).append('\n');
        }
        return out.toString();
    }

    private static void mapping(Map<?, ?> map, int indent, StringBuilder out) {
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!first) {
                out.append(" ".repeat(indent));
            }
            first = false;
            out.append(scalar(String.valueOf(e.getKey()), indent)).append(':');
            value(e.getValue(), indent, out);
        }
    }

    /** After "key:": a nested block on the next lines, or " scalar". */
    private static void value(Object v, int indent, StringBuilder out) {
        if (v instanceof Map<?, ?> m && !m.isEmpty()) {
            out.append('\n').append(" ".repeat(indent + 2));
            mapping(m, indent + 2, out);
        } else if (v instanceof List<?> l && !l.isEmpty()) {
            out.append('\n').append(" ".repeat(indent + 2));
            sequence(l, indent + 2, out);
        } else {
            String text = inline(v, indent + 2);
            out.append(' ').append(text).append('\n');
        }
    }

    private static void sequence(List<?> list, int indent, StringBuilder out) {
        boolean first = true;
        for (Object item : list) {
            if (!first) {
                out.append(" ".repeat(indent));
            }
            first = false;
            out.append("- ");
            if (item instanceof Map<?, ?> m && !m.isEmpty()) {
                mapping(m, indent + 2, out);
            } else if (item instanceof List<?> l && !l.isEmpty()) {
                sequence(l, indent + 2, out);
            } else {
                out.append(inline(item, indent + 2)).append('\n');
            }
        }
    }

    private static String inline(Object v, int indent) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Map<?, ?>) {
            return "{}";
        }
        if (v instanceof List<?>) {
            return "[]";
        }
        if (v instanceof Boolean || v instanceof Long || v instanceof Integer) {
            return String.valueOf(v);
        }
        if (v instanceof Double d) {
            return goFloat(d);
        }
        return scalar(String.valueOf(v), indent);
    }

    /** Go's strconv.FormatFloat(f, 'g', -1, 64) as the yaml encoder uses it, with YAML's .inf/.nan. */
    static String goFloat(double d) {
        if (Double.isNaN(d)) {
            return ".nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? ".inf" : "-.inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        int exponent = exact.precision() - exact.scale() - 1;
        if (exponent < -4 || exponent >= 21) {
            String digits = exact.unscaledValue().abs().toString();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return (d < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "")
                    + Math.abs(exponent);
        }
        return exact.toPlainString();
    }

    /** A string as Go's encoder styles it. */
    static String scalar(String s, int indent) {
        if (s.indexOf('\n') >= 0) {
            return literal(s, indent);
        }
        if (readsAsOtherType(s) || hasSpecialCharacters(s)) {
            return doubleQuoted(s);
        }
        if (plainAllowed(s)) {
            return s;
        }
        return "'" + s.replace("'", "''") + "'";
    }

    private static boolean readsAsOtherType(String s) {
        if (OTHER_TYPES.contains(s)) {
            return true;
        }
        String plain = s.replace("_", "");
        return INT.matcher(plain).matches() || FLOAT.matcher(plain).matches() || BASE60.matcher(s).matches()
                || TIMESTAMP.matcher(s).matches();
    }

    private static boolean hasSpecialCharacters(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean printable = c == '\t' || c >= 0x20 && c <= 0x7E || c == 0x85 || c >= 0xA0 && c <= 0xD7FF
                    || c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF || Character.isSurrogate(c);
            if (!printable) {
                return true;
            }
        }
        return false;
    }

    /** libyaml's analysis for a plain scalar in block context. */
    private static boolean plainAllowed(String s) {
        if (s.startsWith("---") || s.startsWith("...")) {
            return false;
        }
        char first = s.charAt(0);
        if ("#,[]{}&*!|>'\"%@`".indexOf(first) >= 0) {
            return false;
        }
        if ((first == '?' || first == ':' || first == '-') && (s.length() == 1 || isBlank(s.charAt(1)))) {
            return false;
        }
        if (isBlank(first) || isBlank(s.charAt(s.length() - 1))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ':' && (i + 1 == s.length() || isBlank(s.charAt(i + 1)))) {
                return false;
            }
            if (c == '#' && isBlank(s.charAt(i - 1))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static String doubleQuoted(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                case '\0' -> b.append("\\0");
                default -> {
                    if (c < 0x20 || c == 0x7F) {
                        b.append(String.format("\\x%02X", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static String literal(String s, int indent) {
        String chomp = s.endsWith("\n\n") ? "|+" : s.endsWith("\n") ? "|" : "|-";
        String body = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
        StringBuilder b = new StringBuilder(chomp);
        if (!body.isEmpty() && body.charAt(0) == ' ') {
            b.append('2');
        }
        for (String line : body.split("\n", -1)) {
            b.append('\n');
            if (!line.isEmpty()) {
                b.append(" ".repeat(indent)).append(line);
            }
        }
        return b.toString();
    }
}
