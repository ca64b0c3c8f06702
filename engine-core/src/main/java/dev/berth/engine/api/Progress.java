package dev.berth.engine.api;

import dev.berth.engine.api.model.ProgressMessage;
import dev.berth.engine.stream.EngineStream;
import java.util.function.Consumer;

/** Helpers for pull/push/build progress streams. */
public final class Progress {

    private Progress() {}

    /** Throws the error a progress message carries, if any. */
    public static void throwIfFailed(ProgressMessage message, String what) {
        if (message.error() != null || message.errorDetail() != null && message.errorDetail().message() != null) {
            String text = message.errorDetail() != null && message.errorDetail().message() != null
                    ? message.errorDetail().message() : message.error();
            throw new EngineApiException(200, text, what);
        }
    }

    /**
     * Reads a progress stream to its end, handing each message to {@code onMessage}, and fails on the first
     * error message. Returns the last message (for build: where {@code aux} carries the image id).
     */
    public static ProgressMessage await(EngineStream<ProgressMessage> stream, String what, Consumer<ProgressMessage> onMessage) {
        ProgressMessage last = null;
        try (stream) {
            for (ProgressMessage message : stream) {
                onMessage.accept(message);
                throwIfFailed(message, what);
                last = message;
            }
        }
        return last;
    }
}
