package dev.reactorstudio.runtime.session;

import java.time.Instant;

/**
 * A snapshot of a session for status endpoints and views.
 *
 * @param emitRateFps  the model's smoothed generation rate (capped by fps) the pacer releases at
 * @param deliveryFps  frames per second actually released to sinks
 * @param queuedFrames frames waiting in the pacer
 * @param stopReason   why a stop was requested, or null
 */
public record SessionInfo(String id, SessionState state, Instant startedAt, int clients, double emitRateFps,
                          double deliveryFps, int queuedFrames, EndReason stopReason) {}
