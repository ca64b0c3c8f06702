package dev.berth.app.gui.editor;

import java.util.ArrayList;
import java.util.List;

/**
 * A line-at-a-time YAML lexer for highlighting. Each line is lexed from the state the previous line
 * ended in, so {@link IncrementalHighlighter} re-lexes only the lines an edit touched (and following
 * lines only while their starting state changes). The only state carried across lines is "inside a
 * block scalar ({@code |}/{@code >}) whose parent is indented N", which is what makes a line mean
 * text rather than keys. Highlighting does not need a full parser: the loader reports real errors.
 */
public final class YamlLexer {

    /** The state at the start of a line that is not inside a block scalar. */
    public static final int PLAIN = -1;

    /** The tokens of one line and the state the next line starts in. */
    public record Line(List<Token> tokens, int endState) {}

    private YamlLexer() {}

    /** Lexes {@code text} (one line, no line break) starting in {@code state}. */
    public static Line lex(String text, int state) {
        List<Token> tokens = new ArrayList<>();
        int indent = indentOf(text);
        if (state != PLAIN) {
            if (indent == text.length() || indent > state) {
                if (indent < text.length()) {
                    tokens.add(new Token(indent, text.length(), TokenType.STRING));
                }
                return new Line(tokens, state);
            }
        }
        if (text.startsWith("---") || text.startsWith("...")) {
            tokens.add(new Token(0, 3, TokenType.DOCUMENT));
            lexValue(text, 3, tokens, 0);
            return new Line(tokens, PLAIN);
        }
        int i = indent;
        // Sequence indicators: "- - key: value".
        while (i < text.length() && text.charAt(i) == '-' && (i + 1 == text.length() || text.charAt(i + 1) == ' ')) {
            tokens.add(new Token(i, i + 1, TokenType.PUNCTUATION));
            i = skipSpaces(text, i + 1);
        }
        int keyColumn = i;
        int keyEnd = keyEnd(text, i);
        if (keyEnd > 0) {
            tokens.add(new Token(i, keyEnd, TokenType.KEY));
            tokens.add(new Token(keyEnd, keyEnd + 1, TokenType.PUNCTUATION));
            i = keyEnd + 1;
        }
        int blockParent = lexValue(text, i, tokens, keyColumn);
        return new Line(tokens, blockParent);
    }

