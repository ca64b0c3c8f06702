package dev.berth.app.gui.editor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.validation.SchemaCatalog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompletionEngineTest {

    private final CompletionEngine engine = new CompletionEngine(SchemaCatalog.shared());
    private final Map<String, List<String>> declared = Map.of(
            "services", List.of("web", "db", "cache"), "networks", List.of("front", "back"), "volumes", List.of("data"));

    private List<CompletionItem> at(String text) {
        int caret = text.indexOf('|');
        String clean = text.substring(0, caret) + text.substring(caret + 1);
        List<String> lines = List.of(clean.split("\n", -1));
        int line = (int) text.substring(0, caret).chars().filter(c -> c == '\n').count();
        int column = caret - text.lastIndexOf('\n', caret - 1) - 1;
        return engine.complete(lines, line, column, () -> declared, () -> List.of("berth-test/busybox:latest", "postgres:16"));
    }

    private static List<String> labels(List<CompletionItem> items) {
        return items.stream().map(CompletionItem::label).toList();
    }

    @Test
    void offersHealthcheckWithItsDescriptionUnderAService() {
        List<CompletionItem> items = at("services:\n  web:\n    image: x\n    heal|\n");
        assertThat(labels(items)).containsExactly("healthcheck");
        assertThat(items.getFirst().detail()).contains("health");
        assertThat(items.getFirst().insert()).isEqualTo("healthcheck: ");
        assertThat(items.getFirst().replaceFrom()).isEqualTo(4);
    }

    @Test
    void leavesOutKeysAlreadyWritten() {
        assertThat(labels(at("services:\n  web:\n    image: x\n    |\n"))).doesNotContain("image").contains("healthcheck", "ports");
    }

    @Test
    void offersNestedKeysAndEnumValues() {
        assertThat(labels(at("services:\n  web:\n    healthcheck:\n      inte|\n"))).contains("interval");
        assertThat(labels(at("services:\n  web:\n    restart: un|\n"))).containsExactly("unless-stopped");
        assertThat(labels(at("services:\n  web:\n    depends_on:\n      db:\n        condition: service_h|\n")))
                .containsExactly("service_healthy");
    }

    @Test
    void offersOtherServicesInDependsOnLinksAndExtends() {
        assertThat(labels(at("services:\n  web:\n    depends_on:\n      - |\n"))).containsExactly("db", "cache");
        assertThat(labels(at("services:\n  web:\n    depends_on:\n      c|\n"))).containsExactly("cache");
        assertThat(labels(at("services:\n  web:\n    links:\n      - d|\n"))).containsExactly("db");
        assertThat(labels(at("services:\n  web:\n    extends:\n      service: |\n"))).containsExactly("db", "cache");
    }

    @Test
    void offersDeclaredNetworksAndVolumesAndLocalImages() {
        assertThat(labels(at("services:\n  web:\n    networks:\n      - |\n"))).containsExactly("front", "back");
        assertThat(labels(at("services:\n  web:\n    volumes:\n      - d|\n"))).containsExactly("data");
        assertThat(labels(at("services:\n  web:\n    image: berth|\n"))).containsExactly("berth-test/busybox:latest");
    }

    @Test
    void offersNothingInsideAComment() {
        assertThat(at("# mi|\nservices:\n")).isEmpty();
        assertThat(at("services:\n  web:\n    image: x # he|\n")).isEmpty();
    }

    @Test
    void offersTopLevelSections() {
        assertThat(labels(at("services:\n  web:\n    image: x\nvol|"))).containsExactly("volumes");
    }

    /** Accepts the first proposal at the caret ('|') of a one-line text: the line after, with the caret shown as '|'. */
    private String accept(String services, String label) {
        String text = "services:\n  web:\n" + services;
        CompletionItem item = at(text).stream().filter(i -> i.label().equals(label)).findFirst().orElseThrow();
        String line = text.substring(text.lastIndexOf('\n') + 1);
        int caret = line.indexOf('|');
        line = line.replace("|", "");
        CompletionItem.Edit edit = item.editAt(line, caret);
        String after = line.substring(0, edit.from()) + edit.text() + line.substring(edit.to());
        return after.substring(0, edit.caret()) + "|" + after.substring(edit.caret());
    }

    @Test
    void completingAKeyBeforeItsExistingColonKeepsOneColon() {
        assertThat(accept("    rest|: on-failure", "restart")).isEqualTo("    restart: |on-failure");
        assertThat(accept("    restart|: on-failure", "restart")).isEqualTo("    restart: |on-failure");
        assertThat(accept("    rest|art: on-failure", "restart")).isEqualTo("    restart: |on-failure");
        assertThat(accept("    rest|art:", "restart")).isEqualTo("    restart:|");
    }

    @Test
    void completingANewKeyAddsItsColonOnce() {
        assertThat(accept("    rest|", "restart")).isEqualTo("    restart: |");
    }

    @Test
    void anImageReplacesTheWholeNameUnderTheCaret() {
        assertThat(accept("    image: berth|-test/busy", "berth-test/busybox:latest")).isEqualTo("    image: berth-test/busybox:latest|");
    }
}
