package dev.berth.app.gui.main;

import static dev.berth.app.gui.main.ServiceMenuItems.Item.ATTACH;
import static dev.berth.app.gui.main.ServiceMenuItems.Item.BROWSE_FILES;
import static dev.berth.app.gui.main.ServiceMenuItems.Item.BUILD;
import static dev.berth.app.gui.main.ServiceMenuItems.Item.INSPECT;
import static dev.berth.app.gui.main.ServiceMenuItems.Item.LOGS;
import static dev.berth.app.gui.main.ServiceMenuItems.Item.OPEN_PORT;
import static dev.berth.app.gui.main.ServiceMenuItems.Item.OPEN_SHELL;
import static dev.berth.app.gui.main.ServiceMenuItems.Item.OPEN_SHELL_WITH;
import static dev.berth.app.gui.main.ServiceMenuItems.Item.PULL;
import static dev.berth.app.gui.main.ServiceMenuItems.Item.RECREATE;
import static dev.berth.app.gui.main.ServiceMenuItems.Item.RESTART;
import static dev.berth.app.gui.main.ServiceMenuItems.Item.START;
import static dev.berth.app.gui.main.ServiceMenuItems.Item.STOP;
import static dev.berth.app.gui.main.ServiceMenuItems.Item.UP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.gui.graph.ServiceState;
import org.junit.jupiter.api.Test;

/** Issue 12, defect 9: the card menu offers what applies to the service as it is. */
class ServiceMenuItemsTest {

    @Test
    void aRunningServiceOffersStopNotStartAndNoBuildWithoutABuildSection() {
        assertThat(ServiceMenuItems.enabled(ServiceState.HEALTHY, false, true))
                .containsExactlyInAnyOrder(LOGS, INSPECT, OPEN_SHELL, OPEN_SHELL_WITH, ATTACH, BROWSE_FILES, OPEN_PORT, UP, RESTART, STOP, PULL, RECREATE);
    }

    @Test
    void aStoppedServiceOffersStartNotStopAndNoPortToOpen() {
        assertThat(ServiceMenuItems.enabled(ServiceState.exited(0), true, true))
                .containsExactlyInAnyOrder(LOGS, INSPECT, BROWSE_FILES, UP, RESTART, START, PULL, BUILD, RECREATE);
    }

    @Test
    void aServiceWithoutContainersOffersOnlyUpPullAndItsBuild() {
        assertThat(ServiceMenuItems.enabled(ServiceState.NOT_CREATED, true, false)).containsExactlyInAnyOrder(UP, PULL, BUILD);
        assertThat(ServiceMenuItems.enabled(ServiceState.NOT_CREATED, false, false)).containsExactlyInAnyOrder(UP, PULL);
    }

    @Test
    void aCrashLoopCanBeStoppedAndItsLogsRead() {
        assertThat(ServiceMenuItems.enabled(ServiceState.RESTARTING, false, false)).contains(STOP, LOGS).doesNotContain(START);
    }
}
