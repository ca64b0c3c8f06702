package dev.berth.compose.load;

import java.util.ArrayList;
import java.util.List;

/** Splits a command string the way a POSIX shell would split words (quotes and backslashes), like compose-go's shlex. */
public final class ShellWords {

    private ShellWords() {}

    /** Lenient, as compose reads a string {@code command:}: an unclosed quote runs to the end. */
    static List<String> split(String s) {
        return split(s, false);
    }

    /**
     * Strict, for a command line a user types (the GUI's "Open shell with…"): an unclosed quote is an error.
     *
     * @throws IllegalArgumentException naming the quote left open
     */
    public static List<String> splitStrict(String s) {
        return split(s, true);
    }

    private static List<String> split(String s, boolean strict) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < s.length() && "\"\\$`\n".indexOf(s.charAt(i + 1)) >= 0) {
                    word.append(s.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < s.length()) {
                word.append(s.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (strict && quote != 0) {
            throw new IllegalArgumentException("unclosed " + quote + " quote");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
