package dev.berth.app.gui.editor;

import java.util.ArrayList;
import java.util.List;

/** Highlights a {@code .env} line: {@code [export] KEY=value # comment}, with interpolations in the value. */
public final class EnvLexer {

    private EnvLexer() {}

    public static YamlLexer.Line lex(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = YamlLexer.indentOf(text);
        if (i < text.length() && text.charAt(i) == '#') {
            tokens.add(new Token(i, text.length(), TokenType.COMMENT));
            return new YamlLexer.Line(tokens, YamlLexer.PLAIN);
        }
        if (text.startsWith("export ", i)) {
            tokens.add(new Token(i, i + 6, TokenType.TAG));
            i += 7;
        }
        int eq = text.indexOf('=', i);
        if (eq < 0) {
            return new YamlLexer.Line(tokens, YamlLexer.PLAIN);
        }
        tokens.add(new Token(i, eq, TokenType.KEY));
        tokens.add(new Token(eq, eq + 1, TokenType.PUNCTUATION));
        // The value is lexed like a YAML scalar: quotes, interpolations and a trailing comment.
        String value = text.substring(eq + 1);
        for (Token t : YamlLexer.lex("k: " + value, YamlLexer.PLAIN).tokens()) {
            if (t.start() >= 3) {
                tokens.add(new Token(t.start() - 3 + eq + 1, t.end() - 3 + eq + 1, t.type() == TokenType.CONSTANT ? TokenType.STRING : t.type()));
            }
        }
        return new YamlLexer.Line(tokens, YamlLexer.PLAIN);
    }
}
