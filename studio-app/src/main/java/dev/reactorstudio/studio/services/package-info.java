/**
 * Running the model's services in-process, exactly as {@code reactor run} does
 * ({@link dev.reactorstudio.studio.services.StudioServices} owns the one thread that starts and
 * stops them), the Services tool window with status lights and URLs, and the log consoles fed by
 * a logback appender through a bounded buffer.
 */
package dev.reactorstudio.studio.services;
