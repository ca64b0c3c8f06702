package dev.berth.app.gui.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class YamlLexerTest {

    private static List<String> kinds(String line) {
        return YamlLexer.lex(line, YamlLexer.PLAIN).tokens().stream()
                .map(t -> t.type() + ":" + line.substring(t.start(), t.end())).toList();
    }

    @Test
    void splitsKeysValuesAndComments() {
        assertThat(kinds("  image: busybox:1.36  # pinned")).containsExactly(
                "KEY:image", "PUNCTUATION::", "STRING:busybox:1.36", "COMMENT:# pinned");
    }

    @Test
    void marksAnchorsAliasesTagsAndMergeKeys() {
        assertThat(kinds("x-common: &common")).containsExactly("KEY:x-common", "PUNCTUATION::", "ANCHOR:&common");
        assertThat(kinds("    <<: *common")).containsExactly("KEY:<<", "PUNCTUATION::", "ALIAS:*common");
        assertThat(kinds("    ports: !reset []")).containsExactly("KEY:ports", "PUNCTUATION::", "TAG:!reset", "PUNCTUATION:[", "PUNCTUATION:]");
    }

    @Test
    void marksInterpolationsInsidePlainAndQuotedScalarsButNotEscapedDollars() {
        assertThat(kinds("  image: \"app:${TAG:-latest}\"")).containsExactly(
                "KEY:image", "PUNCTUATION::", "STRING:\"app:", "INTERPOLATION:${TAG:-latest}", "STRING:\"");
        assertThat(kinds("  - FOO=$BAR and $$HOME")).containsExactly(
                "PUNCTUATION:-", "STRING:FOO=", "INTERPOLATION:$BAR", "STRING: and $$HOME");
    }

    @Test
    void marksNumbersBooleansAndNullsAsConstants() {
        assertThat(kinds("  retries: 3")).contains("CONSTANT:3");
        assertThat(kinds("  tty: true")).contains("CONSTANT:true");
        assertThat(kinds("  ports: [\"80:80\", 443]")).contains("STRING:\"80:80\"", "CONSTANT:443");
    }

    @Test
    void aBlockScalarTurnsMoreIndentedLinesIntoText() {
        YamlLexer.Line open = YamlLexer.lex("    command: |", YamlLexer.PLAIN);
        assertThat(open.endState()).isEqualTo(4);
        YamlLexer.Line body = YamlLexer.lex("      echo key: value # not a comment", open.endState());
        assertThat(body.tokens()).singleElement().extracting(Token::type).isEqualTo(TokenType.STRING);
        YamlLexer.Line after = YamlLexer.lex("    image: x", body.endState());
        assertThat(after.endState()).isEqualTo(YamlLexer.PLAIN);
        assertThat(after.tokens().getFirst().type()).isEqualTo(TokenType.KEY);
    }

    @Test
    void quotedKeysAndUrlsAreNotMistakenForKeys() {
        assertThat(kinds("  \"com.example/label\": x")).startsWith("KEY:\"com.example/label\"");
        assertThat(kinds("  - http://example.com")).containsExactly("PUNCTUATION:-", "STRING:http://example.com");
    }

    @Test
    void dotEnvLinesHaveKeysValuesAndComments() {
        List<Token> tokens = EnvLexer.lex("export TAG=${BASE}-1 # why").tokens();
        assertThat(tokens).extracting(Token::type).containsExactly(TokenType.TAG, TokenType.KEY, TokenType.PUNCTUATION,
                TokenType.INTERPOLATION, TokenType.STRING, TokenType.COMMENT);
    }
}
