package dev.berth.compose.interpolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DotEnvTest {

    @Test
    void readsComposeGoSyntax() throws DotEnvException {
        Map<String, String> values = DotEnv.parse("""
                # comment
                A=1
                B = two words # comment
                export C=3
                D: 4
                E='$A literal'
                F="$A\\nnext"
                G=x#y
                H=${A}_x
                """, name -> null);
        assertThat(values).containsExactly(Map.entry("A", "1"), Map.entry("B", "two words"), Map.entry("C", "3"),
                Map.entry("D", "4"), Map.entry("E", "$A literal"), Map.entry("F", "1\nnext"), Map.entry("G", "x#y"),
                Map.entry("H", "1_x"));
    }

    @Test
    void looksAtTheProcessEnvironmentBeforeEarlierLines() throws DotEnvException {
        Map<String, String> values = DotEnv.parse("FOO=foo\nBAR=${FOO}\n", Map.of("FOO", "zot")::get);
        assertThat(values.get("BAR")).isEqualTo("zot");
    }

    @Test
    void rejectsKeysWithSpacesAndUnterminatedQuotesWithTheLine() {
        assertThatThrownBy(() -> DotEnv.parse("A=1\nINVALID LINE\n", n -> null)).hasMessage("line 2: key cannot contain a space");
        assertThatThrownBy(() -> DotEnv.parse("A=\"open\n", n -> null)).hasMessage("line 1: unterminated quoted value");
    }

    @Test
    void keepsMultiLineDoubleQuotedValues() throws DotEnvException {
        assertThat(DotEnv.parse("CERT=\"line1\nline2\"\nNEXT=1\n", n -> null))
                .containsEntry("CERT", "line1\nline2").containsEntry("NEXT", "1");
    }
}
