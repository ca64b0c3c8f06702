package dev.berth.compose.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The desired state of one service after loading: every short syntax expanded, paths absolute,
 * {@code extends} resolved, variables interpolated. Fields the orchestrator needs are typed; the
 * rarely used ones the schema allows are kept as written in {@link #otherFields()} (nothing the user
 * writes is dropped), and {@code x-*} keys in {@link #extensions()}.
 *
 * <p>Sizes are bytes, durations {@link Duration}s. Collections are never null (empty instead);
 * optional scalars are null when not set. {@code environment} values are null for variables that
 * are declared but unset.
 */
public record ServiceSpec(
        String name,
        String image,
        BuildSpec build,
        List<String> command,
        List<String> entrypoint,
        Map<String, String> environment,
        List<EnvFile> envFiles,
        Map<String, String> labels,
        Map<String, String> annotations,
        List<PortSpec> ports,
        List<String> expose,
        List<VolumeMount> volumes,
        List<String> volumesFrom,
        List<String> tmpfs,
        Map<String, Dependency> dependsOn,
        List<String> links,
        List<String> externalLinks,
        HealthcheckSpec healthcheck,
        String restart,
        Map<String, ServiceNetwork> networks,
        String networkMode,
        String ipc,
        String pid,
        String uts,
        String cgroup,
        DeploySpec deploy,
        Integer scale,
        String containerName,
        String hostname,
        String domainname,
        String user,
        String workingDir,
        Duration stopGracePeriod,
        String stopSignal,
        boolean tty,
        boolean stdinOpen,
        boolean privileged,
        boolean readOnly,
        Boolean init,
        List<String> capAdd,
        List<String> capDrop,
        List<String> securityOpt,
        Map<String, Ulimit> ulimits,
        Map<String, List<String>> extraHosts,
        List<String> dns,
        List<String> dnsSearch,
        List<String> dnsOpt,
        Map<String, String> sysctls,
        String pullPolicy,
        String platform,
        List<String> profiles,
        LoggingSpec logging,
        List<FileReference> secrets,
        List<FileReference> configs,
        Long shmSize,
        Long memLimit,
        Long memReservation,
        Long memswapLimit,
        Double cpus,
        List<String> devices,
        Map<String, Object> develop,
        Map<String, Object> otherFields,
        Map<String, Object> extensions) {

    /**
     * Replicas to run, the one rule every part of Berth uses (the graph card, {@code up}, the planner,
     * the consistency checks): see {@link #replicas(Integer, Integer)}.
     */
    public int replicas() {
        return replicas(scale, deploy == null ? null : deploy.replicas());
    }

    /**
     * {@code scale}, else {@code deploy.replicas}, else 1 — compose-go's {@code GetScale}. A file that
     * sets both to different values is refused when loading, so the order only matters when the
     * consistency checks are switched off.
     */
    public static int replicas(Integer scale, Integer deployReplicas) {
        if (scale != null) {
            return scale;
        }
        return deployReplicas == null ? 1 : deployReplicas;
    }
}
