package dev.berth.compose.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.ComposeLoader;
import dev.berth.compose.Diagnostic;
import dev.berth.compose.LoadResult;
import dev.berth.compose.model.Project;
import java.nio.file.Path;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every conformance case of the corpus: the right outcome, and for OK cases the key fields of expected.txt. */
class CorpusCasesTest {

    static Stream<CorpusCase> cases() {
        return Corpus.caseDirectories().stream().map(CorpusCase::read);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void loadsAsTheSpecificationSays(CorpusCase c) {
        LoadResult result = ComposeLoader.load(CaseExpectations.optionsFor(c));
        String all = String.join("\n", result.diagnostics().stream().map(Diagnostic::toString).toList());
        if (c.expectOk()) {
            assertThat(result.errors()).as("errors of %s:\n%s", c, all).isEmpty();
            Project project = result.project().orElseThrow();
            BiConsumer<Project, Path> expectation = CaseExpectations.FOR_CASE.get(c.id());
            if (expectation != null) {
                expectation.accept(project, c.directory());
            }
        } else {
            assertThat(result.hasErrors()).as("%s must fail; diagnostics:\n%s", c, all).isTrue();
            assertThat(result.project()).isEmpty();
            for (String expected : c.errorContains()) {
                assertThat(all).as("diagnostics of %s", c).contains(expected);
            }
            for (Diagnostic d : result.errors()) {
                assertThat(d.location().file()).as("every error names a file: %s", d).isNotNull();
            }
        }
    }
}
