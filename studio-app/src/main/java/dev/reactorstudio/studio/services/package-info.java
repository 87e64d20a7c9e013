/**
 * Running the model's services in-process, exactly as {@code reactor run} does — runtime API,
 * JS SDK coordinator with its viewer page, and LiveKit-compatible media server
 * ({@link dev.reactorstudio.studio.services.StudioServices} owns the one thread that starts and
 * stops them) — the Services tool window with a status light, port and URL per service, and the
 * log consoles fed by a logback appender through a bounded buffer, each service's lines chosen by
 * its {@link dev.reactorstudio.studio.services.LoggerScope}.
 */
package dev.reactorstudio.studio.services;
