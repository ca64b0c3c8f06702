package dev.berth.app.gui.engine;

import static dev.berth.app.gui.engine.FakeEngine.container;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.engine.compose.ServiceContainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The incremental listing: a full one first, then only the containers events named. */
class ListedContainersTest {

    private final ListedContainers known = new ListedContainers();
    private final List<String> calls = new ArrayList<>();

    private List<ServiceContainer> engine(String... idsAndStates) {
        List<ServiceContainer> out = new ArrayList<>();
        for (int i = 0; i < idsAndStates.length; i += 2) {
            out.add(ServiceContainer.of(container(idsAndStates[i], "s" + idsAndStates[i], idsAndStates[i + 1], "")));
        }
        return out;
    }

    private List<String> refresh(boolean full, List<String> changed, List<ServiceContainer> all) {
        return known.refresh(full, changed, () -> {
            calls.add("all");
            return all;
        }, asked -> {
            calls.add("ids " + asked);
            return all.stream().filter(c -> asked.contains(c.id())).toList();
        }).stream().map(c -> c.id() + ":" + c.state().engineName()).toList();
    }

    @Test
    void listsEverythingFirstThenOnlyTheNamedContainers() {
        assertThat(refresh(false, List.of("a"), engine("b", "running", "a", "created"))).containsExactly("b:running", "a:created");

        // a started, c was created, b was removed: three ids asked, the rest kept as it was
        assertThat(refresh(false, List.of("a", "c", "b"), engine("c", "created", "a", "running")))
                .containsExactly("c:created", "a:running");
        assertThat(refresh(false, List.of(), engine())).containsExactly("c:created", "a:running");

        assertThat(calls).containsExactly("all", "ids [a, c, b]");
    }

    @Test
    void aFullListingWhenAskedOrWhenABurstNamesTooManyContainers() {
        refresh(false, List.of(), engine("a", "running"));
        refresh(true, List.of("a"), engine("a", "exited"));
        List<String> many = new ArrayList<>();
        for (int i = 0; i <= ListedContainers.MOST_IDS_PER_LISTING; i++) {
            many.add("x" + i);
        }
        refresh(false, many, engine("a", "exited"));

        assertThat(calls).containsExactly("all", "all", "all");
        assertThat(known.need(false, Set.of("a"))).isEqualTo(ListedContainers.Need.CHANGED);
    }
}
