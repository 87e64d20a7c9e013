package dev.reactorstudio.studio.services;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import dev.reactorstudio.studio.common.BoundedList;
import dev.reactorstudio.studio.common.FxBatcher;
import java.time.Instant;
import org.slf4j.LoggerFactory;

/**
 * A logback appender that copies every log line of the JVM (engine and studio) into a bounded
 * list for the consoles. Appending never blocks the logging thread: lines cross to the FX
 * thread through an {@link FxBatcher}.
 */
public final class LogTap extends AppenderBase<ILoggingEvent> {
    private static final int KEEP = 5_000;

    private final BoundedList<LogEntry> lines = new BoundedList<>(KEEP);
    private final FxBatcher<LogEntry> batcher = new FxBatcher<>(KEEP, lines::addAll);

    /** Attaches a tap to the root logger. Call on the FX thread once the toolkit runs. */
    public static LogTap install() {
        LogTap tap = new LogTap();
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            tap.setContext(context);
            tap.setName("studio-console");
            tap.start();
            context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(tap);
        }
        return tap;
    }

    /** Detaches from the root logger (on close, and between tests). */
    public void uninstall() {
        if (getContext() instanceof LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(this);
        }
        stop();
    }

    public BoundedList<LogEntry> lines() {
        return lines;
    }

    @Override
    protected void append(ILoggingEvent event) {
        String message = event.getFormattedMessage();
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            message = message + " — " + thrown.getClassName() + ": " + thrown.getMessage();
        }
        batcher.offer(new LogEntry(Instant.ofEpochMilli(event.getTimeStamp()), event.getLevel().toString(),
                event.getLevel().toInt(), event.getLoggerName(), event.getThreadName(), message));
    }
}
