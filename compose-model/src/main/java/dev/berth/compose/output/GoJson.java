package dev.berth.compose.output;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Writes plain ordered maps, lists and scalars as Go's {@code json.MarshalIndent(v, "", "  ")} does:
 * {@code <}, {@code >} and {@code &} escaped as {@code \u003c}…, floats in Go's form.
 */
final class GoJson {

    private GoJson() {}

    static String write(Object document) {
        StringBuilder out = new StringBuilder();
        value(document, 0, out);
        return out.append('\n').toString();
    }

    private static void value(Object v, int indent, StringBuilder out) {
        if (v instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append("{\n");
            int i = 0;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append("  ".repeat(indent + 1));
                string(String.valueOf(e.getKey()), out);
                out.append(": ");
                value(e.getValue(), indent + 1, out);
                out.append(++i < map.size() ? ",\n" : "\n");
            }
            out.append("  ".repeat(indent)).append('}');
        } else if (v instanceof List<?> list) {
            if (list.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append("[\n");
            for (int i = 0; i < list.size(); i++) {
                out.append("  ".repeat(indent + 1));
                value(list.get(i), indent + 1, out);
                out.append(i + 1 < list.size() ? ",\n" : "\n");
            }
            out.append("  ".repeat(indent)).append(']');
        } else if (v == null) {
            out.append("null");
        } else if (v instanceof Double d) {
            out.append(goFloat(d));
        } else if (v instanceof Boolean || v instanceof Long || v instanceof Integer) {
            out.append(v);
        } else {
            string(String.valueOf(v), out);
        }
    }

    /** encoding/json: 'f' form, exponent form below 1e-6 or from 1e21. */
    static String goFloat(double d) {
        double abs = Math.abs(d);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
            String g = GoYaml.goFloat(d);
            return g.replaceFirst("e([-+])0(\\d)$", "e$1$2");
        }
        return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> out.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
