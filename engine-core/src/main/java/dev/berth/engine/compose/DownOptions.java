package dev.berth.engine.compose;

import java.time.Duration;

/**
 * The flags of {@code down}.
 *
 * @param removeVolumes {@code -v}: also remove the project's named volumes (never external ones) and
 *                      anonymous volumes of its containers
 * @param removeImages  {@code --rmi}: NONE, LOCAL (images built for services without a custom tag) or ALL
 * @param removeOrphans {@code --remove-orphans} (containers of services no longer in the file)
 * @param timeout       {@code -t}: stop timeout, or null for each service's {@code stop_grace_period}
 */
public record DownOptions(boolean removeVolumes, RemoveImages removeImages, boolean removeOrphans, Duration timeout) {

    public static DownOptions defaults() {
        return new DownOptions(false, RemoveImages.NONE, false, null);
    }

    public enum RemoveImages {
        NONE,
        LOCAL,
        ALL
    }
}
