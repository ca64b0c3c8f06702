package dev.berth.app.gui.editor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextToolsTest {

    @Test
    void underlinesTheKeyTheQuotedStringOrTheScalarAtTheColumn() {
        assertThat(TextRange.of("    helthcheck: {}", 5)).isEqualTo(new TextRange(4, 14));
        assertThat(TextRange.of("    image: \"a b\" # c", 12)).isEqualTo(new TextRange(11, 16));
        assertThat(TextRange.of("    restart: sometimes # no", 14)).isEqualTo(new TextRange(13, 22));
        assertThat(TextRange.of("  - web", 3)).isEqualTo(new TextRange(4, 7));
        assertThat(TextRange.of("  web:", 0)).isEqualTo(new TextRange(2, 6));
    }

    @Test
    void diffsWithContextMineMinusDiskPlus() {
        String diff = TextDiff.diff("a\nb\nc\nd\ne\n", "a\nb\nX\nd\ne\n");
        assertThat(diff).isEqualTo("  a\n  b\n- c\n+ X\n  d\n  e");
    }

    @Test
    void findsTheWordUnderTheMouseForCtrlClick() {
        assertThat(CodeEditor.wordAt("      - db-main:", 10)).isEqualTo("db-main");
        assertThat(CodeEditor.wordAt("  links: [web]", 11)).isEqualTo("web");
    }
}
