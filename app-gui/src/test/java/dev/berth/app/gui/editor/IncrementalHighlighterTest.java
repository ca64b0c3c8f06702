package dev.berth.app.gui.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncrementalHighlighterTest {

    private final List<String> lines = new ArrayList<>(List.of(
            "services:", "  web:", "    command: echo", "    image: busybox", "    restart: always"));
    private final IncrementalHighlighter highlighter = new IncrementalHighlighter(false);

    @Test
    void relexesOnlyTheEditedLineWhenItsEndStateIsUnchanged() {
        highlighter.reset(lines.size(), lines::get);
        lines.set(3, "    image: busybox:1.36");
        IncrementalHighlighter.Damage damage = highlighter.edit(3, 0, 0, lines.size(), lines::get);
        assertThat(damage).isEqualTo(new IncrementalHighlighter.Damage(3, 4));
    }

    @Test
    void openingABlockScalarRelexesTheLinesItNowCovers() {
        highlighter.reset(lines.size(), lines::get);
        lines.set(2, "    command: |");
        lines.add(3, "      echo: hi");
        IncrementalHighlighter.Damage damage = highlighter.edit(2, 0, 1, lines.size(), lines::get);
        assertThat(damage.from()).isEqualTo(2);
        assertThat(highlighter.tokens(3)).singleElement().extracting(Token::type).isEqualTo(TokenType.STRING);
        assertThat(highlighter.tokens(4).getFirst().type()).isEqualTo(TokenType.KEY);
        assertThat(highlighter.lineCount()).isEqualTo(6);
    }

    @Test
    void anIncrementalResultEqualsAFullRelex() {
        highlighter.reset(lines.size(), lines::get);
        lines.remove(1);
        lines.remove(1);
        lines.set(1, "    image: a");
        highlighter.edit(1, 2, 0, lines.size(), lines::get);
        IncrementalHighlighter full = new IncrementalHighlighter(false);
        full.reset(lines.size(), lines::get);
        for (int i = 0; i < lines.size(); i++) {
            assertThat(highlighter.tokens(i)).isEqualTo(full.tokens(i));
        }
    }
}
