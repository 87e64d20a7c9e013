package dev.reactorstudio.studio.services;

import java.util.List;

/**
 * Which loggers belong to one service: those under any {@code include} prefix and under no
 * {@code exclude} prefix. The runtime's row takes all of {@code dev.reactorstudio.runtime} except
 * the packages the coordinator and media rows claim, so every engine line lands in exactly one row.
 */
public record LoggerScope(List<String> include, List<String> exclude) {
    /** Every line of the JVM (the Log tool window). */
    public static final LoggerScope ALL = new LoggerScope(List.of(""), List.of());

    public LoggerScope {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
    }

    public static LoggerScope of(String... prefixes) {
        return new LoggerScope(List.of(prefixes), List.of());
    }

    /** This scope minus the loggers of {@code others} (their includes become our excludes). */
    public LoggerScope without(LoggerScope... others) {
        List<String> more = new java.util.ArrayList<>(exclude);
        for (LoggerScope other : others) {
            more.addAll(other.include);
        }
        return new LoggerScope(include, more);
    }

    public boolean contains(String logger) {
        return include.stream().anyMatch(p -> under(logger, p)) && exclude.stream().noneMatch(p -> under(logger, p));
    }

    /** {@code a.b.c} is under {@code a.b}, but {@code a.bc} is not. */
    private static boolean under(String logger, String prefix) {
        return prefix.isEmpty() || logger.equals(prefix)
                || (logger.startsWith(prefix) && logger.charAt(prefix.length()) == '.');
    }
}
