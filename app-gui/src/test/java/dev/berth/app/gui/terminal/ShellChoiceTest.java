package dev.berth.app.gui.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** "Open shell with…" splits the typed command as a shell would for plain words and quotes, without expansion. */
class ShellChoiceTest {

    @Test
    void splitsOnSpacesAndKeepsQuotedWordsWhole() {
        assertThat(ShellChoice.words("  sh -c 'echo $HOME; ls'  ")).containsExactly("sh", "-c", "echo $HOME; ls");
        assertThat(ShellChoice.words("psql -U \"app user\" -d db")).containsExactly("psql", "-U", "app user", "-d", "db");
        assertThat(ShellChoice.words("printf a\\ b \"q\\\"\" ''")).containsExactly("printf", "a b", "q\"", "");
        assertThat(ShellChoice.words("bash")).containsExactly("bash");
    }

    @Test
    void anUnclosedQuoteIsRefused() {
        assertThatThrownBy(() -> ShellChoice.words("sh -c 'echo")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'");
    }
}
