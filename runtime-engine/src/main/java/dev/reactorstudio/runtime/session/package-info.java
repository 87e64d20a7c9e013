/**
 * Sessions: one model instance serving one session at a time, frame pacing, the command
 * thread, and the sinks through which frames, messages and events leave the session layer.
 * Depends on {@code api} and {@code frame} only; servers plug in as sinks.
 */
package dev.reactorstudio.runtime.session;
