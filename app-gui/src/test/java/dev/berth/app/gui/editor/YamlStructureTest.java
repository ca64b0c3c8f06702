package dev.berth.app.gui.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlStructureTest {

    private static final List<String> LINES = List.of(
            "services:",          // 0
            "  web:",             // 1
            "    image: x",       // 2
            "    volumes:",       // 3
            "      - type: bind", // 4
            "        source: .",  // 5
            "  # a comment",      // 6
            "  db:",              // 7
            "    image: postgres",// 8
            "networks:",          // 9
            "  front: {}",        // 10
            "volumes:",           // 11
            "  data:");           // 12

    @Test
    void findsThePathOfKeysAndListItemsFromIndentation() {
        assertThat(YamlStructure.pathAt(LINES, 2)).containsExactly("services", "web", "image");
        assertThat(YamlStructure.pathAt(LINES, 5)).containsExactly("services", "web", "volumes", "-", "source");
        assertThat(YamlStructure.pathAt(LINES, 4)).containsExactly("services", "web", "volumes", "-", "type");
        assertThat(YamlStructure.parentPath(LINES, 6, 4)).containsExactly("services", "web");
        assertThat(YamlStructure.pathAt(LINES, 10)).containsExactly("networks", "front");
    }

    @Test
    void listsTheEntriesOfEachSectionWithTheirLines() {
        Map<String, List<YamlStructure.Entry>> entries = YamlStructure.entries(LINES);
        assertThat(entries.get("services")).extracting(YamlStructure.Entry::name).containsExactly("web", "db");
        assertThat(entries.get("services").getFirst().line()).isEqualTo(1);
        assertThat(entries.get("services").getFirst().lastLine()).isEqualTo(6);
        assertThat(entries.get("networks")).extracting(YamlStructure.Entry::name).containsExactly("front");
        assertThat(entries.get("volumes")).extracting(YamlStructure.Entry::name).containsExactly("data");
        assertThat(YamlStructure.entryAt(entries, 8).name()).isEqualTo("db");
    }
}
