package dev.berth.app.cli;

import java.time.Duration;
import java.time.Instant;

/** Docker's wording for times and sizes: "2 minutes ago", "5.3MB". */
final class Humanize {

    private Humanize() {}

    static String ago(long epochSeconds, Instant now) {
        Duration age = Duration.between(Instant.ofEpochSecond(epochSeconds), now);
        long seconds = Math.max(0, age.toSeconds());
        if (seconds < 1) {
            return "Less than a second ago";
        }
        if (seconds < 60) {
            return plural(seconds, "second") + " ago";
        }
        if (seconds < 3600) {
            return seconds < 120 ? "About a minute ago" : plural(seconds / 60, "minute") + " ago";
        }
        if (seconds < 86_400) {
            return seconds < 7200 ? "About an hour ago" : plural(seconds / 3600, "hour") + " ago";
        }
        return plural(seconds / 86_400, "day") + " ago";
    }

    /** A command as {@code docker ps} shows it: quoted, cut to 20 characters with an ellipsis. */
    static String command(String command) {
        String text = command == null ? "" : command;
        if (text.length() > 20) {
            text = text.substring(0, 19) + "…";
        }
        return "\"" + text + "\"";
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }
}
