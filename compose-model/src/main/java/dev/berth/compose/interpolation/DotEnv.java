package dev.berth.compose.interpolation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads {@code .env} / {@code env_file} content with compose-go's syntax: {@code KEY=value},
 * {@code KEY: value}, {@code export KEY=value}, blanks around {@code =} trimmed, {@code #} comments
 * (inline ones need a blank before {@code #}), single quotes literal, double quotes with {@code \n}
 * escapes and {@code $VAR} expansion, unquoted values expanded too. {@code ${VAR}} inside a value looks
 * at {@code lookup} first (the process environment) and then at the lines read before.
 */
public final class DotEnv {

    private DotEnv() {}

    /**
     * An {@code env_file} with {@code format: raw}: the syntax of {@code docker run --env-file} (docker
     * compose registers it under that name). Each line is {@code KEY=value} taken literally — quotes,
     * {@code $} and trailing blanks kept, nothing expanded; leading blanks and {@code #} lines skipped; a
     * bare {@code KEY} takes its value from {@code lookup} and is dropped when undefined there.
     */
    public static Map<String, String> parseRaw(String content, Function<String, String> lookup) throws DotEnvException {
        Map<String, String> values = new LinkedHashMap<>();
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            line = line.stripLeading();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String key = eq < 0 ? line : line.substring(0, eq);
            if (key.isEmpty()) {
                throw new DotEnvException(i + 1, 1, "no variable name on line '" + line + "'");
            }
            if (key.chars().anyMatch(c -> c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r')) {
                throw new DotEnvException(i + 1, 1, "variable '" + key + "' contains whitespaces");
            }
            if (eq >= 0) {
                values.put(key, line.substring(eq + 1));
            } else {
                String inherited = lookup == null ? null : lookup.apply(key);
                if (inherited != null) {
                    values.put(key, inherited);
                }
            }
        }
        return values;
    }

    public static Map<String, String> parse(String content, Function<String, String> lookup) throws DotEnvException {
        Map<String, String> values = new LinkedHashMap<>();
        Function<String, String> resolve = name -> {
            String v = lookup == null ? null : lookup.apply(name);
            return v != null ? v : values.get(name);
        };
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        int pos = 0;
        int lineNo = 0;
        int n = text.length();
        while (pos < n) {
            lineNo++;
            int eol = text.indexOf('\n', pos);
            if (eol < 0) {
                eol = n;
            }
            String line = text.substring(pos, eol);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            int lineStart = pos;
            pos = eol + 1;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            if (trimmed.startsWith("export ") || trimmed.startsWith("export\t")) {
                trimmed = trimmed.substring(7).stripLeading();
            }
            int eq = indexOfSeparator(trimmed);
            if (eq < 0) {
                if (trimmed.contains(" ") || trimmed.contains("\t")) {
                    throw new DotEnvException(lineNo, 1, "line " + lineNo + ": key cannot contain a space");
                }
                // A bare KEY: compose-go takes it from the lookup when defined there.
                String inherited = lookup == null ? null : lookup.apply(trimmed);
                if (inherited != null) {
                    values.put(trimmed, inherited);
                }
                continue;
            }
            String key = trimmed.substring(0, eq).strip();
            if (key.isEmpty() || key.contains(" ") || key.contains("\t")) {
                throw new DotEnvException(lineNo, 1, "line " + lineNo + ": key cannot contain a space");
            }
            String rest = trimmed.substring(eq + 1).stripLeading();
            if (rest.startsWith("'")) {
                int close = rest.indexOf('\'', 1);
                if (close < 0) {
                    throw new DotEnvException(lineNo, 1, "line " + lineNo + ": unterminated quoted value");
                }
                values.put(key, rest.substring(1, close));
            } else if (rest.startsWith("\"")) {
                // Double-quoted values may span lines: continue in the raw text.
                int valueStart = lineStart + line.indexOf('"', line.indexOf(key) + key.length()) + 1;
                int close = closingDoubleQuote(text, valueStart);
                if (close < 0) {
                    throw new DotEnvException(lineNo, 1, "line " + lineNo + ": unterminated quoted value");
                }
                String raw = text.substring(valueStart, close);
                for (int k = valueStart; k < close; k++) {
                    if (text.charAt(k) == '\n') {
                        lineNo++;
                    }
                }
                int nextEol = text.indexOf('\n', close);
                pos = nextEol < 0 ? n : nextEol + 1;
                values.put(key, expand(unescape(raw), resolve, lineNo));
            } else {
                String value = rest;
                int comment = inlineComment(value);
                if (comment >= 0) {
                    value = value.substring(0, comment);
                }
                values.put(key, expand(value.strip(), resolve, lineNo));
            }
        }
        return values;
    }

    private static int indexOfSeparator(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '=') {
                return i;
            }
            if (c == ':' && (i + 1 == line.length() || line.charAt(i + 1) == ' ')) {
                return i;
            }
            if (c == '"' || c == '\'') {
                return -1;
            }
        }
        return -1;
    }

    private static int inlineComment(String value) {
        for (int i = 1; i < value.length(); i++) {
            if (value.charAt(i) == '#' && Character.isWhitespace(value.charAt(i - 1))) {
                return i;
            }
        }
        return -1;
    }

    private static int closingDoubleQuote(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    private static String unescape(String raw) {
        if (raw.indexOf('\\') < 0) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                char e = raw.charAt(++i);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case '"', '\\' -> out.append(e);
                    case '$' -> out.append("$$");
                    default -> out.append('\\').append(e);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String expand(String value, Function<String, String> resolve, int lineNo) throws DotEnvException {
        try {
            return Template.expand(value, resolve, null);
        } catch (InterpolationException e) {
            throw new DotEnvException(lineNo, 1, "line " + lineNo + ": " + (e.kind() == InterpolationException.Kind.INVALID_FORMAT
                    ? "invalid interpolation format: " + e.getMessage()
                    : e.getMessage()));
        }
    }
}
