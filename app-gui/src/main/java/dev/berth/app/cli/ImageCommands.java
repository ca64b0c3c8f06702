package dev.berth.app.cli;

import dev.berth.engine.api.EngineApiException;
import dev.berth.engine.api.model.ImageInspect;
import dev.berth.engine.compose.ServiceContainer;
import dev.berth.engine.format.ByteSize;
import dev.berth.engine.format.ByteSize.Base;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** The image verbs: {@code pull} and {@code build} for the project's services, {@code images} for what its containers run. */
final class ImageCommands {

    private ImageCommands() {}

    @Command(name = "pull", description = "Pull service images.")
    static final class Pull extends LifecycleCommands.ServicesCommand {
        @Override
        int run(CliSession session) {
            session.compose().pull(session.project(), selected(session), session.progress("Pulling"));
            return 0;
        }
    }

    @Command(name = "build", description = "Build or rebuild services.")
    static final class Build extends LifecycleCommands.ServicesCommand {
        @Override
        int run(CliSession session) {
            session.compose().build(session.project(), selected(session), session.progress("Building"));
            return 0;
        }
    }

    @Command(name = "images", description = "List images used by the created containers.")
    static final class Images extends ComposeCommand {
        @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Only these services.")
        List<String> services = new ArrayList<>();

        @Override
        int run(CliSession session) {
            List<ServiceContainer> containers = session.compose().ps(session.projectName(), session.services(services), true);
            Table table = new Table("CONTAINER", "REPOSITORY", "TAG", "IMAGE ID", "SIZE");
            for (ServiceContainer container : containers) {
                String repository = container.image();
                String tag = "latest";
                int colon = repository.lastIndexOf(':');
                if (colon > repository.lastIndexOf('/')) {
                    tag = repository.substring(colon + 1);
                    repository = repository.substring(0, colon);
                }
                String id = "";
                String size = "";
                try {
                    ImageInspect image = session.client().images().inspect(container.image());
                    id = shortId(image.id());
                    size = image.size() == null ? "" : ByteSize.compact(image.size(), Base.DECIMAL);
                } catch (EngineApiException e) {
                    if (!e.isNotFound()) {
                        throw e;
                    }
                }
                table.row(container.name(), repository, tag, id, size);
            }
            table.print(session.out());
            return 0;
        }

        static String shortId(String id) {
            String bare = id == null ? "" : id.startsWith("sha256:") ? id.substring(7) : id;
            return bare.length() > 12 ? bare.substring(0, 12) : bare;
        }
    }
}
