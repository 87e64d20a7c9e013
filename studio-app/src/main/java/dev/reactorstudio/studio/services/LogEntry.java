package dev.reactorstudio.studio.services;

import java.time.Instant;

/** One log line as the consoles show it. {@code level} is logback's integer level (higher = more severe). */
public record LogEntry(Instant time, String levelName, int level, String logger, String thread, String message) {

    /** Whether this line belongs to a service whose loggers start with {@code loggerPrefix} ("" = all). */
    public boolean from(String loggerPrefix) {
        if (loggerPrefix.isEmpty()) {
            return true;
        }
        for (String prefix : loggerPrefix.split(",")) {
            if (logger.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
