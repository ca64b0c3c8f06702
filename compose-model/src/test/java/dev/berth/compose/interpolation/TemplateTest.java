package dev.berth.compose.interpolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TemplateTest {

    private static final Map<String, String> ENV = Map.of("FOO", "first", "BAR", "");

    private static String expand(String text) throws InterpolationException {
        return Template.expand(text, ENV::get, null);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "$FOO|first", "${FOO}|first", "${FOO:-d}|first", "${BAR:-d}|d", "${BAR-d}|''", "${NOPE-d}|d",
            "${FOO:+alt}|alt", "${BAR:+alt}|''", "${BAR+alt}|alt", "${NOPE+alt}|''", "$$FOO|$FOO", "$${FOO}|${FOO}",
            "a $ b|a $ b", "$}|$}", "price: 5$|price: 5$", "${NOPE:-${NOPE2:-${FOO}}}|first", "$FOO-bar|first-bar",
            "${NOPE:-{\"a\":1}}|{\"a\":1}", "${NOPE-x?y}|x?y"})
    void expandsLikeTheSpecification(String template, String expected) throws InterpolationException {
        assertThat(expand(template)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"${", "${}", "${ FOO}", "${FOO }", "${FOO!}", "${FOO:}", "x ${FOO"})
    void rejectsMalformedReferences(String template) {
        assertThatThrownBy(() -> expand(template)).isInstanceOfSatisfying(InterpolationException.class,
                e -> assertThat(e.kind()).isEqualTo(InterpolationException.Kind.INVALID_FORMAT));
    }

    @Test
    void failsOnRequiredVariableWithItsMessage() {
        assertThatThrownBy(() -> expand("${NOPE:?give it}")).hasMessage("required variable NOPE is missing a value: give it");
        assertThatThrownBy(() -> expand("${BAR:?}")).hasMessage("required variable BAR is missing a value");
    }

    @Test
    void evaluatesDefaultsOnlyWhenUsed() throws InterpolationException {
        assertThat(expand("${FOO:-${NOPE:?never evaluated}}")).isEqualTo("first");
    }

    @Test
    void tellsAboutUnsetVariables() throws InterpolationException {
        List<String> unset = new ArrayList<>();
        Template.expand("$A ${B} ${C:-x}", ENV::get, unset::add);
        assertThat(unset).containsExactly("A", "B");
    }
}
