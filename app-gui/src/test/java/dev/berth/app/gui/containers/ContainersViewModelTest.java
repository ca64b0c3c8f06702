package dev.berth.app.gui.containers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.gui.controls.Confirmations;
import dev.berth.app.gui.feed.ContainerAction;
import dev.berth.engine.compose.ContainerHealth;
import dev.berth.engine.compose.ContainerState;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

class ContainersViewModelTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private final List<String> opened = new ArrayList<>();
    private final ContainersViewModel containers = new ContainersViewModel(opened::add, Clock.fixed(NOW, ZoneOffset.UTC));

    private static ContainerRow row(String id, String service, String state, String health, String image, int hostPort) {
        List<PublishedPort> ports = hostPort > 0 ? List.of(new PublishedPort("0.0.0.0", hostPort, 80, "tcp")) : List.of();
        return new ContainerRow(id, "shop-" + service + "-1", service, ContainerState.of(state),
                health.isEmpty() ? ContainerHealth.NONE : ContainerHealth.valueOf(health.toUpperCase(Locale.ROOT)), image, ports, NOW.minusSeconds(3_700), 1.5, 10, 100);
    }

    @Test
    void filtersByNameServiceImageStateOrPort() {
        containers.setAll(List.of(row("1", "web", "running", "healthy", "nginx:1.27", 8080), row("2", "db", "running", "", "postgres:17", 0),
                row("3", "worker", "exited", "", "shop/worker", 0)));

        containers.filterProperty().set("postgres");
        assertThat(containers.rows()).extracting(ContainerRow::service).containsExactly("db");
        containers.filterProperty().set("EXITED");
        assertThat(containers.rows()).extracting(ContainerRow::service).containsExactly("worker");
        containers.filterProperty().set("8080");
        assertThat(containers.rows()).extracting(ContainerRow::service).containsExactly("web");
        containers.filterProperty().set("healthy");
        assertThat(containers.rows()).extracting(ContainerRow::service).containsExactly("web");
        containers.filterProperty().set("");
        assertThat(containers.rows()).hasSize(3);
    }

    @Test
    void opensAPublishedTcpPortOnLoopbackInTheBrowser() {
        containers.open(new PublishedPort("0.0.0.0", 8080, 80, "tcp"));
        containers.open(new PublishedPort("0.0.0.0", 5353, 53, "udp"));

        assertThat(opened).containsExactly("http://127.0.0.1:8080");
    }

    @Test
    void setAllKeepsTheOrderOfRowsThatStayAndAppendsNewOnes() {
        containers.setAll(List.of(row("1", "web", "running", "", "nginx", 0), row("2", "db", "running", "", "pg", 0)));

        containers.setAll(List.of(row("3", "cache", "running", "", "redis", 0), row("2", "db", "exited", "", "pg", 0),
                row("1", "web", "running", "", "nginx", 0)));

        assertThat(containers.rows()).extracting(ContainerRow::id).containsExactly("1", "2", "3");
        assertThat(containers.rows().get(1).state()).isEqualTo(ContainerState.EXITED);
    }

    /**
     * Issue 17 fault 8: a listing of 1,000 rows in which a few changed changes only those rows (the table then
     * redraws those cells, not every row), removes the ones that went, and keeps a running
     * container's usage figures until its next stats sample.
     */
    @Test
    void setAllOfALargeListingChangesOnlyTheRowsThatChanged() {
        List<ContainerRow> listing = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            listing.add(row("c" + i, "s" + i, i % 5 == 0 ? "running" : "created", "", "busybox", 0).withUsage(0, 0, 0));
        }
        containers.setAll(listing);
        containers.updateUsage("shop-s0-1", 12.5, 1024, 4096);
        List<String> changes = new ArrayList<>();
        containers.rows().addListener((ListChangeListener<ContainerRow>) c -> {
            while (c.next()) {
                changes.add(c.getFrom() + (c.wasReplaced() ? " replaced" : c.wasRemoved() ? " removed " + c.getRemovedSize()
                        : " added " + c.getAddedSize()));
            }
        });

        List<ContainerRow> next = new ArrayList<>(listing);
        next.set(1, row("c1", "s1", "running", "", "busybox", 0).withUsage(0, 0, 0));
        next.set(500, row("c500", "s500", "exited", "", "busybox", 0).withUsage(0, 0, 0));
        next.removeIf(r -> r.id().equals("c7") || r.id().equals("c8"));
        next.add(row("new", "extra", "created", "", "busybox", 0));
        containers.setAll(next);

        assertThat(changes).containsExactly("7 removed 1", "7 removed 1", "1 replaced", "498 replaced", "998 added 1");
        assertThat(containers.rows()).hasSize(999);
        assertThat(containers.rows().getFirst().cpuPercent()).as("usage kept").isEqualTo(12.5);
        assertThat(containers.rows().get(1).state()).isEqualTo(ContainerState.RUNNING);
    }

    @Test
    void updatesTheUsageOfManyContainersInOnePass() {
        containers.setAll(List.of(row("1", "web", "running", "", "nginx", 0), row("2", "db", "exited", "", "pg", 0).withUsage(0, 0, 0),
                row("3", "api", "running", "", "api", 0)));

        containers.updateUsage(Map.of("shop-web-1", new ContainersViewModel.Usage(3, 30, 300),
                "shop-db-1", new ContainersViewModel.Usage(4, 40, 400), "shop-api-1", new ContainersViewModel.Usage(5, 50, 500)));

        assertThat(containers.rows()).extracting(ContainerRow::cpuPercent).containsExactly(3.0, 0.0, 5.0);
    }

    @Test
    void upsertReplacesByIdAndRemoveDropsTheRow() {
        containers.upsert(row("1", "web", "created", "", "nginx", 0));
        containers.upsert(row("1", "web", "running", "", "nginx", 0));
        containers.upsert(row("2", "db", "running", "", "pg", 0));
        containers.remove("2");

        assertThat(containers.rows()).singleElement().extracting(ContainerRow::state).isEqualTo(ContainerState.RUNNING);
    }

    @Test
    void updatesUsageOfTheContainerWithThatName() {
        containers.setAll(List.of(row("1", "web", "running", "", "nginx", 0)));

        containers.updateUsage("shop-web-1", 42.5, 2048, 4096);

        assertThat(containers.rows().getFirst().cpuPercent()).isEqualTo(42.5);
        assertThat(containers.rows().getFirst().memoryUsage()).isEqualTo(2048);
    }

    @Test
    void sortsWithTheComparatorTheTableBindsTo() {
        containers.setAll(List.of(row("1", "web", "running", "", "nginx", 0), row("2", "api", "running", "", "api", 0)));

        containers.rows().setComparator(Comparator.comparing(ContainerRow::service));

        assertThat(containers.rows()).extracting(ContainerRow::service).containsExactly("api", "web");
    }

    @Test
    void showsUptimeLikeDockerPsAndNothingForStoppedContainers() {
        ContainerRow running = row("1", "web", "running", "", "nginx", 0);
        ContainerRow stopped = new ContainerRow("2", "x", "x", ContainerState.EXITED, ContainerHealth.NONE, "img", List.of(), null, 0, 0, 0);

        assertThat(containers.uptime(running)).isEqualTo("1h 1m");
        assertThat(containers.uptime(stopped)).isEmpty();
        assertThat(running.stateAndHealth()).isEqualTo("running");
    }

    @Test
    void readsStateAndHealthTogether() {
        assertThat(row("1", "web", "running", "healthy", "nginx", 0).stateAndHealth()).isEqualTo("running (healthy)");
        assertThat(row("1", "web", "running", "unhealthy", "nginx", 0).tone()).isEqualTo("bad");
        assertThat(row("1", "web", "running", "starting", "nginx", 0).tone()).isEqualTo("busy");
    }

    /** Issue 12, defect 8: the row menu's Remove asks first (Cancel removes nothing); restart and stop go straight on. */
    @Test
    void theRowMenuRemovesOnlyAfterTheUserConfirmsAndRunsTheOtherActionsOnTheContainer() {
        List<String> ran = new ArrayList<>();
        List<Confirmations.Request> asked = new ArrayList<>();
        boolean[] answer = {false};
        containers.setCommands(new ContainersViewModel.Commands() {
            @Override public void showLogs(ContainerRow row) { ran.add("logs " + row.service()); }
            @Override public void inspect(ContainerRow row) { ran.add("inspect " + row.id()); }
            @Override public void run(ContainerAction action, ContainerRow row) { ran.add(action + " " + row.id()); }
        }, request -> {
            asked.add(request);
            return new Confirmations.Answer(answer[0], false);
        });
        ContainerRow web = row("1", "web", "running", "", "nginx", 8080);

        assertThat(containers.remove(web)).isFalse();
        assertThat(ran).isEmpty();
        assertThat(asked).singleElement().satisfies(r -> assertThat(r.message()).contains("shop-web-1").contains("Named volumes stay"));
        answer[0] = true;
        containers.remove(web);
        containers.restart(web);
        containers.stop(web);
        containers.showLogs(web);
        containers.inspect(web);
        assertThat(ran).containsExactly("REMOVE 1", "RESTART 1", "STOP 1", "logs web", "inspect 1");
        assertThat(containers.webPort(web)).map(PublishedPort::url).contains("http://127.0.0.1:8080");
    }

    @Test
    void aStatsSampleArrivingAfterTheContainerStoppedShowsNoFigures() {
        containers.setAll(List.of(row("1", "web", "exited", "", "nginx", 0).withUsage(0, 0, 0)));
        containers.updateUsage("shop-web-1", 3.5, 42_000_000, 512_000_000);
        assertThat(containers.rows().getFirst().memoryUsage()).isZero();
    }
}
