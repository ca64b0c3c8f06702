package dev.berth.engine.compose.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressRenderersTest {

    private final StringWriter buffer = new StringWriter();
    private final PrintWriter out = new PrintWriter(buffer, true);

    @Test
    void plainRendererPrintsOneLinePerEventLikeCompose() {
        PlainProgressRenderer renderer = new PlainProgressRenderer(out);
        renderer.onEvent(ProgressEvent.working(ResourceKind.NETWORK, "demo_default", null, "Creating"));
        renderer.onEvent(ProgressEvent.done(ResourceKind.NETWORK, "demo_default", null, "Created"));
        renderer.onEvent(ProgressEvent.error(ResourceKind.CONTAINER, "demo-web-1", "web", "Error", "port 8080 is already allocated"));

        assertThat(buffer.toString().lines()).containsExactly(
                " Network demo_default  Creating",
                " Network demo_default  Created",
                " Container demo-web-1  Error  port 8080 is already allocated");
    }

    @Test
    void jsonRendererEscapesTextAndIncludesProgress() {
        JsonProgressRenderer renderer = new JsonProgressRenderer(out);
        renderer.onEvent(ProgressEvent.working(ResourceKind.IMAGE, "busybox", "web", "Pulling").withProgress(5_000_000, 10_000_000));
        renderer.onEvent(ProgressEvent.error(ResourceKind.CONTAINER, "demo-web-1", "web", "Error", "bad \"quote\"\nnext"));

        String[] lines = buffer.toString().split("\n");
        assertThat(lines[0]).startsWith("{\"id\":\"Image busybox\",\"kind\":\"image\",\"name\":\"busybox\",\"service\":\"web\",\"status\":\"working\",\"text\":\"Pulling\",\"current\":5000000,\"total\":10000000");
        assertThat(lines[1]).contains("\"detail\":\"bad \\\"quote\\\"\\nnext\"").contains("\"status\":\"error\"");
    }

    @Test
    void ttyRendererKeepsOneLinePerResourceAndCountsFinishedOnes() {
        TtyProgressRenderer renderer = new TtyProgressRenderer(out, "Running");
        renderer.onEvent(ProgressEvent.done(ResourceKind.NETWORK, "demo_default", null, "Created"));
        renderer.onEvent(ProgressEvent.working(ResourceKind.CONTAINER, "demo-web-1", "web", "Starting"));
        renderer.onEvent(ProgressEvent.done(ResourceKind.CONTAINER, "demo-web-1", "web", "Started"));
        renderer.finish();

        String screen = buffer.toString();
        String lastFrame = screen.substring(screen.lastIndexOf("[+]"));
        assertThat(lastFrame).contains("Running 2/2");
        assertThat(lastFrame.lines().filter(l -> l.contains("demo-web-1")).count()).isEqualTo(1);
        assertThat(lastFrame).contains("Started");
        // the frame is redrawn in place: the cursor moves back up over the previous frame
        assertThat(screen).contains("\u001b[3F");
    }
}
