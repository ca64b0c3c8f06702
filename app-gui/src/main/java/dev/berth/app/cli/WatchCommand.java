package dev.berth.app.cli;

import dev.berth.compose.model.Project;
import dev.berth.engine.compose.ComposeException;
import dev.berth.engine.compose.UpOptions;
import dev.berth.engine.compose.watch.ComposeWatch;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth watch}, as {@code docker compose watch}: brings the services up (unless {@code --no-up}), then
 * follows their {@code develop.watch} paths until Ctrl-C, printing each sync, rebuild and restart.
 */
@Command(name = "watch", description = "Watch the build context of services and sync, rebuild or restart them when files change.")
final class WatchCommand extends ComposeCommand {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Only these services (default: every service with develop.watch).")
    List<String> services = new ArrayList<>();

    @Option(names = "--no-up", description = "Do not build and start the services before watching.")
    boolean noUp;

    @Option(names = "--quiet", description = "Print only failures.")
    boolean quiet;

    @Override
    int run(CliSession session) {
        Project project = session.project();
        Set<String> selected = session.services(services);
        PrintWriter out = session.out();
        if (!noUp) {
            session.compose().up(project, UpOptions.defaults().withServices(selected), session.progress("Running"));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (ComposeWatch watch = new ComposeWatch(session.compose(), project, selected, ComposeWatch.QUIET_PERIOD, event -> {
            if (!quiet || event.kind() == ComposeWatch.WatchEvent.Kind.FAILED) {
                synchronized (out) {
                    out.println(LocalTime.now().format(TIME) + " " + event.message());
                    out.flush();
                }
            }
        }); CtrlC ctrlC = CtrlC.install(stopped::countDown, stopped::countDown)) {
            watch.start();
            out.println("Watch enabled: press Ctrl-C to stop.");
            out.flush();
            stopped.await();
        } catch (ComposeException e) {
            throw new CliException(e.getMessage());
        } catch (IOException e) {
            throw new CliException("cannot watch: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.println("Watch stopped.");
        out.flush();
        return 0;
    }
}
