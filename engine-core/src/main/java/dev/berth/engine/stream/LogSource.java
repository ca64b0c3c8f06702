package dev.berth.engine.stream;

/** Which stream a log line or exec output came from; the ordinal is the multiplexing header's stream byte. */
public enum LogSource {
    STDIN, STDOUT, STDERR, SYSTEM;

    static LogSource ofHeaderByte(int b) {
        return switch (b) {
            case 0 -> STDIN;
            case 1 -> STDOUT;
            case 2 -> STDERR;
            default -> SYSTEM;
        };
    }
}
