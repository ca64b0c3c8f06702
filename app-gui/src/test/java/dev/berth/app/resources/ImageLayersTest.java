package dev.berth.app.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.resources.ImageLayers.HistoryEntry;
import dev.berth.app.resources.ImageLayers.LocalImage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageLayersTest {

    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    private static HistoryEntry entry(String createdBy, long size) {
        return new HistoryEntry(createdBy, size, T, "");
    }

    // newest first, as the engine sends them
    private static final List<HistoryEntry> APP = List.of(
            entry("/bin/sh -c #(nop)  CMD [\"app\"]", 0),
            entry("/bin/sh -c true", 0),                     // a RUN that changed nothing: a layer of 0 bytes
            entry("/bin/sh -c #(nop) COPY file:abc in /app ", 500),
            entry("/bin/sh -c #(nop)  ENV PATH=/bin", 0),
            entry("/bin/sh -c #(nop) COPY file:def in /bin/busybox ", 2000));

    @Test
    void stepsComeOldestFirstWithLayersAssignedAndMetadataStepsEmpty() {
        ImageLayers layers = ImageLayers.of("app", "app:1", APP, List.of("d1", "d2", "d3"), List.of(), -1);

        assertThat(layers.steps()).extracting(ImageLayers.Step::diffId).containsExactly("d1", null, "d2", "d3", null);
        assertThat(layers.steps().getFirst().command()).startsWith("/bin/sh -c #(nop) COPY file:def");
        assertThat(layers.totalSize()).isEqualTo(2500);
        assertThat(layers.uniqueSize()).isEqualTo(2500);
        assertThat(layers.baseImage()).isNull();
    }

    @Test
    void aZeroByteRunIsEmptyWhenTheLayersAreAlreadyAccountedFor() {
        ImageLayers layers = ImageLayers.of("app", "app:1", APP, List.of("d1", "d2"), List.of(), -1);

        assertThat(layers.steps()).extracting(ImageLayers.Step::empty).containsExactly(false, true, false, true, true);
    }

    @Test
    void sharingFollowsTheLayerChainNotTheDiffIdAlone() {
        List<LocalImage> others = List.of(
                new LocalImage("base", "busybox:latest", List.of("d1")),
                new LocalImage("sibling", "other:1", List.of("d1", "d2", "x")),
                new LocalImage("elsewhere", "moved:1", List.of("y", "d2", "d3")), // same diff ids on another parent
                new LocalImage("app", "app:1", List.of("d1", "d2", "d3")));        // itself: skipped by id

        ImageLayers layers = ImageLayers.of("app", "app:1", APP, List.of("d1", "d2", "d3"), others, -1);

        assertThat(layers.layers()).extracting(ImageLayers.Step::sharedWith)
                .containsExactly(List.of("busybox:latest", "other:1"), List.of("other:1"), List.of());
        assertThat(layers.uniqueSize()).isZero(); // d3 is the 0-byte RUN; the rest are shared
        assertThat(layers.baseImage()).isEqualTo("busybox:latest");
    }

    @Test
    void theEnginesSharedSizeWinsWhenGiven() {
        ImageLayers layers = ImageLayers.of("app", "app:1", APP, List.of("d1", "d2", "d3"), List.of(), 2000);

        assertThat(layers.uniqueSize()).isEqualTo(500);
    }

    @Test
    void buildKitMetadataStepsAreRecognised() {
        assertThat(ImageLayers.isMetadata("ENV A=b")).isTrue();
        assertThat(ImageLayers.isMetadata("WORKDIR /app")).isTrue();
        assertThat(ImageLayers.isMetadata("RUN /bin/sh -c make # buildkit")).isFalse();
        assertThat(ImageLayers.isMetadata("COPY . . # buildkit")).isFalse();
        assertThat(ImageLayers.isMetadata("/bin/sh -c #(nop) ADD file:x in / ")).isFalse();
    }
}
