package dev.berth.app.gui.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnsiParserTest {

    private static final String ESC = "\u001b";

    @Test
    void keepsPlainTextAsOneUnstyledSegment() {
        assertThat(AnsiParser.parse("hello world")).containsExactly(new StyledSegment("hello world", AnsiStyle.PLAIN));
    }

    @Test
    void splitsTextWhereTheSgrColourChangesAndResets() {
        List<StyledSegment> segments = AnsiParser.parse("a " + ESC + "[31mred" + ESC + "[0m b");

        assertThat(segments).extracting(StyledSegment::text).containsExactly("a ", "red", " b");
        assertThat(segments.get(1).style().foreground()).isEqualTo(1);
        assertThat(segments.get(2).style()).isEqualTo(AnsiStyle.PLAIN);
    }

    @Test
    void combinesBoldWithBrightForegroundAndBackgroundInOneSequence() {
        AnsiStyle style = AnsiParser.parse(ESC + "[1;92;44mok").getFirst().style();

        assertThat(style.bold()).isTrue();
        assertThat(style.foreground()).isEqualTo(10);
        assertThat(style.background()).isEqualTo(4);
    }

    @Test
    void readsThe256ColourAndTrueColourForms() {
        assertThat(AnsiParser.parse(ESC + "[38;5;208mx").getFirst().style().foreground()).isEqualTo(208);
        int rgb = AnsiParser.parse(ESC + "[38;2;255;128;0mx").getFirst().style().foreground();
        assertThat(AnsiStyle.isRgb(rgb)).isTrue();
        assertThat(rgb & 0xFFFFFF).isEqualTo(0xFF8000);
    }

    @Test
    void treatsAnEmptySgrAsReset() {
        List<StyledSegment> segments = AnsiParser.parse(ESC + "[4mu" + ESC + "[mplain");

        assertThat(segments.get(0).style().underline()).isTrue();
        assertThat(segments.get(1).style()).isEqualTo(AnsiStyle.PLAIN);
    }

    @Test
    void stripsCursorMovesEraseLineOscHyperlinksAndCarriageReturns() {
        String raw = ESC + "[2K" + ESC + "[1Aprogress\r" + ESC + "]8;;http://x" + ESC + "\\link" + ESC + "]8;;\u0007 done" + ESC + "(B";

        assertThat(AnsiParser.strip(raw)).isEqualTo("progresslink done");
    }

    @Test
    void dropsAnUnterminatedEscapeWithoutFailing() {
        assertThat(AnsiParser.strip("abc" + ESC + "[31")).isEqualTo("abc");
        assertThat(AnsiParser.strip("abc" + ESC)).isEqualTo("abc");
    }

    @Test
    void mergesTextAcrossSequencesThatDoNotChangeTheStyle() {
        assertThat(AnsiParser.parse(ESC + "[31ma" + ESC + "[31mb")).hasSize(1).first()
                .extracting(StyledSegment::text).isEqualTo("ab");
    }

    @Test
    void keepsTabsAndReturnsTheSameStringWhenThereIsNothingToStrip() {
        String plain = "a\tb";
        assertThat(AnsiParser.strip(plain)).isSameAs(plain);
    }

    @Test
    void showsAtMostTheCharactersAndSegmentsARowCanLayOut() {
        AnsiParser.Display plain = AnsiParser.parse("x".repeat(1_000_000), 8_192, 200);
        assertThat(plain.truncated()).isTrue();
        assertThat(plain.segments()).singleElement().extracting(segment -> segment.text().length()).isEqualTo(8_192);

        StringBuilder flood = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            flood.append(ESC).append('[').append(30 + i % 8).append(";1m").append(i).append(' ');
        }
        AnsiParser.Display display = AnsiParser.parse(flood.toString(), 8_192, 200);
        assertThat(display.segments()).hasSize(200);
        assertThat(display.segments().stream().mapToInt(segment -> segment.text().length()).sum()).isEqualTo(8_192);
        assertThat(display.truncated()).isTrue();
        assertThat(AnsiParser.parse("short " + ESC + "[31mred", 8_192, 200).truncated()).isFalse();
        assertThat(AnsiParser.parse("exactly" + ESC + "[0m", 7, 200).truncated()).as("only an escape after the limit").isFalse();
    }

    @Test
    void anUnterminatedEscapeHidesAtMostTheRestOfItsOwnLine() {
        assertThat(AnsiParser.strip("unterminated csi " + ESC + "[31;")).isEqualTo("unterminated csi ");
        assertThat(AnsiParser.strip("unterminated osc " + ESC + "]0;never ends")).isEqualTo("unterminated osc ");
        assertThat(AnsiParser.strip("visible after the unterminated escapes")).isEqualTo("visible after the unterminated escapes");
    }

    @Test
    void dropsTheC1ControlsBinaryOutputDecodesTo() {
        assertThat(AnsiParser.strip("a\u0085b\u009bc\u0000d\uFFFDe")).isEqualTo("abcd\uFFFDe");
    }
}
