package dev.berth.bridge.vm;

import dev.berth.compose.model.Project;
import dev.berth.compose.model.ServiceSpec;
import dev.berth.compose.model.VolumeMount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Before anything is created on Berth's VM: every bind mount of the project must lie inside a share, or the guest
 * engine would silently create an empty folder at that path inside the VM (what users of other VM engines trip
 * over). Pure: the compose model and the VM's shares in, the refusals out, each naming the service, the path and
 * the setting that adds a share.
 */
public final class BindMountCheck {

    /** One bind mount outside every share. */
    public record Outside(String service, Path source, String target) {}

    private BindMountCheck() {}

    public static List<Outside> outside(Project project, List<VmShare> shares) {
        List<Outside> result = new ArrayList<>();
        for (Map.Entry<String, ServiceSpec> service : project.services().entrySet()) {
            List<VolumeMount> volumes = service.getValue().volumes();
            if (volumes == null) {
                continue;
            }
            for (VolumeMount mount : volumes) {
                if (!"bind".equals(mount.type()) || mount.source() == null) {
                    continue;
                }
                Path source = Path.of(mount.source());
                if (!source.isAbsolute() || isEngineSocket(source)) {
                    continue; // a relative source cannot reach here (the loader resolves it); the engine's own socket is the guest's
                }
                if (shares.stream().noneMatch(share -> share.covers(source))) {
                    result.add(new Outside(service.getKey(), source.normalize(), mount.target()));
                }
            }
        }
        return List.copyOf(result);
    }

    /** The engine socket bind-mounted into a container (Traefik, Portainer…) is the guest engine's, which is right. */
    private static boolean isEngineSocket(Path source) {
        return source.equals(Path.of("/var/run/docker.sock")) || source.equals(Path.of("/run/docker.sock"));
    }

    /** The error for these refusals, or null when there are none. */
    public static String message(List<Outside> outside, List<VmShare> shares, String profile, Path settingsFile) {
        if (outside.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (Outside o : outside) {
            text.append("service ").append(o.service()).append(": the bind mount ").append(o.source()).append(':').append(o.target())
                    .append(" is outside the folders Berth's VM '").append(profile).append("' shares with the host (")
                    .append(shares.isEmpty() ? "none" : String.join(", ", shares.stream().map(s -> s.hostPath().toString()).toList()))
                    .append(")\n");
        }
        Path first = outside.getFirst().source();
        text.append("add a share with: berth vm settings --name ").append(profile).append(" --share ").append(first)
                .append(" (the '").append(VmSettings.SHARES_KEY).append("' setting in ").append(settingsFile)
                .append("), then berth vm restart --name ").append(profile);
        return text.toString();
    }
}
