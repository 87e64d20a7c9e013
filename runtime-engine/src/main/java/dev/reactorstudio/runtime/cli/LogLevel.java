package dev.reactorstudio.runtime.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** The seed's log levels (CRITICAL..DEBUG) mapped onto logback. */
@SuppressWarnings("ImmutableEnumChecker") // logback's Level has only final fields; it is just not annotated @Immutable
enum LogLevel {
    CRITICAL(Level.ERROR), ERROR(Level.ERROR), WARNING(Level.WARN), INFO(Level.INFO), DEBUG(Level.DEBUG);

    private final Level level;

    LogLevel(Level level) {
        this.level = level;
    }

    void apply() {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
            root.setLevel(level);
        }
    }
}
