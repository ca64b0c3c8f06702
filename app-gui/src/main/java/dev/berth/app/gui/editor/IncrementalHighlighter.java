package dev.berth.app.gui.editor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Keeps the tokens of every line of a document and re-lexes only what an edit changed: the edited lines,
 * then following lines for as long as the state they start in differs from before (typing {@code |}
 * turns the lines below into text; removing it turns them back). A keystroke on a 2,000-line file
 * re-lexes one line.
 */
public final class IncrementalHighlighter {

    /** The lines whose tokens changed, {@code [from, to)}. */
    public record Damage(int from, int to) {}

    private final boolean dotEnv;
    private final List<Integer> startStates = new ArrayList<>();
    private final List<List<Token>> tokens = new ArrayList<>();

    public IncrementalHighlighter(boolean dotEnv) {
        this.dotEnv = dotEnv;
    }

    /** Lexes a whole document of {@code lineCount} lines. */
    public Damage reset(int lineCount, IntFunction<String> line) {
        startStates.clear();
        tokens.clear();
        int state = YamlLexer.PLAIN;
        for (int i = 0; i < lineCount; i++) {
            YamlLexer.Line lexed = lexLine(line.apply(i), state);
            startStates.add(state);
            tokens.add(lexed.tokens());
            state = lexed.endState();
        }
        return new Damage(0, lineCount);
    }

    /**
     * An edit replaced {@code removedBreaks + 1} lines starting at {@code firstLine} with
     * {@code insertedBreaks + 1} lines; {@code line} reads the document after the edit.
     */
    public Damage edit(int firstLine, int removedBreaks, int insertedBreaks, int lineCount, IntFunction<String> line) {
        int oldEnd = Math.min(firstLine + removedBreaks + 1, tokens.size());
        int first = Math.min(firstLine, tokens.size());
        List<Integer> oldStatesAfter = new ArrayList<>(startStates.subList(oldEnd, startStates.size()));
        startStates.subList(first, startStates.size()).clear();
        List<List<Token>> oldTokensAfter = new ArrayList<>(tokens.subList(oldEnd, tokens.size()));
        tokens.subList(first, tokens.size()).clear();

        int state = first == 0 ? YamlLexer.PLAIN : endStateOf(first - 1, line);
        int newEnd = Math.min(first + insertedBreaks + 1, lineCount);
        int i = first;
        for (; i < newEnd; i++) {
            YamlLexer.Line lexed = lexLine(line.apply(i), state);
            startStates.add(state);
            tokens.add(lexed.tokens());
            state = lexed.endState();
        }
        // Lines after the edit: keep their tokens once a line starts in the same state as before.
        int k = 0;
        for (; i < lineCount && k < oldStatesAfter.size(); i++, k++) {
            if (oldStatesAfter.get(k) == state) {
                startStates.addAll(oldStatesAfter.subList(k, oldStatesAfter.size()));
                tokens.addAll(oldTokensAfter.subList(k, oldTokensAfter.size()));
                return new Damage(first, i);
            }
            YamlLexer.Line lexed = lexLine(line.apply(i), state);
            startStates.add(state);
            tokens.add(lexed.tokens());
            state = lexed.endState();
        }
        for (; i < lineCount; i++) {
            YamlLexer.Line lexed = lexLine(line.apply(i), state);
            startStates.add(state);
            tokens.add(lexed.tokens());
            state = lexed.endState();
        }
        return new Damage(first, lineCount);
    }

    public List<Token> tokens(int line) {
        return line < tokens.size() ? tokens.get(line) : List.of();
    }

    public int lineCount() {
        return tokens.size();
    }

    private int endStateOf(int index, IntFunction<String> line) {
        return lexLine(line.apply(index), startStates.get(index)).endState();
    }

    private YamlLexer.Line lexLine(String text, int state) {
        return dotEnv ? EnvLexer.lex(text) : YamlLexer.lex(text, state);
    }
}
