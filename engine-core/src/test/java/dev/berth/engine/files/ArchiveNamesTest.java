package dev.berth.engine.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class ArchiveNamesTest {

    @Test
    void normalisesTheThreeRootShapesTheEngineSends() {
        assertThat(ArchiveNames.normalize("/")).isEmpty();
        assertThat(ArchiveNames.normalize("./")).isEmpty();
        assertThat(ArchiveNames.normalize("/bin/")).isEqualTo("bin");
        assertThat(ArchiveNames.normalize("./hosts")).isEqualTo("hosts");
        assertThat(ArchiveNames.normalize("etc/")).isEqualTo("etc");
    }

    @Test
    void entriesBelowTheRootAndNothingElse() {
        assertThat(ArchiveNames.below("etc", "etc")).isEmpty();
        assertThat(ArchiveNames.below("etc", "etc/ssl/certs")).isEqualTo("ssl/certs");
        assertThat(ArchiveNames.below("", "bin/sh")).isEqualTo("bin/sh");
        assertThat(ArchiveNames.below("etc", "etcetera/x")).isNull();
        assertThat(ArchiveNames.below("etc", "etc/../../home/x")).isNull();
    }

    @Test
    void baseNamesAndParentsOfContainerPaths() {
        assertThat(ArchiveNames.baseName("/app/src/")).isEqualTo("src");
        assertThat(ArchiveNames.parent("/app/src")).isEqualTo("/app");
        assertThat(ArchiveNames.parent("/app")).isEqualTo("/");
        assertThat(ContainerFiles.absolute("app/x")).isEqualTo("/app/x");
    }

    @Test
    void permissionBitsRoundTrip() {
        for (int mode : new int[] {0755, 0640, 0750, 0444, 0777, 0}) {
            Assertions.assertThat(ContainerFiles.mode(ContainerFiles.permissions(mode))).isEqualTo(mode);
        }
    }
}
