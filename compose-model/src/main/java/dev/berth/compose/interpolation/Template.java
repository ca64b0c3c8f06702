package dev.berth.compose.interpolation;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Expands {@code $VAR} templates exactly as the Compose specification (12-interpolation.md) and
 * compose-go do:
 * <ul>
 *   <li>{@code $VAR}, {@code ${VAR}}; unset → empty string (the caller is told, to warn)</li>
 *   <li>{@code ${VAR:-default}} (unset or empty), {@code ${VAR-default}} (unset only)</li>
 *   <li>{@code ${VAR:?err}}, {@code ${VAR?err}} → error "required variable VAR is missing a value: err"</li>
 *   <li>{@code ${VAR:+alt}}, {@code ${VAR+alt}}</li>
 *   <li>defaults and alternatives are templates themselves (nested, evaluated only when used);
 *       braces inside them must balance, so JSON like {@code {"a":1}} works</li>
 *   <li>{@code $$} → {@code $}; a {@code $} that starts no reference is kept as it is</li>
 * </ul>
 */
public final class Template {

    private Template() {}

    /**
     * @param lookup returns the variable's value or null when unset
     * @param unset  told about each variable that was unset and had no default (may be null)
     */
    public static String expand(String text, Function<String, String> lookup, Consumer<String> unset)
            throws InterpolationException {
        if (text.indexOf('$') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c != '$') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 >= n) {
                out.append('$');
                i++;
                continue;
            }
            char next = text.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
            } else if (next == '{') {
                int close = findClosingBrace(text, i + 2);
                if (close < 0) {
                    throw invalid(text);
                }
                out.append(braced(text, text.substring(i + 2, close), lookup, unset));
                i = close + 1;
            } else if (isNameStart(next)) {
                int end = i + 1;
                while (end < n && isNamePart(text.charAt(end))) {
                    end++;
                }
                String name = text.substring(i + 1, end);
                out.append(valueOrEmpty(name, lookup, unset));
                i = end;
            } else {
                out.append('$');
                i++;
            }
        }
        return out.toString();
    }

    /** True when the text contains a reference that {@link #expand} would replace. */
    public static boolean hasReference(String text) {
        return text.indexOf('$') >= 0;
    }

    private static String braced(String whole, String body, Function<String, String> lookup, Consumer<String> unset)
            throws InterpolationException {
        int n = body.length();
        int j = 0;
        while (j < n && isNamePart(body.charAt(j))) {
            j++;
        }
        String name = body.substring(0, j);
        if (name.isEmpty() || !isNameStart(name.charAt(0))) {
            throw invalid(whole);
        }
        if (j == n) {
            return valueOrEmpty(name, lookup, unset);
        }
        boolean colon = body.charAt(j) == ':';
        int opAt = colon ? j + 1 : j;
        if (opAt >= n) {
            throw invalid(whole);
        }
        char op = body.charAt(opAt);
        String argument = body.substring(opAt + 1);
        String value = lookup.apply(name);
        boolean set = value != null;
        boolean usable = colon ? set && !value.isEmpty() : set;
        return switch (op) {
            case '-' -> usable ? value : expand(argument, lookup, unset);
            case '+' -> usable ? expand(argument, lookup, unset) : "";
            case '?' -> {
                if (usable) {
                    yield value;
                }
                String message = expand(argument, lookup, unset);
                throw new InterpolationException(InterpolationException.Kind.REQUIRED_MISSING, name,
                        "required variable " + name + " is missing a value" + (message.isEmpty() ? "" : ": " + message));
            }
            default -> throw invalid(whole);
        };
    }

    private static String valueOrEmpty(String name, Function<String, String> lookup, Consumer<String> unset) {
        String value = lookup.apply(name);
        if (value == null) {
            if (unset != null) {
                unset.accept(name);
            }
            return "";
        }
        return value;
    }

    /** Index of the brace closing a <code>${</code> that starts at {@code from}, counting nested braces. */
    private static int findClosingBrace(String text, int from) {
        int depth = 0;
        for (int k = from; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c == '$' && k + 1 < text.length() && text.charAt(k + 1) == '$') {
                k++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                if (depth == 0) {
                    return k;
                }
                depth--;
            }
        }
        return -1;
    }

    private static InterpolationException invalid(String text) {
        return new InterpolationException(InterpolationException.Kind.INVALID_FORMAT, null, text);
    }

    private static boolean isNameStart(char c) {
        return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || c >= '0' && c <= '9';
    }
}
