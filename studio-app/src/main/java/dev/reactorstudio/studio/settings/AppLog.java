package dev.reactorstudio.studio.settings;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * The app's log file: everything logged also goes to {@code studio.log} in the user's state folder,
 * rolled at 5 MB with four older files kept ({@code studio.1.log} … {@code studio.4.log}) — logback's
 * own rolling appender, added to the root logger when the app starts (tests do not write one).
 */
public final class AppLog {
    static final String APPENDER = "studio-file";
    private static volatile Path folder;

    private AppLog() {}

    /** Starts writing {@code folder/studio.log}; idempotent. */
    public static void install(Path logFolder, String maxFileSize) {
        install(logFolder, maxFileSize, 60_000);
    }

    /** @param checkMillis how often the file's size is looked at (logback's default: a minute) */
    static synchronized void install(Path logFolder, String maxFileSize, long checkMillis) {
        if (folder != null) {
            return;
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName(APPENDER);
        appender.setFile(logFolder.resolve("studio.log").toString());
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(logFolder.resolve("studio.%i.log").toString());
        rolling.setMinIndex(1);
        rolling.setMaxIndex(4);
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(FileSize.valueOf(maxFileSize));
        trigger.setCheckIncrement(ch.qos.logback.core.util.Duration.buildByMilliseconds((double) checkMillis));
        trigger.start();
        appender.setRollingPolicy(rolling);
        appender.setTriggeringPolicy(trigger);
        appender.setEncoder(encoder);
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        folder = logFolder;
    }

    /** Stops writing the file (tests). */
    public static synchronized void uninstall() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        var appender = root.getAppender(APPENDER);
        if (appender != null) {
            root.detachAppender(appender);
            appender.stop();
        }
        folder = null;
    }

    /** The folder the log file is written to; empty when this process writes none. */
    public static Optional<Path> folder() {
        return Optional.ofNullable(folder);
    }
}