    /** Leading spaces. */
    public static int indentOf(String text) {
        int i = 0;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /**
     * The end of a mapping key starting at {@code from} (the index of its ':'), or -1 when the line has
     * no key there. Keys may be quoted; a plain key ends at ": " or ':' at the end of the line.
     */
    static int keyEnd(String text, int from) {
        if (from >= text.length()) {
            return -1;
        }
        char first = text.charAt(from);
        if (first == '#' || first == '[' || first == '{' || first == '&' || first == '*' || first == '!' || first == '|' || first == '>') {
            return -1;
        }
        int i = from;
        if (first == '"' || first == '\'') {
            int close = closingQuote(text, from);
            if (close < 0) {
                return -1;
            }
            i = close + 1;
            return i < text.length() && text.charAt(i) == ':' && (i + 1 == text.length() || text.charAt(i + 1) == ' ') ? i : -1;
        }
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ':' && (i + 1 == text.length() || text.charAt(i + 1) == ' ')) {
                return i > from ? i : -1;
            }
            if (c == '#' && text.charAt(i - 1) == ' ') {
                return -1;
            }
        }
        return -1;
    }

    /**
     * Lexes the value part of a line from {@code from}; returns the next line's state: the parent
     * indentation when the value opens a block scalar, else {@link #PLAIN}.
     */
    private static int lexValue(String text, int from, List<Token> tokens, int keyColumn) {
        int i = from;
        int depth = 0;
        int state = PLAIN;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
            } else if (c == '#' && (i == 0 || text.charAt(i - 1) == ' ' || text.charAt(i - 1) == '\t')) {
                tokens.add(new Token(i, text.length(), TokenType.COMMENT));
                return state;
            } else if (c == '&' || c == '*' || c == '!') {
                int end = wordEnd(text, i + 1);
                tokens.add(new Token(i, end, c == '&' ? TokenType.ANCHOR : c == '*' ? TokenType.ALIAS : TokenType.TAG));
                i = end;
            } else if (c == '"' || c == '\'') {
                int close = closingQuote(text, i);
                int end = close < 0 ? text.length() : close + 1;
                string(text, i, end, c == '"' || c == '\'', tokens);
                i = end;
            } else if (c == '[' || c == '{' || c == ']' || c == '}' || c == ',') {
                depth += c == '[' || c == '{' ? 1 : c == ']' || c == '}' ? -1 : 0;
                tokens.add(new Token(i, i + 1, TokenType.PUNCTUATION));
                i++;
            } else if ((c == '|' || c == '>') && depth == 0 && isBlockIndicator(text, i)) {
                int end = wordEnd(text, i + 1);
                tokens.add(new Token(i, end, TokenType.BLOCK));
                state = keyColumn;
                i = end;
            } else {
                int end = plainEnd(text, i, depth > 0);
                if (depth > 0) {
                    int keyEnd = keyEnd(text.substring(0, end), i);
                    if (keyEnd > 0 && text.startsWith(": ", keyEnd) || keyEnd > 0 && keyEnd + 1 == end) {
                        tokens.add(new Token(i, keyEnd, TokenType.KEY));
                        tokens.add(new Token(keyEnd, keyEnd + 1, TokenType.PUNCTUATION));
                        i = keyEnd + 1;
                        continue;
                    }
                }
                String word = text.substring(i, end).strip();
                if (isConstant(word)) {
                    tokens.add(new Token(i, i + word.length(), TokenType.CONSTANT));
                } else {
                    string(text, i, end, true, tokens);
                }
                i = Math.max(end, i + 1);
            }
        }
        return state;
    }

    /** A string token, split around {@code ${VAR}} / {@code $VAR} interpolations ({@code $$} is a literal $). */
    private static void string(String text, int start, int end, boolean interpolates, List<Token> tokens) {
        int from = start;
        if (interpolates) {
            for (int i = start; i < end - 1; i++) {
                if (text.charAt(i) != '$') {
                    continue;
                }
                char next = text.charAt(i + 1);
                if (next == '$') {
                    i++;
                    continue;
                }
                int close = -1;
                if (next == '{') {
                    close = text.indexOf('}', i + 2);
                    close = close < 0 || close >= end ? -1 : close + 1;
                } else if (Character.isLetter(next) || next == '_') {
                    close = i + 1;
                    while (close < end && (Character.isLetterOrDigit(text.charAt(close)) || text.charAt(close) == '_')) {
                        close++;
                    }
                }
                if (close > 0) {
                    if (i > from) {
                        tokens.add(new Token(from, i, TokenType.STRING));
                    }
                    tokens.add(new Token(i, close, TokenType.INTERPOLATION));
                    from = close;
                    i = close - 1;
                }
            }
        }
        if (end > from) {
            tokens.add(new Token(from, end, TokenType.STRING));
        }
    }

    private static boolean isBlockIndicator(String text, int i) {
        int end = wordEnd(text, i + 1);
        for (int k = i + 1; k < end; k++) {
            char c = text.charAt(k);
            if (c != '+' && c != '-' && !Character.isDigit(c)) {
                return false;
            }
        }
        int rest = skipSpaces(text, end);
        return rest == text.length() || text.charAt(rest) == '#';
    }

    private static boolean isConstant(String word) {
        return switch (word) {
            case "true", "false", "True", "False", "TRUE", "FALSE", "null", "Null", "NULL", "~", "yes", "no", "on", "off" -> true;
            default -> word.matches("[-+]?(\\d[\\d_]*)(\\.\\d*)?([eE][-+]?\\d+)?|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");
        };
    }

    private static int plainEnd(String text, int from, boolean inFlow) {
        int i = from;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '#' && i > from && (text.charAt(i - 1) == ' ' || text.charAt(i - 1) == '\t')) {
                break;
            }
            if (inFlow && (c == ',' || c == ']' || c == '}')) {
                break;
            }
        }
        while (i > from && (text.charAt(i - 1) == ' ' || text.charAt(i - 1) == '\t')) {
            i--;
        }
        return i;
    }

    private static int wordEnd(String text, int from) {
        int i = from;
        while (i < text.length() && " \t,[]{}".indexOf(text.charAt(i)) < 0) {
            i++;
        }
        return i;
    }

    private static int skipSpaces(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** The index of the quote closing the one at {@code open}, or -1 (doubled '' and \" are escapes). */
    static int closingQuote(String text, int open) {
        char q = text.charAt(open);
        for (int i = open + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (q == '"' && c == '\\') {
                i++;
            } else if (c == q) {
                if (q == '\'' && i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }
}
