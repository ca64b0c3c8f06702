package dev.berth.app.gui.top;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TopViewModelTest {

    private final TopViewModel top = new TopViewModel();

    @Test
    void showsTheProcessesOfTheNamedContainer() {
        top.setProcesses("shop-web-1", List.of("PID", "USER", "CMD"), List.of(List.of("1", "root", "nginx: master"), List.of("7", "nginx", "nginx: worker")));

        assertThat(top.containerProperty().get()).isEqualTo("shop-web-1");
        assertThat(top.processes()).extracting(row -> row.get(2)).containsExactly("nginx: master", "nginx: worker");
    }

    @Test
    void keepsTheSameColumnListWhenARefreshHasTheSameTitles() {
        top.setProcesses("a", List.of("PID", "CMD"), List.of());
        List<String> first = top.titlesProperty().get();

        top.setProcesses("a", List.of("PID", "CMD"), List.of(List.of("1", "sh")));

        assertThat(top.titlesProperty().get()).isSameAs(first);
    }

    @Test
    void clearForgetsTheContainerAndItsProcesses() {
        top.setProcesses("a", List.of("PID"), List.of(List.of("1")));

        top.clear();

        assertThat(top.processes()).isEmpty();
        assertThat(top.containerProperty().get()).isNull();
    }
}
