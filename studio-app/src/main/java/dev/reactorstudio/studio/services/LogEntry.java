package dev.reactorstudio.studio.services;

import java.time.Instant;

/** One log line as the consoles show it. {@code level} is logback's integer level (higher = more severe). */
public record LogEntry(Instant time, String levelName, int level, String logger, String thread, String message) {

    /** Whether this line belongs to the service whose loggers {@code scope} names. */
    public boolean from(LoggerScope scope) {
        return scope.contains(logger);
    }
}
